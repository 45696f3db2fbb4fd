import { z } from 'zod';
import { ldapSchema } from '../auth/ldap-config.js';
import { durationSchema } from '../config/duration.js';
import { secretRefProblem } from '../config/secrets.js';

/*
 * The `web:` section of ronde.yaml: how the team's page and the API are
 * served. Defined here and imported by config/schema.ts (no import cycle).
 */
const SecretString = z.string().superRefine((s, ctx) => {
  const problem = secretRefProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const mattermostCommandSchema = z
  .object({
    tokens: z
      .array(SecretString)
      .min(1)
      .describe('The token Mattermost shows for each slash command; a credential: `${env:MM_SLASH_TOKEN}`.'),
  })
  .strict()
  .describe('The `/ronde` slash command of Mattermost, answered at POST /chat/mattermost (docs/chat.md).');

export const trustedProxySchema = z
  .object({
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default('X-Forwarded-User')
      .describe('Header in which the proxy names the logged-in user (default X-Forwarded-User).'),
    addresses: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'Addresses of the reverse proxies allowed to name the user; from anywhere else the header is ignored.',
      ),
    default_role: z
      .enum(['viewer', 'operator', 'admin'])
      .default('viewer')
      .describe('Role of a user first seen through the proxy (change it with `ronde users role`).'),
  })
  .strict()
  .describe('Trust a reverse proxy (SSO) to name the user in a header. Off unless set.');

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
    mattermost: mattermostCommandSchema.optional(),
    trusted_proxy: trustedProxySchema.optional(),
    ldap: ldapSchema.optional(),
  })
  .strict()
  .describe('The team’s page and JSON API served by `ronde serve` (see docs/web.md).');

export type WebSettings = z.output<typeof webSettingsSchema>;

export const DEFAULT_WEB: WebSettings = webSettingsSchema.parse({});
