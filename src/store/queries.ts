import type { Kysely } from 'kysely';
import { resultKey } from '../core/check.js';
import type { Status } from '../core/status.js';
import type { Database } from './schema.js';
import type {
  CurrentState,
  HistoryQuery,
  PreviousResult,
  RoundInfo,
  RoundTrigger,
  StatusChange,
} from './types.js';

const DEFAULT_LIMIT = 100;

/** Status changes, newest first. Ties (same instant) keep insertion order, newest first. */
export async function history(db: Kysely<Database>, q: HistoryQuery = {}): Promise<StatusChange[]> {
  let query = db
    .selectFrom('status_changes')
    .select(['at', 'check_name', 'target', 'from_status', 'to_status', 'summary'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limitOf(q.limit));
  if (q.check !== undefined) query = query.where('check_name', '=', q.check);
  if (q.target !== undefined) query = query.where('target', '=', q.target);
  if (q.since !== undefined) query = query.where('at', '>=', q.since.getTime());
  const rows = await query.execute();
  return rows.map((r) => ({
    at: new Date(Number(r.at)),
    check: r.check_name,
    target: r.target,
    from: (r.from_status as Status | null) ?? null,
    to: r.to_status as Status,
    summary: r.summary,
  }));
}

export async function rounds(db: Kysely<Database>, q: { limit?: number } = {}): Promise<RoundInfo[]> {
  const rows = await db
    .selectFrom('rounds')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limitOf(q.limit))
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    startedAt: new Date(Number(r.started_at)),
    finishedAt: new Date(Number(r.finished_at)),
    trigger: r.trigger as RoundTrigger,
    interrupted: Number(r.interrupted) === 1,
    host: r.host,
    resultCount: Number(r.result_count),
    status: (r.status as Status | null) ?? null,
  }));
}

/** Which current states to read; every field narrows (all of them: AND). */
export interface StateFilter {
  target?: string;
  check?: string;
  /** Only states that need someone: WARN, CRIT or UNKNOWN, and not "not applicable". */
  problems?: boolean;
  /**
   * Only states a routine's `checks:` may match: any of these, each a check
   * name or kind, on `targets` when given. A superset: the caller still
   * matches the selectors exactly (routines/board.ts).
   */
  any?: readonly { name: string; targets?: readonly string[] }[];
}

const NOT_OK: readonly Status[] = ['WARN', 'CRIT', 'UNKNOWN'];

/**
 * Current state of every check+target ever seen, by target then check; or
 * only those the filter names, read by index (0012) rather than the whole
 * fleet's: a page must not cost 20,000 rows to show 20.
 */
export async function latestResults(db: Kysely<Database>, only: StateFilter = {}): Promise<CurrentState[]> {
  // A group on no host (a tag no host has) matches nothing; `in ()` is not SQL.
  const any = only.any?.filter((g) => g.targets === undefined || g.targets.length > 0);
  if (any?.length === 0) return [];
  let q = db.selectFrom('check_state').selectAll();
  if (only.target !== undefined) q = q.where('check_state.target', '=', only.target);
  if (only.check !== undefined) q = q.where('check_state.check_name', '=', only.check);
  if (only.problems)
    q = q.where('check_state.status', 'in', [...NOT_OK]).where('check_state.not_applicable', '=', 0);
  if (any)
    q = q.where((eb) =>
      eb.or(
        any.map(({ name, targets }) => {
          const named = eb.or([eb('check_state.check_name', '=', name), eb('check_state.kind', '=', name)]);
          return targets ? eb.and([named, eb('check_state.target', 'in', [...targets])]) : named;
        }),
      ),
    );
  const rows = await q.orderBy('check_state.target').orderBy('check_state.check_name').execute();
  return rows.map((r) => ({
    check: r.check_name,
    kind: r.kind,
    target: r.target,
    status: r.status as Status,
    since: new Date(Number(r.since)),
    consecutive: Number(r.consecutive),
    summary: r.summary,
    lastAt: new Date(Number(r.last_at)),
    lastResultId: Number(r.last_result_id),
    ...(Number(r.not_applicable) === 1 ? { notApplicable: true } : {}),
  }));
}

