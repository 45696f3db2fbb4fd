import type { Hono } from 'hono';
import type { WebEnv } from './context.js';
import { need } from './guard.js';
import { Layout } from './pages/layout.js';

/** The pages (server-rendered); each names the least role it needs. */
export function pageRoutes(app: Hono<WebEnv>): void {
  app.get('/', need('viewer'), (c) => {
    const session = c.get('session')!;
    return c.html(
      <Layout title="Home" session={session}>
        <h1>ronde</h1>
      </Layout>,
    );
  });
}
