import type { Kysely } from 'kysely';
import { type CheckResult, resultKey } from '../core/check.js';
import { isStatus, type Status, severity } from '../core/status.js';
import type { Lang } from '../i18n/index.js';
import { saveRound } from '../store/save.js';
import type { Database } from '../store/schema.js';
import type { RoundInput, Store } from '../store/types.js';
import { type CheckChange, type CheckLine, type Draft, summaryMessage } from './format.js';
import { type HoldOptions, holdBack } from './hold.js';
import { type ChangeEvent, hostMessage } from './host-message.js';
import { enqueue, type Routing } from './outbox.js';
import { route } from './schema.js';

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
  help?: (r: {
    check: string;
    kind: string;
    target: string;
  }) => Pick<CheckChange, 'docs' | 'routines' | 'mention'>;
  /** What acknowledgements, silences and maintenance windows need to know (hold.ts). */
  hold?: Pick<HoldOptions, 'hostTags' | 'windows' | 'timezone'>;
}

export interface Announcement {
  identity: string;
  draft: Draft;
  /** The notifiers this draft goes to (those the routes give every change it holds). */
  notifiers: string[];
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

/**
 * One message per host and round, holding all its changes (worse, cannot
 * check, better). Routes still choose per change: a notifier gets the part of
 * the host's changes routed to it, so notifiers with different routes may get
 * different messages — still one per host and round each. `round` is the
 * round's id, or the key of the queue job that made it (scale-out): a job run
 * twice must enqueue under the same idempotency key, whatever its round id.
 */
export function groupChanges(
  changes: readonly (CheckChange & { event: ChangeEvent })[],
  round: number | { job: string },
  routing: Routing,
  lang: Lang = 'en',
): Announcement[] {
  const byHost = new Map<string, (CheckChange & { event: ChangeEvent })[]>();
  for (const c of changes) byHost.set(c.target, [...(byHost.get(c.target) ?? []), c]);
  const out: Announcement[] = [];
  for (const [target, list] of [...byHost].sort(([a], [b]) => a.localeCompare(b))) {
    const events = [...new Set(list.map((c) => c.event))];
    const to = new Map(events.map((e) => [e, new Set(route(e, routing.routes, routing.notifierNames))]));
    // Notifiers that get the same set of events share one draft.
    const drafts = new Map<string, { events: ChangeEvent[]; notifiers: string[] }>();
    for (const n of routing.notifierNames) {
      const mine = events.filter((e) => to.get(e)?.has(n));
      if (mine.length === 0) continue;
      const k = mine.sort().join(',');
      drafts.set(k, { events: mine, notifiers: [...(drafts.get(k)?.notifiers ?? []), n] });
    }
    for (const { events: mine, notifiers } of drafts.values()) {
      const draft = hostMessage(
        lang,
        target,
        list.filter((c) => mine.includes(c.event)),
      );
      const of = typeof round === 'number' ? `round ${round}` : `job ${round.job}`;
      if (draft) out.push({ identity: `${draft.event}:${target}:${of}`, draft, notifiers });
    }
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

  const changes: (CheckChange & { event: ChangeEvent })[] = [];
  const prevOf = (r: CheckResult): AnnouncedRow | undefined => {
    const row = known.get(resultKey(r.target, r.check));
    return (
      row && {
        announced: isStatus(row.announced_status) ? row.announced_status : null,
        candidate: isStatus(row.candidate_status) ? row.candidate_status : null,
        count: Number(row.candidate_count),
      }
    );
  };
  const shared = sharedDamping(usable, prevOf, new Set(round.unreachable ?? []));
  for (const r of usable) {
    const prev = shared.get(resultKey(r.target, r.check)) ?? prevOf(r);
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
  // Covered changes are recorded as suppressed and not counted as told (see hold.ts).
  const { send, held } = await holdBack(trx, changes, usable, {
    ...opts,
    hostTags: opts.hold?.hostTags ?? new Map(),
    ...(opts.hold?.windows ? { windows: opts.hold.windows } : {}),
    ...(opts.hold?.timezone ? { timezone: opts.hold.timezone } : {}),
  });
  for (const { change } of held)
    await upsert(
      trx,
      change.check,
      change.target,
      { announced: change.from, candidate: change.to, count: opts.damping ?? 2 },
      t,
    );
  let n = 0;
  const ref = round.jobKey === undefined ? roundId : { job: round.jobKey };
  for (const a of groupChanges(send, ref, opts, opts.lang))
    n += await enqueue(trx, a.identity, a.draft, { notifierNames: a.notifiers }, opts.now);
  return n;
}

/**
 * An unreachable host is one fact, not one per check: its checks share their
 * damping. A check whose command broke as the host went away (mid-round) is a
 * round ahead of the others; without this it would be told alone, a round
 * before the rest. Each check of the host starts from the furthest candidate
 * count any of them has for this status.
 */
export function sharedDamping(
  results: readonly CheckResult[],
  prevOf: (r: CheckResult) => AnnouncedRow | undefined,
  unreachable: ReadonlySet<string>,
): Map<string, AnnouncedRow> {
  const out = new Map<string, AnnouncedRow>();
  for (const target of unreachable) {
    const mine = results.filter((r) => r.target === target);
    const status = mine[0]?.status;
    if (status === undefined) continue;
    const furthest = Math.max(
      0,
      ...mine.map((r) => prevOf(r)).map((p) => (p?.candidate === status ? p.count : 0)),
    );
    for (const r of mine) {
      const p = prevOf(r);
      if (r.status !== status || p?.announced === status) continue;
      out.set(resultKey(r.target, r.check), {
        announced: p?.announced ?? null,
        candidate: status,
        count: furthest,
      });
    }
  }
  return out;
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
