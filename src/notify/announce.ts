import type { Kysely } from 'kysely';
import { type CheckResult, resultKey } from '../core/check.js';
import { isStatus, type Status, severity } from '../core/status.js';
import type { Lang } from '../i18n/index.js';
import { saveRound } from '../store/save.js';
import type { Database } from '../store/schema.js';
import type { RoundInput, Store } from '../store/types.js';
import {
  type CheckChange,
  type CheckLine,
  type Draft,
  problemMessage,
  recoveryMessage,
  summaryMessage,
  unknownMessage,
} from './format.js';
import { enqueue, type Routing } from './outbox.js';

/*
 * What the daemon tells the team about checks, and when. Its own view of what
 * it last announced lives in `announced`, apart from `check_state` (which CLI
 * runs also move), and changes in the same transaction as the round and the
 * outbox rows: a crash loses neither the state nor the messages.
 */

export interface AnnounceOptions extends Routing {
  now: Date;
  /** Rounds a new status must hold before it is announced (default 2). */
  damping?: number;
  /** Extra markdown for the first-run summary (e.g. where the routines stand). */
  summaryExtra?: string;
  /** The team's language (`language:`); default en. */
  lang?: Lang;
  /** What to do about a check (its docs page) and the routines it backs (see help.ts). */
  help?: (r: { check: string; kind: string; target: string }) => Pick<CheckChange, 'docs' | 'routines'>;
}

export interface Announcement {
  identity: string;
  draft: Draft;
}

export interface AnnouncedRow {
  announced: Status | null;
  candidate: Status | null;
  count: number;
}

export type Verdict =
  | { kind: 'none' }
  /** A new announced status, and the change to tell (none for a silent one). */
  | { kind: 'announce'; to: Status; event?: 'check.problem' | 'check.recovery' | 'check.unknown' };

/**
 * Flap damping, pure: a status different from the announced one becomes a
 * candidate; once the same candidate held `damping` rounds in a row it is
 * announced. Back to the announced status clears the candidate.
 */
export function judge(
  prev: AnnouncedRow | undefined,
  status: Status,
  damping: number,
): {
  next: AnnouncedRow;
  verdict: Verdict;
} {
  const announced = prev?.announced ?? null;
  // A check seen for the first time and fine: nothing to say, nothing to wait for.
  if (announced === null && status === 'OK')
    return { next: { announced: 'OK', candidate: null, count: 0 }, verdict: { kind: 'announce', to: 'OK' } };
  if (status === announced)
    return { next: { announced, candidate: null, count: 0 }, verdict: { kind: 'none' } };
  const count = prev?.candidate === status ? prev.count + 1 : 1;
  if (count < Math.max(1, damping))
    return { next: { announced, candidate: status, count }, verdict: { kind: 'none' } };
  return {
    next: { announced: status, candidate: null, count: 0 },
    verdict: { kind: 'announce', to: status, ...eventOf(announced, status) },
  };
}

/** Worse → problem; to OK → recovery; to UNKNOWN → "cannot check". A milder problem is recorded silently. */
function eventOf(
  from: Status | null,
  to: Status,
): { event?: 'check.problem' | 'check.recovery' | 'check.unknown' } {
  if (to === 'UNKNOWN') return { event: 'check.unknown' };
  if (to === 'OK') return from === null ? {} : { event: 'check.recovery' };
  if (from === null || from === 'OK' || from === 'UNKNOWN' || severity(to) > severity(from))
    return { event: 'check.problem' };
  return {};
}

