import type { Config } from '../config/schema.js';
import { resultKey } from '../core/check.js';
import { type Status, worst } from '../core/status.js';
import { latestResults, type StateFilter, type StateGroup } from '../store/queries.js';
import type { CurrentState, Store } from '../store/types.js';
import { listSignoffs, markSeen, type StoredSignoff } from './repo.js';
import type { Routine, Team } from './schema.js';
import { effectiveSignoffs, type RoutineState, type RoutineStatus, routineState } from './state.js';
import { type Suggestion, suggestPeople } from './suggest.js';

/** The state of every routine, as the CLI, the dashboard and reminders show it. */
export interface BoardEntry {
  routine: Routine;
  state: RoutineState;
  /** When the routine first appeared in the config (due from then if never done). */
  firstSeenAt: Date;
  /** The sign-off in force that the state counts from, whole (with its OS user and id). */
  lastDone?: StoredSignoff;
  /** This routine's log, in the order it was written. */
  log: StoredSignoff[];
  linked: LinkedSummary;
  /** Who should do it: the assignee, or for a due or overdue routine the fair suggestion (suggest.ts). */
  person?: Suggestion;
}

export interface LinkedSummary {
  /** Worst status of the linked checks' latest results; null when none has a result. */
  status: Status | null;
  results: CurrentState[];
  /**
   * Matched, but their subject does not exist there (no systemd, no certbot): not
   * counted as OK nor as a problem, so they never complete a routine on their own.
   */
  notApplicable: CurrentState[];
  /** Selectors that match no result yet: the board must not call them OK. */
  unmatched: string[];
}

export interface BoardInput {
  routines: readonly Routine[];
  signoffs: readonly StoredSignoff[];
  seen: ReadonlyMap<string, Date>;
  results: readonly CurrentState[];
  /** Host name → tags, for `@tag:TAG` selectors. */
  hostTags: ReadonlyMap<string, readonly string[]>;
  now: Date;
  tz: string;
  /** For the suggestions; none without a team. */
  team?: Team;
  /** A routine's linked checks, when not matched from `results` (a board read by counts: linkedByCounts). */
  linked?: (routine: Routine) => LinkedSummary;
}

const ORDER: Readonly<Record<RoutineStatus, number>> = { overdue: 0, due: 1, due_soon: 2, ok: 3 };

/** One entry per routine: overdue first (longest overdue on top), then due, due soon, ok; then by due date. */
export function buildBoard(input: BoardInput): BoardEntry[] {
  const entries = input.routines.map((routine): BoardEntry => {
    const log = input.signoffs.filter((s) => s.routine === routine.id);
    const firstSeenAt = input.seen.get(routine.id) ?? input.now;
    const state = routineState(routine, log, input.now, input.tz, { configuredAt: firstSeenAt });
    const entry: BoardEntry = {
      routine,
      state,
      firstSeenAt,
      log,
      linked: input.linked?.(routine) ?? linkedResults(routine.checks, input.results, input.hostTags),
    };
    const last = latestInForce(log);
    if (last) entry.lastDone = last;
    return entry;
  });
  entries.sort(boardOrder);
  const team = input.team ?? [];
  const people = suggestPeople(needingSomeone(entries), team, input.signoffs, input.now);
  for (const e of entries) {
    const assignee = team.find((m) => m.name === e.routine.assignee);
    const person = people.get(e.routine.id) ?? (assignee ? { member: assignee, assigned: true } : undefined);
    if (person) e.person = person;
  }
  return entries;
}

/** Overdue first (longest overdue on top), then due, due soon, ok; then by due date, then id. */
export function boardOrder(
  a: Pick<BoardEntry, 'routine' | 'state'>,
  b: Pick<BoardEntry, 'routine' | 'state'>,
): number {
  return (
    ORDER[a.state.status] - ORDER[b.state.status] ||
    (b.state.overdueDays ?? 0) - (a.state.overdueDays ?? 0) ||
    a.state.nextDue.getTime() - b.state.nextDue.getTime() ||
    a.routine.id.localeCompare(b.routine.id)
  );
}

/**
 * The routines someone should take now (due or overdue), in board order: the
 * reminders and the board suggest over this same list, so they name the same people.
 */
export function needingSomeone(entries: readonly Pick<BoardEntry, 'routine' | 'state'>[]): Routine[] {
  return [...entries]
    .filter((e) => e.state.status === 'due' || e.state.status === 'overdue')
    .sort(boardOrder)
    .map((e) => e.routine);
}

/** The sign-off in force the state counts from: latest by time, the later entry on a tie (as state.ts). */
export function latestInForce(log: readonly StoredSignoff[]): StoredSignoff | undefined {
  let best: StoredSignoff | undefined;
  for (const s of effectiveSignoffs(log) as StoredSignoff[])
    if (!best || s.at.getTime() >= best.at.getTime()) best = s;
  return best;
}

