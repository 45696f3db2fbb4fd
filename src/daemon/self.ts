import { effectiveChecks } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { CheckOutcome, CheckResult } from '../core/check.js';
import type { Registry } from '../core/registry.js';
import { type Status, worst } from '../core/status.js';
import { duration, type Lang, t } from '../i18n/index.js';
import { outboxStats } from '../notify/outbox.js';
import type { Store } from '../store/types.js';

/*
 * `ronde.self`: is ronde itself doing its job? Alerting that is broken is
 * silent, so the watchman watches itself: a failing channel, messages stuck
 * in the outbox, a daemon that stopped running rounds. The facts come from
 * the store (which check kinds may not touch), so this is judged here and
 * added to `ronde check`'s output and to the daemon's rounds.
 */

export const SELF_CHECK = 'ronde.self';
export const SELF_TARGET = 'ronde';
/** A message unsent for longer than this means delivery is stuck. */
const STUCK_SEC = 3600;
/** The daemon is presumed stopped after this many of its shortest intervals without a round. */
const MISSED_INTERVALS = 3;

export interface SelfFacts {
  now: Date;
  /** Configured notifier names; health rows of removed ones are ignored. */
  notifiers: string[];
  routines: number;
  /** Shortest configured check interval, seconds. */
  shortestIntervalSec: number;
  /** End of the last round saved by `ronde serve`; null: never. */
  lastDaemonRoundAt: Date | null;
  pending: number;
  failed: number;
  /** The oldest failed message (retries exhausted or refused): CRIT until someone retries or drops it. */
  oldestFailed?: { id: number; notifier: string; lastError: string | null } | null;
  oldestPendingSec: number | null;
  failing: { notifier: string; consecutiveFailures: number; lastError: string | null }[];
  /** Failures in a row that count as a broken notifier. */
  failingAfter: number;
  /** Computed inside the daemon: its own rounds are the evidence, the staleness rule does not apply. */
  inDaemon?: boolean;
  /** Scale-out: rounds waiting in the job queue; one waiting past the job expiry means no worker takes them. */
  queue?: SelfQueue;
}

/** What the scale-out scheduler reads of its job queue for `ronde.self`. */
export interface SelfQueue {
  waiting: number;
  oldestWaitingSec: number | null;
  expireSec: number;
}

export interface SelfOptions {
  inDaemon?: boolean;
  /** Scale-out scheduler: reads the job queue. */
  queue?: () => Promise<SelfQueue>;
}

/** Reads the facts from the store and the configuration. */
export async function selfFacts(
  store: Pick<Store, 'conn'>,
  config: Config,
  registry: Registry,
  now: Date,
  opts: SelfOptions = {},
): Promise<SelfFacts> {
  const stats = await outboxStats(store, now);
  const last = await store.conn.db
    .selectFrom('rounds')
    .select((eb) => eb.fn.max('finished_at').as('at'))
    .where('trigger', '=', 'daemon')
    .executeTakeFirst();
  const intervals = effectiveChecks(config, registry).map((c) => c.interval);
  const names = config.notifiers.map((n) => n.name);
  const facts: SelfFacts = {
    now,
    notifiers: names,
    routines: config.routines.length,
    shortestIntervalSec: intervals.length > 0 ? Math.min(...intervals) : config.defaults.interval,
    lastDaemonRoundAt: last?.at == null ? null : new Date(Number(last.at)),
    pending: stats.pending + stats.sending,
    failed: stats.failed,
    oldestPendingSec: stats.oldestPendingSec,
    oldestFailed: stats.oldestFailed,
    failing: stats.notifiers
      .filter((n) => names.includes(n.notifier) && n.consecutiveFailures > 0)
      .map((n) => ({
        notifier: n.notifier,
        consecutiveFailures: n.consecutiveFailures,
        lastError: n.lastError,
      })),
    failingAfter: config.notify.failingAfter,
  };
  if (opts.inDaemon) facts.inDaemon = true;
  if (opts.queue) facts.queue = await opts.queue();
  return facts;
}

