import { z } from 'zod';
import { durationSchema } from '../config/duration.js';

/*
 * The `web:` section of ronde.yaml: how the team's page and the API are
 * served. Defined here and imported by config/schema.ts (no import cycle).
 */
export const webSettingsSchema = z
  .object({
    session_ttl: durationSchema
      .prefault('7d')
      .describe('How long a login lasts (default 7d); logout and a password change end it at once.'),
    cookie_secure: z
      .boolean()
      .default(true)
      .describe('Session cookie over HTTPS only (default true; browsers accept it on http://localhost too).'),
    public_metrics: z
      .boolean()
      .default(false)
      .describe('Serve GET /metrics without a session, for a Prometheus scraper (default false).'),
  })
  .strict()
  .describe('The team’s page and JSON API served by `ronde serve` (see docs/web.md).');

export type WebSettings = z.output<typeof webSettingsSchema>;

export const DEFAULT_WEB: WebSettings = webSettingsSchema.parse({});