/** One message per host and kind of change, from the changes of one round. */
export function groupChanges(
  changes: readonly (CheckChange & { event: string })[],
  roundId: number,
  lang: Lang = 'en',
): Announcement[] {
  const groups = new Map<string, CheckChange[]>();
  for (const c of changes) {
    const k = `${c.event}\0${c.target}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const out: Announcement[] = [];
  for (const [k, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [event, target] = k.split('\0') as [string, string];
    const draft =
      event === 'check.problem'
        ? problemMessage(lang, target, list)
        : event === 'check.recovery'
          ? recoveryMessage(lang, target, list)
          : unknownMessage(lang, target, list);
    out.push({ identity: `${event}:${target}:round ${roundId}`, draft });
  }
  return out;
}

/**
 * Saves a daemon round and, in the same transaction, moves the announcement
 * state and enqueues what is to be told. A CLI round is saved only: people
 * running `ronde check` by hand never make the daemon speak.
 */
export async function recordDaemonRound(
  store: Pick<Store, 'conn'>,
  round: RoundInput,
  results: CheckResult[],
  opts: AnnounceOptions,
): Promise<{ roundId: number; announcements: number }> {
  let announcements = 0;
  const roundId = await saveRound(store.conn, round, results, async (trx, roundId) => {
    if (round.trigger !== 'daemon') return;
    announcements = await announceInTransaction(trx, roundId, round, results, opts);
  });
  return { roundId, announcements };
}

async function announceInTransaction(
  trx: Kysely<Database>,
  roundId: number,
  round: RoundInput,
  results: CheckResult[],
  opts: AnnounceOptions,
): Promise<number> {
  const t = opts.now.getTime();
  // Interrupted rounds' UNKNOWNs are the interruption (see save.ts); absent subjects are not news.
  const usable = results.filter((r) => !r.notApplicable && !(round.interrupted && r.status === 'UNKNOWN'));
  const any = await trx.selectFrom('announced').select('check_name').limit(1).executeTakeFirst();
  if (!any) return firstRun(trx, usable, opts);

  // One read for the round's hosts rather than one per result: a fleet's round has thousands.
  const targets = [...new Set(usable.map((r) => r.target))];
  const known = new Map<string, Awaited<ReturnType<typeof readAnnounced>>[number]>();
  for (let i = 0; i < targets.length; i += 500)
    for (const row of await readAnnounced(trx, targets.slice(i, i + 500)))
      known.set(resultKey(row.target, row.check_name), row);

  const changes: (CheckChange & { event: string })[] = [];
  for (const r of usable) {
    const row = known.get(resultKey(r.target, r.check));
    const prev = row && {
      announced: isStatus(row.announced_status) ? row.announced_status : null,
      candidate: isStatus(row.candidate_status) ? row.candidate_status : null,
      count: Number(row.candidate_count),
    };
    const { next, verdict } = judge(prev, r.status, opts.damping ?? 2);
    await upsert(trx, r.check, r.target, next, t);
    if (verdict.kind === 'announce' && verdict.event)
      changes.push({
        check: r.check,
        target: r.target,
        from: prev?.announced ?? null,
        to: verdict.to,
        summary: r.summary,
        event: verdict.event,
        ...(verdict.event === 'check.problem' ? opts.help?.(r) : {}),
      });
  }
  let n = 0;
  for (const a of groupChanges(changes, roundId, opts.lang))
    n += await enqueue(trx, a.identity, a.draft, opts, opts.now);
  return n;
}

/**
 * A new installation: remember where everything stands without a word, and
 * say it once in a summary instead of announcing old news one by one.
 */
async function firstRun(
  trx: Kysely<Database>,
  results: CheckResult[],
  opts: AnnounceOptions,
): Promise<number> {
  if (results.length === 0) return 0;
  for (const r of results)
    await upsert(
      trx,
      r.check,
      r.target,
      { announced: r.status, candidate: null, count: 0 },
      opts.now.getTime(),
    );
  const mark = await trx
    .insertInto('notify_marks')
    .values({ identity: 'summary:first-run', at: opts.now.getTime() })
    .onConflict((oc) => oc.column('identity').doNothing())
    .executeTakeFirst();
  if (Number(mark.numInsertedOrUpdatedRows ?? 0) === 0) return 0;
  const lines: CheckLine[] = results.map((r) => ({
    check: r.check,
    target: r.target,
    status: r.status,
    summary: r.summary,
  }));
  return enqueue(
    trx,
    'summary:first-run',
    summaryMessage(opts.lang ?? 'en', lines, opts.summaryExtra),
    opts,
    opts.now,
  );
}

function readAnnounced(trx: Kysely<Database>, targets: string[]) {
  return targets.length === 0
    ? Promise.resolve([])
    : trx.selectFrom('announced').selectAll().where('target', 'in', targets).execute();
}

async function upsert(
  trx: Kysely<Database>,
  check: string,
  target: string,
  next: AnnouncedRow,
  t: number,
): Promise<void> {
  const values = {
    announced_status: next.announced,
    candidate_status: next.candidate,
    candidate_count: next.count,
    updated_at: t,
  };
  await trx
    .insertInto('announced')
    .values({ check_name: check, target, ...values })
    .onConflict((oc) => oc.columns(['check_name', 'target']).doUpdateSet(values))
    .execute();
}
