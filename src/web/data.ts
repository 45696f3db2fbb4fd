import type { Config } from '../config/schema.js';

import type { Status } from '../core/status.js';
import { severity } from '../core/status.js';
import { type Suggestion, suggestionsOf } from '../core/suggestions.js';
import { type Cover, coversOf } from '../notify/covers.js';
import { activeCovers } from '../notify/covers-repo.js';
import { outboxStats } from '../notify/outbox.js';
import {
  type BoardEntry,
  boardTimeZone,
  buildBoard,
  linkedByCounts,
  linkedFilter,
  linkedResults,
  selectorGroup,
} from '../routines/board.js';
import { listSignoffs, markSeen } from '../routines/repo.js';
import type { TeamMember } from '../routines/schema.js';
import { whoIsNext } from '../routines/state.js';
import {
  latestResults,
  type StateGroup,
  type StatusCounts,
  stateCounts,
  statusCounts,
} from '../store/queries.js';
import type { CurrentState, StatusChange, Store } from '../store/types.js';
import { type Reads, reads } from './memo.js';
import type { Point, Segment } from './pages/charts.js';
import { metricOf } from './pages/charts.js';

/*
 * What the pages and the API show, read from the store in one place so both
 * say the same. Covers (acknowledgements, silences, maintenance) are shown
 * beside a state, never instead of it.
 */

/** ronde's own check (daemon/self.ts), shown in its own section, not among the fleet's problems. */
const SELF_CHECK = 'ronde.self';
const SELF_TARGET = 'ronde';

export interface Problem extends CurrentState {
  covers: Cover[];
}

export interface HostProblems {
  host: string;
  /** Not covered by anything: what needs someone. */
  open: Problem[];
  /** Acknowledged, silenced or in maintenance: shown apart, never hidden. */
  covered: Problem[];
}

export interface BoardRow extends BoardEntry {
  /** The assignee, else the fair suggestion (who signed off least recently). */
  next?: { member: TeamMember; assigned: boolean };
}

export interface SelfHealth {
  state?: CurrentState;
  daemon: object;
  healthy: boolean;
  pending: number;
  failed: number;
}

export interface Home {
  tz: string;
  board: BoardRow[];
  problems: HostProblems[];
  /** Current states by status, the whole fleet's. */
  counts: StatusCounts;
  changes: StatusChange[];
  self: SelfHealth;
}

const tagsOf = new WeakMap<object, Map<string, readonly string[]>>();

/** Host → tags; made once per configuration (a reload brings a new one), not per request. */
export function hostTags(config: Pick<Config, 'hosts'>): Map<string, readonly string[]> {
  let tags = tagsOf.get(config.hosts);
  if (!tags) {
    tags = new Map(config.hosts.map((h) => [h.name, h.tags]));
    tagsOf.set(config.hosts, tags);
  }
  return tags;
}

const groupsOf = new WeakMap<object, StateGroup[][]>();

/** Each routine's selectors as store groups, per configuration (a tag's hosts are found once). */
function routineGroups(config: Config): StateGroup[][] {
  let groups = groupsOf.get(config);
  if (!groups) {
    const tags = hostTags(config);
    groups = config.routines.map((r) => r.checks.map((s) => selectorGroup(s, tags)));
    groupsOf.set(config, groups);
  }
  return groups;
}

const isProblem = (s: CurrentState) => s.status !== 'OK' && !s.notApplicable && s.check !== SELF_CHECK;

export async function loadHome(
  store: Store,
  config: Config,
  daemon: { healthy(): boolean; status(): object },
  now: Date,
): Promise<Home> {
  // Only what the page shows, each by index: never the whole fleet's states (bench/web.ts).
  const kept = await reads(store, config);
  const [board, fleet, changes] = await Promise.all([
    loadBoardRows(store, config, now, undefined, kept),
    loadProblems(store, config, daemon, now, kept),
    kept.get('home.changes', () => store.history({ limit: 15 })),
  ]);
  return { tz: boardTimeZone(config), board, ...fleet, changes };
}

export type Fleet = Pick<Home, 'problems' | 'counts' | 'self'>;

