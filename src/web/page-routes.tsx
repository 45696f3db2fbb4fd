import type { Context, Hono } from 'hono';
import { allows } from '../auth/roles.js';
import { setLanguage } from '../auth/users.js';
import { linkedSuggestions } from '../routines/suggestions.js';
import { listAudit } from '../store/audit.js';
import { loadBackups } from './backups.js';
import type { WebEnv } from './context.js';
import { loadBoardRows, loadCheck, loadHome, loadHost, loadProblems } from './data.js';
import { need } from './guard.js';
import { pageView } from './page-view.js';
import { AuditPage } from './pages/audit.js';
import { BackupsPage } from './pages/backups.js';
import { AckForm, SpanForm } from './pages/cover-forms.js';
import { Counts, HomePage, ProblemsByHost } from './pages/home.js';
import { CheckPage, HostPage } from './pages/host.js';
import { Layout } from './pages/layout.js';
import { ReleasesPage } from './pages/releases.js';
import { RoutinePage } from './pages/routine.js';
import { loadReleases } from './releases.js';
import { isRefusal, signOff } from './signoff.js';

/** The pages (server-rendered); each names the least role it needs. */
export function pageRoutes(app: Hono<WebEnv>): void {
  app.get('/', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const home = await loadHome(deps.store, deps.config, deps.daemon, v.now);
    return c.html(
      <Layout v={v} title="ronde" session={session}>
        <HomePage v={v} home={home} />
      </Layout>,
    );
  });

  app.get('/problems', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const fleet = await loadProblems(deps.store, deps.config, deps.daemon, v.now);
    return c.html(
      <Layout v={v} title={v.w('home.problems')} session={session}>
        <h2>{v.w('home.problems')}</h2>
        <Counts v={v} counts={fleet.counts} />
        <ProblemsByHost v={v} problems={fleet.problems} />
      </Layout>,
    );
  });

  app.get('/backups', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const sets = await loadBackups(deps.store);
    return c.html(
      <Layout v={v} title={v.w('backups.title')} session={session}>
        <BackupsPage v={v} sets={sets} />
      </Layout>,
    );
  });

  app.get('/releases', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const watches = await loadReleases(deps.store, deps.config);
    return c.html(
      <Layout v={v} title={v.w('releases.title')} session={session}>
        <ReleasesPage v={v} watches={watches} />
      </Layout>,
    );
  });

  app.get('/hosts/:host', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const host = await loadHost(deps.store, deps.config, c.req.param('host'), v.now);
    if (!host.known) return c.text('no such host', 404);
    return c.html(
      <Layout v={v} title={host.host} session={session}>
        <HostPage v={v} host={host}>
          {c.req.query('error') && <p class="err">{c.req.query('error')}</p>}
          {allows(session.user.role, 'operator') && (
            <SpanForm v={v} session={session} type="maintenance" selector={`host=${host.host}`} />
          )}
        </HostPage>
      </Layout>,
    );
  });

  app.get('/hosts/:host/checks/:check', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const view = await loadCheck(deps.store, deps.config, c.req.param('host'), c.req.param('check'), v.now);
    if (!view) return c.text('no such check on this host', 404);
    return c.html(
      <Layout v={v} title={`${view.state.target} · ${view.state.check}`} session={session}>
        <CheckPage v={v} view={view}>
          {c.req.query('error') && <p class="err">{c.req.query('error')}</p>}
          {allows(session.user.role, 'operator') && view.state.status !== 'OK' && (
            <AckForm
              v={v}
              session={session}
              host={view.state.target}
              check={view.state.check}
              acked={view.state.covers.some((x) => x.type === 'ack')}
            />
          )}
        </CheckPage>
      </Layout>,
    );
  });

  app.get('/routines/:id', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const row = (await loadBoardRows(deps.store, deps.config, v.now, c.req.param('id'))).find(
      (e) => e.routine.id === c.req.param('id'),
    );
    if (!row) return c.text('no such routine', 404);
    const done = c.req.query('done');
    return c.html(
      <Layout v={v} title={row.routine.title} session={session}>
        <RoutinePage
          v={v}
          row={row}
          session={session}
          suggestions={await linkedSuggestions(deps.store.conn.db, row.linked.results)}
          {...(done && /^\d+$/.test(done) ? { message: v.w('routine.recorded', { id: done }) } : {})}
        />
      </Layout>,
    );
  });

  app.post('/routines/:id/done', need('operator'), async (c) => {
    const { deps, v, session } = ctx(c);
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const raw = Array.isArray(body.item) ? body.item : body.item === undefined ? [] : [body.item];
    const out = await signOff(deps.store, deps.config, {
      routine: id,
      user: session.user.name,
      note: typeof body.note === 'string' ? body.note : '',
      items: raw.filter((x): x is string => typeof x === 'string'),
      address: c.get('address'),
      channel: 'web',
      now: v.now,
    });
    if (!isRefusal(out)) return c.redirect(`/routines/${encodeURIComponent(id)}?done=${out.id}`, 303);
    if (out.kind === 'unknown') return c.text('no such routine', 404);
    const error =
      out.kind === 'notMember'
        ? v.w('routine.notMember', { user: out.user })
        : out.kind === 'empty'
          ? v.w('routine.needNote')
          : `item ${out.item}: 1–${out.count}`;
    const row = (await loadBoardRows(deps.store, deps.config, v.now, id)).find((e) => e.routine.id === id)!;
    return c.html(
      <Layout v={v} title={row.routine.title} session={session}>
        <RoutinePage v={v} row={row} session={session} error={error} />
      </Layout>,
      422,
    );
  });

  app.post('/language', need('viewer'), async (c) => {
    const { deps, session } = ctx(c);
    const body = await c.req.parseBody();
    const lang = body.lang === 'fr' || body.lang === 'en' ? body.lang : null;
    await setLanguage(deps.store.conn, session.user.name, lang);
    const back = c.req.header('referer');
    const path = back ? new URL(back, 'http://x').pathname : '/';
    return c.redirect(path.startsWith('/') && !path.startsWith('//') ? path : '/', 303);
  });

  app.get('/audit', need('viewer'), async (c) => {
    const { deps, v, session } = ctx(c);
    const before = c.req.query('before');
    const limit = 100;
    const entries = await listAudit(deps.store.conn.db, {
      limit: limit + 1,
      ...(before && /^\d+$/.test(before) ? { before: Number(before) } : {}),
    });
    return c.html(
      <Layout v={v} title={v.w('audit.title')} session={session}>
        <AuditPage v={v} entries={entries.slice(0, limit)} more={entries.length > limit} />
      </Layout>,
    );
  });
}

function ctx(c: Context<WebEnv>) {
  return { deps: c.get('deps'), v: pageView(c), session: c.get('session')! };
}
