import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export interface HealthSource {
  healthy(): boolean;
  status(): object;
}

/** The daemon's HTTP endpoints. `GET /healthz`: 200 while the loop runs, 503 when it is stuck. */
export function createApp(daemon: HealthSource): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => {
    const ok = daemon.healthy();
    return c.json({ status: ok ? 'ok' : 'stalled', ...daemon.status() }, ok ? 200 : 503);
  });
  return app;
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (port 0: any free port). */
export function listen(app: Hono, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
    server.on('error', reject);
  });
}