export interface StatusCounts {
  OK: number;
  WARN: number;
  CRIT: number;
  UNKNOWN: number;
  /** Not OK, but the subject is absent from its machine (no systemd…): counted apart, not as a problem. */
  notApplicable: number;
}

/**
 * How many current states are in each status: GROUP BY over the state table
 * (20,000 rows at 1,000 hosts: ~2 ms on SQLite). An OK state whose subject is
 * absent ("no watched image runs here") stays counted as OK: nothing to do either way.
 */
export async function statusCounts(db: Kysely<Database>): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('check_state')
    .select((eb) => ['status', 'not_applicable', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['status', 'not_applicable'])
    .execute();
  const out: StatusCounts = { OK: 0, WARN: 0, CRIT: 0, UNKNOWN: 0, notApplicable: 0 };
  for (const r of rows) {
    if (!(r.status in out)) continue;
    if (Number(r.not_applicable) === 1 && r.status !== 'OK') out.notApplicable += Number(r.n);
    else out[r.status as Status] += Number(r.n);
  }
  return out;
}

/** One group of `stateCounts`: states named `name` (check name or kind), on `targets` when given. */
export interface StateGroup {
  name: string;
  targets?: readonly string[];
}

/**
 * How many current states of each group are in each status (not-applicable
 * ones apart): a GROUP BY per group over the name and kind indexes, a few rows
 * each, where reading the states themselves would cost a row per host.
 */
export async function stateCounts(
  db: Kysely<Database>,
  groups: readonly StateGroup[],
): Promise<{ status: Status; notApplicable: boolean; n: number }[][]> {
  return Promise.all(
    groups.map(async ({ name, targets }) => {
      if (targets?.length === 0) return [];
      let q = db
        .selectFrom('check_state')
        .select((eb) => ['status', 'not_applicable', eb.fn.countAll<number | string>().as('n')])
        .where((eb) => eb.or([eb('check_name', '=', name), eb('kind', '=', name)]));
      if (targets) q = q.where('target', 'in', [...targets]);
      const rows = await q.groupBy(['status', 'not_applicable']).execute();
      return rows.map((r) => ({
        status: r.status as Status,
        notApplicable: Number(r.not_applicable) === 1,
        n: Number(r.n),
      }));
    }),
  );
}

/**
 * The last result of every check+target, whole (details and the kind's stamp),
 * keyed `target\0check`: the runner reuses one when its machine is unchanged.
 */
export async function previousResults(
  db: Kysely<Database>,
  /** Only these targets (a daemon round is one host's: not the whole fleet's results). */
  targets?: readonly string[],
): Promise<Map<string, PreviousResult>> {
  if (targets?.length === 0) return new Map();
  let q = db
    .selectFrom('check_state')
    .innerJoin('results', 'results.id', 'check_state.last_result_id')
    .select([
      'results.check_name',
      'results.target',
      'results.status',
      'results.summary',
      'results.reasons',
      'results.data',
      'results.not_applicable',
      'results.started_at',
    ]);
  if (targets) q = q.where('check_state.target', 'in', [...targets]);
  const rows = await q.execute();
  const out = new Map<string, PreviousResult>();
  for (const r of rows) {
    const data = parseJson(r.data) as {
      details?: Record<string, unknown>;
      stamp?: string;
      validUntil?: string;
      truncated?: boolean;
    };
    const prev: PreviousResult = {
      status: r.status as Status,
      summary: r.summary,
      reasons: (parseJson(r.reasons) as string[] | undefined) ?? [],
      details: data?.details ?? {},
      startedAt: new Date(Number(r.started_at)).toISOString(),
    };
    // A capped result lost part of its details: never reuse it as if whole.
    if (data?.stamp && !data.truncated) prev.stamp = data.stamp;
    if (typeof data?.validUntil === 'string') prev.validUntil = data.validUntil;
    if (Number(r.not_applicable) === 1) prev.notApplicable = true;
    out.set(resultKey(r.target, r.check_name), prev);
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a positive integer, got ${limit}`);
  return limit;
}