/** The problems by host (covered ones apart), the counts by status and ronde's own health. */
export async function loadProblems(
  store: Store,
  config: Config,
  daemon: { healthy(): boolean; status(): object },
  now: Date,
  kept?: Reads,
): Promise<Fleet> {
  const tags = hostTags(config);
  const r = kept ?? (await reads(store, config));
  const [problems, counts, self, covers, outbox] = await Promise.all([
    r.get('problems', async () =>
      (await latestResults(store.conn.db, { problems: true })).filter(isProblem).sort(bySeverity),
    ),
    r.get('counts', () => statusCounts(store.conn.db)),
    r.get('self', () => latestResults(store.conn.db, { target: SELF_TARGET, check: SELF_CHECK })),
    // Covers begin and end with the clock, and the outbox's "due" too: read per request.
    activeCovers(store.conn.db, now),
    outboxStats(store, now),
  ]);
  const byHost = new Map<string, HostProblems>();
  for (const s of problems) {
    const entry = byHost.get(s.target) ?? { host: s.target, open: [], covered: [] };
    const p = problemOf(s, coversOf(covers, s, tags));
    (p.covers.length > 0 ? entry.covered : entry.open).push(p);
    byHost.set(s.target, entry);
  }
  return {
    problems: [...byHost.values()].sort((a, b) => b.open.length - a.open.length || byText(a.host, b.host)),
    counts,
    self: {
      ...(self[0] ? { state: self[0] } : {}),
      daemon: daemon.status(),
      healthy: daemon.healthy(),
      pending: outbox.pending + outbox.sending,
      failed: outbox.failed,
    },
  };
}

const uncovered = new WeakMap<CurrentState, Problem>();
const NO_COVERS: Cover[] = Object.freeze([]) as unknown as Cover[];

/**
 * A state and what covers it. Most problems have no cover: theirs is made
 * once per kept state (memo.ts) rather than per request, and its JSON too
 * (api-routes.ts); shared, so frozen.
 */
function problemOf(s: CurrentState, covers: Cover[]): Problem {
  if (covers.length > 0) return { ...s, covers };
  let p = uncovered.get(s);
  if (!p) {
    p = { ...s, covers: NO_COVERS };
    uncovered.set(s, p);
  }
  return p;
}

/**
 * The routines board. Each routine's linked checks are counted by status in
 * SQL (the board shows their worst status), except the routine `detail`,
 * whose linked states are read whole for its page.
 */
export async function loadBoardRows(
  store: Store,
  config: Config,
  now: Date,
  detail?: string,
  kept?: Reads,
): Promise<BoardRow[]> {
  const seen = await markSeen(
    store.conn,
    config.routines.map((r) => r.id),
    now,
  );
  const tags = hostTags(config);
  const shown = config.routines.filter((r) => r.id === detail);
  const r = kept ?? (await reads(store, config));
  const [signoffs, full, counts] = await Promise.all([
    listSignoffs(store.conn.db),
    latestResults(store.conn.db, { any: linkedFilter(shown, tags) }),
    r.get(`board.counts:${detail ?? ''}`, () =>
      Promise.all(
        routineGroups(config).map((groups, i) =>
          config.routines[i]!.id === detail ? [] : stateCounts(store.conn.db, groups),
        ),
      ),
    ),
  ]);
  const byId = new Map(config.routines.map((r, i) => [r.id, counts[i]!]));
  const board = buildBoard({
    routines: config.routines,
    signoffs,
    seen,
    results: full,
    hostTags: tags,
    now,
    tz: boardTimeZone(config),
    linked: (r) =>
      r.id === detail ? linkedResults(r.checks, full, tags) : linkedByCounts(r.checks, byId.get(r.id)!),
  });
  const fair = whoIsNext(config.team, signoffs);
  return board.map((e) => withNext(e, config, fair));
}

function withNext(e: BoardEntry, config: Config, fair: TeamMember | undefined): BoardRow {
  const assigned = e.routine.assignee ? config.team.find((m) => m.name === e.routine.assignee) : undefined;
  if (assigned) return { ...e, next: { member: assigned, assigned: true } };
  return fair ? { ...e, next: { member: fair, assigned: false } } : e;
}

function bySeverity(a: CurrentState, b: CurrentState): number {
  return severity(b.status) - severity(a.status) || byText(a.check, b.check);
}

