import { Hono } from 'hono';
import type { WebEnv } from './context.js';

/** A health answer: 200 when `ok`, else 503; the rest is the body (the reason, the facts). */
export type HealthAnswer = { ok: boolean } & Record<string, unknown>;

/**
 * The HTTP side of `ronde serve --role scheduler|worker`: `GET /healthz` only
 * (no page, no API, no session), for systemd, a load balancer or Kubernetes.
 * The answer comes in as a function: the web knows no daemon.
 */
export function healthOnlyApp(check: () => Promise<HealthAnswer>): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/healthz', async (c) => {
    const { ok, ...body } = await check();
    return c.json(body, ok ? 200 : 503);
  });
  app.notFound((c) => c.text('not found: this role of ronde serve answers GET /healthz only', 404));
  return app;
}
