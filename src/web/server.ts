import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { LoginLimiter } from '../auth/ratelimit.js';
import { apiRoutes } from './api-routes.js';
import { authRoutes } from './auth-routes.js';
import { chatRoutes } from './chat.js';
import type { WebDeps, WebEnv } from './context.js';
import { coverRoutes } from './cover-routes.js';
import { clientAddress, csrfGate, sessionGate } from './guard.js';
import { metricsRoutes } from './metrics.js';
import { pageRoutes } from './page-routes.js';

export type { HealthSource, WebDeps } from './context.js';

/**
 * The daemon's HTTP endpoints: `GET /healthz` (200 while the loop runs, 503
 * when it is stuck, no session needed), the team's page and the JSON API
 * (a session needed; see guard.ts for who may reach what).
 */
export function createApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const limiter = new LoginLimiter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('limiter', limiter);
    c.set('address', clientAddress(c));
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  app.get('/healthz', (c) => {
    const ok = deps.daemon.healthy();
    return c.json({ status: ok ? 'ok' : 'stalled', ...deps.daemon.status() }, ok ? 200 : 503);
  });
  app.use('*', sessionGate());
  app.use('*', csrfGate());
  authRoutes(app);
  pageRoutes(app);
  coverRoutes(app);
  apiRoutes(app);
  metricsRoutes(app);
  chatRoutes(app);
  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log?.error({ err: err.message, path: c.req.path }, 'web request failed');
    return c.text('internal error (see the daemon log)', 500);
  });
  return app;
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (port 0: any free port). */
export function listen(app: Hono<WebEnv>, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        port: info.port,
        // Open keep-alive connections (a browser's) must not hold the stop: cut them.
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.on('error', reject);
  });
}