/** Code-point order: names are ASCII, and localeCompare costs ~1 µs a call (the problem list sorts 1,000 rows per request). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface HostView {
  host: string;
  known: boolean;
  tags: readonly string[];
  checks: Problem[];
  changes: StatusChange[];
}

/** The current states of one host (one check), read by index rather than the whole fleet's. */
function statesOf(store: Store, target: string, check?: string): Promise<CurrentState[]> {
  return latestResults(store.conn.db, { target, ...(check !== undefined ? { check } : {}) });
}

export async function loadHost(store: Store, config: Config, host: string, now: Date): Promise<HostView> {
  const [states, covers, changes] = await Promise.all([
    statesOf(store, host),
    activeCovers(store.conn.db, now),
    store.history({ target: host, limit: 20 }),
  ]);
  const tags = hostTags(config);
  const checks = states
    .filter((s) => s.target === host)
    .sort(bySeverity)
    .map((s) => ({ ...s, covers: coversOf(covers, s, tags) }));
  return {
    host,
    known: checks.length > 0 || config.hosts.some((h) => h.name === host),
    tags: tags.get(host) ?? [],
    checks,
    changes,
  };
}

export interface CheckView {
  state: Problem;
  changes: StatusChange[];
  /** Status over the last 30 days. */
  timeline: { from: number; to: number; segments: Segment[] };
  /** The kind's number over the recent results, oldest first; empty when it has none. */
  metric: { name: string; unit: string; points: Point[] } | null;
  recent: { at: Date; status: Status; summary: string }[];
  /** What the latest result suggests (forgotten issues, pages to write): `details.suggestions`. */
  suggestions: Suggestion[];
}

const TIMELINE_MS = 30 * 86_400_000;
const CHART_RESULTS = 500;

export async function loadCheck(
  store: Store,
  config: Config,
  host: string,
  check: string,
  now: Date,
): Promise<CheckView | undefined> {
  const [state] = await statesOf(store, host, check);
  if (!state) return undefined;
  const covers = coversOf(await activeCovers(store.conn.db, now), state, hostTags(config));
  const from = now.getTime() - TIMELINE_MS;
  const changes = await store.history({ target: host, check, limit: 500 });
  const rows = await store.conn.db
    .selectFrom('results')
    .select(['started_at', 'status', 'summary', 'data', 'kind'])
    .where('target', '=', host)
    .where('check_name', '=', check)
    .orderBy('id', 'desc')
    .limit(CHART_RESULTS)
    .execute();
  let metric: CheckView['metric'] = null;
  const points: Point[] = [];
  for (const r of [...rows].reverse()) {
    const m = metricOf(r.kind, detailsOf(r.data));
    if (!m) continue;
    metric ??= { name: m.name, unit: m.unit, points };
    points.push({ t: Number(r.started_at), v: m.v });
  }
  return {
    state: { ...state, covers },
    changes: changes.slice(0, 30),
    timeline: { from, to: now.getTime(), segments: segments(changes, from, now.getTime()) },
    metric,
    suggestions: rows[0] ? suggestionsOf(detailsOf(rows[0].data)) : [],
    recent: rows.slice(0, 20).map((r) => ({
      at: new Date(Number(r.started_at)),
      status: r.status as Status,
      summary: r.summary,
    })),
  };
}

/** Status spans from the changes (newest first), clipped to [from, to]. */
export function segments(changes: readonly StatusChange[], from: number, to: number): Segment[] {
  const asc = [...changes].reverse();
  const out: Segment[] = [];
  for (const [i, c] of asc.entries()) {
    const start = c.at.getTime();
    const end = asc[i + 1]?.at.getTime() ?? to;
    if (end <= from || start >= to) continue;
    out.push({ from: Math.max(start, from), to: Math.min(end, to), status: c.to });
  }
  return out;
}

function detailsOf(data: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(data) as { details?: Record<string, unknown> };
    return v?.details;
  } catch {
    return undefined;
  }
}

/** The team member a page user signs off as: same name or Mattermost username; the user's name without a team. */
export function memberOf(config: Pick<Config, 'team'>, user: string): string | undefined {
  if (config.team.length === 0) return user;
  const lower = user.toLowerCase();
  return config.team.find((m) => m.name.toLowerCase() === lower || m.mattermost?.toLowerCase() === lower)
    ?.name;
}
