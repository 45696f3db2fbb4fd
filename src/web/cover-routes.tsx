import type { Context, Hono } from 'hono';
import { allows } from '../auth/roles.js';
import { parseSelector } from '../notify/covers.js';
import { activeCovers } from '../notify/covers-repo.js';
import { recurringCovers } from '../notify/hold.js';
import { boardTimeZone } from '../routines/board.js';
import type { WebEnv } from './context.js';
import {
  ActionError,
  type Actor,
  acknowledge,
  closeSpan,
  openSpan,
  parseFor,
  unacknowledge,
} from './cover-actions.js';
import { need } from './guard.js';
import { pageView } from './page-view.js';
import { SpansPage } from './pages/cover-forms.js';
import { Layout } from './pages/layout.js';

/** Acknowledge, silence, maintenance from the pages (operator); the list of what is in force (viewer). */
export function coverRoutes(app: Hono<WebEnv>): void {
  app.post('/hosts/:host/checks/:check/ack', need('operator'), async (c) => {
    const { host, check } = c.req.param();
    const body = await c.req.parseBody();
    return act(c, checkPath(host, check), async (who, now) => {
      await acknowledge(c.get('deps').store, who, {
        target: host,
        check,
        reason: str(body.reason),
        forMs: parseFor(str(body.for)),
        now,
      });
    });
  });

  app.post('/hosts/:host/checks/:check/unack', need('operator'), async (c) => {
    const { host, check } = c.req.param();
    return act(c, checkPath(host, check), (who, now) =>
      unacknowledge(c.get('deps').store, who, { target: host, check, now }),
    );
  });

  app.get('/silences', need('viewer'), async (c) => {
    const deps = c.get('deps');
    const v = pageView(c);
    const session = c.get('session')!;
    const covers = [
      ...(await activeCovers(deps.store.conn.db, v.now)).filter((x) => x.type !== 'ack'),
      ...recurringCovers(deps.config.maintenance, v.now, boardTimeZone(deps.config)),
    ];
    const error = c.req.query('error');
    return c.html(
      <Layout v={v} title={v.w('span.title')} session={session}>
        {error && <p class="err">{error}</p>}
        <SpansPage v={v} session={session} covers={covers} canAct={allows(session.user.role, 'operator')} />
      </Layout>,
    );
  });

  for (const type of ['silence', 'maintenance'] as const) {
    const path = type === 'silence' ? '/silences' : '/maintenance';
    app.post(path, need('operator'), async (c) => {
      const body = await c.req.parseBody();
      return act(c, '/silences', async (who, now) => {
        const selector = parseSelector(str(body.selector));
        if (typeof selector === 'string') throw new ActionError(selector);
        await openSpan(c.get('deps').store, who, {
          type,
          selector,
          reason: str(body.reason),
          forMs: parseFor(str(body.for)),
          endWhenOk: body.end_when_ok === '1',
          now,
        });
      });
    });
    app.post(`${path}/:id/end`, need('operator'), async (c) =>
      act(c, '/silences', (who, now) =>
        closeSpan(c.get('deps').store, who, { type, id: c.req.param('id'), now }),
      ),
    );
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const checkPath = (host: string, check: string) =>
  `/hosts/${encodeURIComponent(host)}/checks/${encodeURIComponent(check)}`;

/** Runs an action as the session's user; back to `to`, with the refusal in the page when it is refused. */
async function act(c: Context<WebEnv>, to: string, fn: (who: Actor, now: Date) => Promise<unknown>) {
  const deps = c.get('deps');
  const who: Actor = { name: c.get('session')!.user.name, address: c.get('address'), channel: 'web' };
  try {
    await fn(who, deps.now?.() ?? new Date());
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    return c.redirect(`${to}?error=${encodeURIComponent(err.message)}`, 303);
  }
  return c.redirect(to, 303);
}