/**
 * The latest results a routine's `checks:` select. `NAME` matches a check's
 * instance name or its kind; `@HOST` narrows to one target, `@tag:TAG` to the
 * hosts with that tag in the inventory.
 */
export function linkedResults(
  selectors: readonly string[],
  results: readonly CurrentState[],
  hostTags: ReadonlyMap<string, readonly string[]>,
): LinkedSummary {
  const matched = new Map<string, CurrentState>();
  const unmatched: string[] = [];
  for (const selector of selectors) {
    const [name, where] = splitSelector(selector);
    let any = false;
    for (const r of results) {
      if (r.check !== name && r.kind !== name) continue;
      if (where !== undefined) {
        const ok = where.startsWith('tag:')
          ? (hostTags.get(r.target) ?? []).includes(where.slice(4))
          : r.target === where;
        if (!ok) continue;
      }
      any = true;
      matched.set(resultKey(r.target, r.check), r);
    }
    if (!any) unmatched.push(selector);
  }
  const all = [...matched.values()];
  const list = all.filter((r) => !r.notApplicable);
  return {
    status: list.length > 0 ? worst(list.map((r) => r.status)) : null,
    results: list,
    notApplicable: all.filter((r) => r.notApplicable),
    unmatched,
  };
}

/** A host list longer than this is not worth an IN (…): the name alone narrows enough, and matching is exact anyway. */
const MAX_TARGETS = 500;

/** A selector as a store group: its name (instance or kind) on its host or tagged hosts; exact, like linkedResults. */
export function selectorGroup(
  selector: string,
  hostTags: ReadonlyMap<string, readonly string[]>,
): StateGroup {
  const [name, where] = splitSelector(selector);
  if (where === undefined) return { name };
  if (!where.startsWith('tag:')) return { name, targets: [where] };
  const tag = where.slice(4);
  return { name, targets: [...hostTags].filter(([, tags]) => tags.includes(tag)).map(([h]) => h) };
}

/**
 * A routine's linked checks from counts by status (stateCounts of its
 * selectors, in order): the worst status and the selectors matching nothing,
 * without the states themselves (`results` and `notApplicable` stay empty).
 * What a board needs, for a few rows per selector instead of one per host.
 */
export function linkedByCounts(
  selectors: readonly string[],
  counts: readonly (readonly { status: Status; notApplicable: boolean; n: number }[])[],
): LinkedSummary {
  const statuses = new Set<Status>();
  const unmatched: string[] = [];
  selectors.forEach((selector, i) => {
    const rows = (counts[i] ?? []).filter((r) => r.n > 0);
    if (rows.length === 0) unmatched.push(selector);
    for (const r of rows) if (!r.notApplicable) statuses.add(r.status);
  });
  return {
    status: statuses.size > 0 ? worst([...statuses]) : null,
    results: [],
    notApplicable: [],
    unmatched,
  };
}

/**
 * What the routines' `checks:` can match, as a store filter: each selector's
 * name (instance or kind) on its host or tagged hosts. A superset of the
 * matches (linkedResults does the exact match), read by index instead of
 * every current state of the fleet.
 */
export function linkedFilter(
  routines: readonly Pick<Routine, 'checks'>[],
  hostTags: ReadonlyMap<string, readonly string[]>,
): NonNullable<StateFilter['any']> {
  return [...new Set(routines.flatMap((r) => r.checks))].map((selector) => {
    const group = selectorGroup(selector, hostTags);
    return (group.targets?.length ?? 0) > MAX_TARGETS ? { name: group.name } : group;
  });
}

function splitSelector(selector: string): [string, string | undefined] {
  const at = selector.indexOf('@');
  return at < 0 ? [selector, undefined] : [selector.slice(0, at), selector.slice(at + 1)];
}

/** The configured zone, else the system's (what `timezone:` defaults to). */
export function boardTimeZone(config: Pick<Config, 'timezone'>): string {
  return config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Reads everything the board needs from the store, recording the routines
 * seen for the first time (so a routine never done is due from now on).
 */
export async function loadBoard(
  store: Store,
  config: Pick<Config, 'routines' | 'hosts' | 'timezone'> & Partial<Pick<Config, 'team'>>,
  now: Date,
): Promise<BoardEntry[]> {
  const seen = await markSeen(
    store.conn,
    config.routines.map((r) => r.id),
    now,
  );
  const hostTags = new Map(config.hosts.map((h) => [h.name, h.tags]));
  const [signoffs, results] = await Promise.all([
    listSignoffs(store.conn.db),
    latestResults(store.conn.db, { any: linkedFilter(config.routines, hostTags) }),
  ]);
  return buildBoard({
    routines: config.routines,
    signoffs,
    seen,
    results,
    hostTags,
    now,
    tz: boardTimeZone(config),
    team: config.team ?? [],
  });
}
