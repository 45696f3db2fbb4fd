import type { Context, Hono } from 'hono';
import { type Cover, parseSelector } from '../notify/covers.js';
import { activeCovers } from '../notify/covers-repo.js';
import { recurringCovers } from '../notify/hold.js';
import { boardTimeZone } from '../routines/board.js';
import { listAudit } from '../store/audit.js';
import type { CurrentState } from '../store/types.js';
import { loadBackups } from './backups.js';
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
import { type BoardRow, loadBoardRows, loadCheck, loadHost, loadProblems, type Problem } from './data.js';
import { need } from './guard.js';
import { openApiRoute } from './openapi.js';
import { loadReleases } from './releases.js';
import { isRefusal, signOff } from './signoff.js';

/*
 * The JSON API: the pages' data and actions under /api/v1, with the same
 * session, roles and CSRF rule (X-CSRF-Token on every POST). docs/api.md.
 */
export const API_VERSION = 1;

export function apiRoutes(app: Hono<WebEnv>): void {
  const api = '/api/v1';
  openApiRoute(app, String(API_VERSION));

  app.get(`${api}/session`, need('viewer'), (c) => {
    const s = c.get('session')!;
    return c.json({
      user: s.user.name,
      role: s.user.role,
      csrf: s.csrf,
      expiresAt: s.expiresAt.toISOString(),
    });
  });

  app.get(`${api}/routines`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const board = await loadBoardRows(deps.store, deps.config, now);
    return c.json({
      version: API_VERSION,
      timezone: boardTimeZone(deps.config),
      routines: board.map(routineJson),
    });
  });

  app.get(`${api}/routines/:id`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const row = (await loadBoardRows(deps.store, deps.config, now, c.req.param('id'))).find(
      (e) => e.routine.id === c.req.param('id'),
    );
    if (!row) return c.json({ error: 'no such routine' }, 404);
    return c.json({
      version: API_VERSION,
      routine: {
        ...routineJson(row),
        description: row.routine.description ?? null,
        checklist: row.routine.checklist,
        linked: row.linked.results.map(stateJson),
        unmatched: row.linked.unmatched,
        history: row.log.map((s) => ({
          id: s.id,
          kind: s.kind,
          at: s.at.toISOString(),
          by: s.by,
          note: s.note,
          items: s.items,
          source: s.source,
          ...(s.undoes ? { undoes: s.undoes } : {}),
        })),
      },
    });
  });

  app.post(`${api}/routines/:id/done`, need('operator'), async (c) => {
    const { deps, now } = ctx(c);
    const body = await json(c);
    const out = await signOff(deps.store, deps.config, {
      routine: c.req.param('id'),
      user: c.get('session')!.user.name,
      note: typeof body.note === 'string' ? body.note : '',
      items: Array.isArray(body.items) ? (body.items as unknown[]).map(String) : [],
      address: c.get('address'),
      channel: 'api',
      now,
    });
    if (!isRefusal(out))
      return c.json(
        { version: API_VERSION, recorded: { id: out.id, at: out.at.toISOString(), by: out.by } },
        201,
      );
    if (out.kind === 'unknown') return c.json({ error: 'no such routine' }, 404);
    const error =
      out.kind === 'notMember'
        ? `${out.user} is not a member of team:`
        : out.kind === 'empty'
          ? 'note is required unless items are ticked'
          : `item ${out.item}: expected 1–${out.count}`;
    return c.json({ error }, 422);
  });

  app.get(`${api}/problems`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const home = await loadProblems(deps.store, deps.config, deps.daemon, now);
    return c.json({
      version: API_VERSION,
      counts: home.counts,
      hosts: home.problems.map((h) => ({
        host: h.host,
        open: h.open.map(problemJson),
        covered: h.covered.map(problemJson),
      })),
      self: { ...home.self, state: home.self.state ? stateJson(home.self.state) : null },
    });
  });

  app.get(`${api}/changes`, need('viewer'), async (c) => {
    const { deps } = ctx(c);
    const limit = Math.min(500, Math.max(1, Number(c.req.query('limit') ?? 50) || 50));
    const changes = await deps.store.history({ limit });
    return c.json({ version: API_VERSION, changes: changes.map((x) => ({ ...x, at: x.at.toISOString() })) });
  });

  app.get(`${api}/hosts/:host`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const host = await loadHost(deps.store, deps.config, c.req.param('host'), now);
    if (!host.known) return c.json({ error: 'no such host' }, 404);
    return c.json({
      version: API_VERSION,
      host: host.host,
      tags: host.tags,
      checks: host.checks.map(problemJson),
    });
  });

  app.get(`${api}/hosts/:host/checks/:check`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const view = await loadCheck(deps.store, deps.config, c.req.param('host'), c.req.param('check'), now);
    if (!view) return c.json({ error: 'no such check on this host' }, 404);
    return c.json({
      version: API_VERSION,
      check: problemJson(view.state),
      changes: view.changes.map((x) => ({ ...x, at: x.at.toISOString() })),
      recent: view.recent.map((r) => ({ ...r, at: r.at.toISOString() })),
      metric: view.metric,
    });
  });

  app.post(`${api}/hosts/:host/checks/:check/ack`, need('operator'), async (c) => {
    const body = await json(c);
    const { host, check } = c.req.param();
    return act(c, async (who, now) => ({
      id: await acknowledge(c.get('deps').store, who, {
        target: host,
        check,
        reason: typeof body.reason === 'string' ? body.reason : '',
        forMs: parseFor(typeof body.for === 'string' ? body.for : undefined),
        now,
      }),
    }));
  });

  app.post(`${api}/hosts/:host/checks/:check/unack`, need('operator'), async (c) => {
    const { host, check } = c.req.param();
    return act(c, async (who, now) => {
      await unacknowledge(c.get('deps').store, who, { target: host, check, now });
      return {};
    });
  });

  app.get(`${api}/silences`, need('viewer'), async (c) => {
    const { deps, now } = ctx(c);
    const covers = [
      ...(await activeCovers(deps.store.conn.db, now)),
      ...recurringCovers(deps.config.maintenance, now, boardTimeZone(deps.config)),
    ];
    return c.json({ version: API_VERSION, covers: covers.map(coverJson) });
  });

  for (const type of ['silence', 'maintenance'] as const) {
    const path = `${api}/${type === 'silence' ? 'silences' : 'maintenance'}`;
    app.post(path, need('operator'), async (c) => {
      const body = await json(c);
      return act(c, async (who, now) => {
        const selector =
          typeof body.selector === 'string'
            ? parseSelector(body.selector)
            : 'selector is required (host=web1)';
        if (typeof selector === 'string') throw new ActionError(selector);
        const id = await openSpan(c.get('deps').store, who, {
          type,
          selector,
          reason: typeof body.reason === 'string' ? body.reason : '',
          forMs: parseFor(typeof body.for === 'string' ? body.for : undefined),
          endWhenOk: body.endWhenOk === true,
          now,
        });
        return { id };
      });
    });
    app.post(`${path}/:id/end`, need('operator'), async (c) =>
      act(c, async (who, now) => {
        await closeSpan(c.get('deps').store, who, { type, id: c.req.param('id'), now });
        return {};
      }),
    );
  }

  app.get(`${api}/backups`, need('viewer'), async (c) => {
    const { deps } = ctx(c);
    const sets = await loadBackups(deps.store);
    return c.json({
      version: API_VERSION,
      sets: sets.map((s) => ({
        ...s,
        newestAt: s.newestAt?.toISOString() ?? null,
        sizes: s.sizes.map((p) => ({ at: new Date(p.t).toISOString(), size: p.v })),
      })),
    });
  });

  app.get(`${api}/releases`, need('viewer'), async (c) => {
    const { deps } = ctx(c);
    const watches = await loadReleases(deps.store, deps.config);
    return c.json({
      version: API_VERSION,
      watches: watches.map((w) => ({
        ...w,
        checkedAt: w.checkedAt?.toISOString() ?? null,
        rateLimitedUntil: w.rateLimitedUntil?.toISOString() ?? null,
        seen: w.seen.map((r) => ({ ...r, seenAt: r.seenAt.toISOString() })),
      })),
    });
  });

  app.get(`${api}/audit`, need('viewer'), async (c) => {
    const { deps } = ctx(c);
    const before = c.req.query('before');
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    const entries = await listAudit(deps.store.conn.db, {
      limit,
      ...(before && /^\d+$/.test(before) ? { before: Number(before) } : {}),
      ...(c.req.query('actor') ? { actor: c.req.query('actor')! } : {}),
      ...(c.req.query('action') ? { action: c.req.query('action')! } : {}),
    });
    return c.json({ version: API_VERSION, entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) });
  });
}