/** Pure: the verdict on the facts. */
export function judgeSelf(f: SelfFacts, lang: Lang = 'en'): CheckOutcome {
  const ago = (sec: number) => duration(lang, sec);
  const reasons: { status: Status; text: string }[] = [];
  if (f.failed > 0) {
    const o = f.oldestFailed;
    const which = o
      ? t(lang, 'ronde.self.failedWhich', { id: o.id, notifier: o.notifier, error: o.lastError ?? '' })
      : '';
    reasons.push({ status: 'CRIT', text: t(lang, 'ronde.self.failed', { n: f.failed, which }) });
  }
  for (const n of f.failing)
    if (n.consecutiveFailures >= f.failingAfter)
      reasons.push({
        status: 'CRIT',
        text: t(lang, 'ronde.self.failing', {
          notifier: n.notifier,
          n: n.consecutiveFailures,
          error: n.lastError ?? '',
        }),
      });
  if (f.oldestPendingSec !== null && f.oldestPendingSec > STUCK_SEC)
    reasons.push({
      status: 'WARN',
      text: t(lang, 'ronde.self.stuck', { n: f.pending, d: ago(f.oldestPendingSec) }),
    });
  const q = f.queue;
  if (q && q.oldestWaitingSec !== null && q.oldestWaitingSec > q.expireSec)
    reasons.push({
      status: 'CRIT',
      text: t(lang, 'ronde.self.noWorker', { n: q.waiting, d: ago(q.oldestWaitingSec) }),
    });
  const announcing = f.notifiers.length > 0 || f.routines > 0;
  if (!f.inDaemon) {
    if (f.lastDaemonRoundAt === null) {
      if (announcing)
        reasons.push({
          status: 'UNKNOWN',
          text: t(lang, 'ronde.self.noRound'),
        });
    } else {
      const since = (f.now.getTime() - f.lastDaemonRoundAt.getTime()) / 1000;
      const limit = MISSED_INTERVALS * f.shortestIntervalSec;
      if (since > limit)
        reasons.push({
          status: 'CRIT',
          text: t(lang, 'ronde.self.stopped', { ago: ago(since), every: ago(f.shortestIntervalSec) }),
        });
    }
  }
  const details = {
    pending: f.pending,
    failed: f.failed,
    oldestPendingSec: f.oldestPendingSec,
    lastDaemonRoundAt: f.lastDaemonRoundAt?.toISOString() ?? null,
    failingNotifiers: f.failing,
    ...(q ? { queue: { waiting: q.waiting, oldestWaitingSec: q.oldestWaitingSec } } : {}),
  };
  if (reasons.length > 0) {
    const status = worst(reasons.map((r) => r.status));
    const text = reasons.map((r) => r.text);
    const summary =
      reasons.length === 1
        ? text[0]!
        : t(lang, 'ronde.self.andMore', { first: text[0]!, n: reasons.length - 1 });
    return { status, summary, reasons: text, details };
  }
  // Nothing to watch: someone who only runs `ronde check` by hand has no daemon to miss.
  if (f.lastDaemonRoundAt === null && !announcing && !f.inDaemon)
    return { status: 'OK', summary: t(lang, 'ronde.self.unused'), details, notApplicable: true };
  const parts = [
    f.inDaemon
      ? t(lang, 'ronde.self.running')
      : t(lang, 'ronde.self.lastRound', { ago: ago(secondsSince(f)) }),
    f.pending === 0 ? t(lang, 'ronde.self.empty') : t(lang, 'ronde.self.onTheWay', { n: f.pending }),
  ];
  return { status: 'OK', summary: parts.join(', '), details };
}

/** The `ronde.self` result, as `ronde check` and the daemon add it to a round. */
export async function selfResult(
  store: Pick<Store, 'conn'>,
  config: Config,
  registry: Registry,
  now: Date,
  opts: SelfOptions = {},
): Promise<CheckResult> {
  const t0 = Date.now();
  let outcome: CheckOutcome;
  try {
    outcome = judgeSelf(await selfFacts(store, config, registry, now, opts), config.language);
  } catch (err) {
    const why = t(config.language, 'ronde.self.cannotRead', {
      error: err instanceof Error ? err.message : String(err),
    });
    outcome = { status: 'UNKNOWN', summary: why, reasons: [why] };
  }
  const result: CheckResult = {
    check: SELF_CHECK,
    kind: SELF_CHECK,
    target: SELF_TARGET,
    reasons: [],
    details: {},
    ...outcome,
    startedAt: now.toISOString(),
    durationMs: Date.now() - t0,
    evidence: [],
  };
  return result;
}

function secondsSince(f: SelfFacts): number {
  return f.lastDaemonRoundAt ? Math.max(0, (f.now.getTime() - f.lastDaemonRoundAt.getTime()) / 1000) : 0;
}