function ctx(c: Context<WebEnv>) {
  const deps = c.get('deps');
  return { deps, now: deps.now?.() ?? new Date() };
}

async function json(c: Context<WebEnv>): Promise<Record<string, unknown>> {
  try {
    const v: unknown = await c.req.json();
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function act(c: Context<WebEnv>, fn: (who: Actor, now: Date) => Promise<Record<string, unknown>>) {
  const who: Actor = { name: c.get('session')!.user.name, address: c.get('address'), channel: 'api' };
  try {
    return c.json({ version: API_VERSION, ...(await fn(who, ctx(c).now)) }, 200);
  } catch (err) {
    if (err instanceof ActionError) return c.json({ error: err.message }, 422);
    throw err;
  }
}

function stateJson(s: CurrentState) {
  return {
    host: s.target,
    check: s.check,
    kind: s.kind,
    status: s.status,
    summary: s.summary,
    since: s.since.toISOString(),
    lastAt: s.lastAt.toISOString(),
    ...(s.notApplicable ? { notApplicable: true } : {}),
  };
}

function coverJson(c: Cover) {
  return {
    type: c.type,
    id: c.id,
    reason: c.reason,
    by: c.by,
    at: c.at.toISOString(),
    until: c.until?.toISOString() ?? null,
    ...(c.selector ? { selector: c.selector } : {}),
    ...(c.check ? { host: c.target, check: c.check } : {}),
    ...(c.recurring ? { recurring: true } : {}),
    ...(c.endWhenOk ? { endWhenOk: true } : {}),
  };
}

const jsonOf = new WeakMap<Problem, object>();

/** Once per Problem object: an uncovered problem's is kept across requests (data.ts, problemOf). */
function problemJson(p: Problem) {
  let json = jsonOf.get(p);
  if (!json) {
    json = { ...stateJson(p), covers: p.covers.map(coverJson) };
    jsonOf.set(p, json);
  }
  return json;
}

function routineJson(r: BoardRow) {
  return {
    id: r.routine.id,
    title: r.routine.title,
    status: r.state.status,
    overdueDays: r.state.overdueDays ?? null,
    nextDue: r.state.nextDue.toISOString(),
    lastDone: r.lastDone
      ? { by: r.lastDone.by, at: r.lastDone.at.toISOString(), note: r.lastDone.note }
      : null,
    next: r.next ? { member: r.next.member.name, assigned: r.next.assigned } : null,
    linkedStatus: r.linked.status,
  };
}
