import { hostname, userInfo } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { CheckResult } from '../core/check.js';
import type { Registry } from '../core/registry.js';
import { recordDaemonRound } from '../notify/announce.js';
import { checkHelp } from '../notify/help.js';
import { deliver, pruneOutbox } from '../notify/outbox.js';
import { requeueSecretFailures } from '../notify/outbox-admin.js';
import { evaluateRoutines, type RemindersConfig, routinesSummary } from '../notify/reminders.js';
import { announceSignoff } from '../notify/signoff.js';
import type { Notifier } from '../notify/types.js';
import { checkReleases } from '../releases/bot.js';
import { autoComplete } from '../routines/auto.js';
import { boardTimeZone } from '../routines/board.js';
import type { RoundInput, Store } from '../store/types.js';
import { SELF_TARGET, type SelfQueue, selfResult } from './self.js';

/*
 * The daemon's voice: rounds are saved with their announcements in one
 * transaction; reminders, delivery and housekeeping run in the background on
 * a bounded cadence, so a receiver that hangs never stalls the schedule.
 */

const WORK_EVERY_MS = 15_000;
const PRUNE_EVERY_MS = 86_400_000;
/** Upstream release lookups: Docker Hub allows 100 anonymous pulls per 6 h, GitHub 60 requests an hour. */
const RELEASES_EVERY_MS = 6 * 3_600_000;
/** Sent messages are kept this long for inspection, then pruned. */
const KEEP_SENT_MS = 30 * 86_400_000;

export interface AnnouncerOptions {
  config: Config;
  registry: Registry;
  store: Store;
  notifiers: ReadonlyMap<string, Notifier>;
  log: Logger;
  now?: () => Date;
  /** Who claims outbox rows; `hostname:pid` so a restart can tell its predecessor's claims. */
  worker?: string;
  /** Adds `ronde.self` to a round now and then (default true). */
  self?: boolean;
  /**
   * Scale-out scheduler: rounds are saved (and messages queued) by workers,
   * so nothing here kicks the delivery; look for due messages every second.
   */
  watchOutbox?: boolean;
  /** Scale-out scheduler: the job queue's facts, for `ronde.self` (rounds waiting for a worker). */
  selfQueue?: () => Promise<SelfQueue>;
}

export class Announcer {
  readonly #o: AnnouncerOptions;
  readonly worker: string;
  #lastWork = 0;
  #lastPrune = 0;
  #lastReleases = 0;
  #lastSelf = 0;
  #selfRound: Promise<void> | null = null;
  #fleetSeen = false;
  #kicked = false;
  #summarySent = false;
  #work: Promise<void> | null = null;
  #peek: Promise<void> | null = null;
  #lastPeek = 0;

  constructor(o: AnnouncerOptions) {
    this.#o = o;
    this.worker = o.worker ?? `${hostname()}:${process.pid}`;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  /** Takes back the claims of this host's dead predecessors, so their messages go out now, not after the lease. */
  async start(): Promise<void> {
    const released = await releaseOrphanClaims(this.#o.store, this.worker, this.#now());
    if (released > 0) this.#o.log.info({ released }, 'outbox claims of a previous run released');
    // serve starts only when every notifier secret resolves: what failed for a missing one can go now.
    const requeued = await requeueSecretFailures(
      this.#o.store,
      { by: 'ronde', osUser: osUser() },
      this.#now(),
    );
    if (requeued.length > 0)
      this.#o.log.info({ ids: requeued }, 'messages that failed on a missing secret are queued again');
  }

  /**
   * A new installation: nothing announced yet. Its first round must be the
   * whole fleet's, so the one first-run summary sees every host.
   */
  async isNew(): Promise<boolean> {
    const any = await this.#o.store.conn.db
      .selectFrom('announced')
      .select('check_name')
      .limit(1)
      .executeTakeFirst();
    return any === undefined;
  }

  /** Saves a daemon round: results, `ronde.self` now and then, announcements — one transaction. */
  async record(round: RoundInput, results: CheckResult[]): Promise<void> {
    const { store, config, registry } = this.#o;
    const now = this.#now();
    const all = [...results];
    const selfEveryMs = Math.min(60, config.defaults.interval) * 1000;
    if (this.#o.self !== false && now.getTime() - this.#lastSelf >= selfEveryMs) {
      all.push(
        await selfResult(store, config, registry, now, {
          inDaemon: true,
          ...(this.#o.selfQueue ? { queue: this.#o.selfQueue } : {}),
        }),
      );
      this.#lastSelf = now.getTime();
    }
    const summaryExtra = await this.#summaryExtra(now);
    const { announcements } = await recordDaemonRound(store, round, all, {
      now,
      damping: config.notify.damping,
      lang: config.language,
      help: checkHelp(config),
      routes: config.routes,
      notifierNames: config.notifiers.map((n) => n.name),
      hold: {
        hostTags: new Map(config.hosts.map((h) => [h.name, h.tags])),
        windows: config.maintenance,
        timezone: boardTimeZone(config),
      },
      ...(summaryExtra ? { summaryExtra } : {}),
    });
    if (announcements > 0) {
      this.#o.log.info({ announcements }, 'announcements queued');
      this.#kicked = true;
    }
  }

  /** The routines part of the first-run summary, while that summary has not been queued. */
  async #summaryExtra(now: Date): Promise<string | undefined> {
    if (this.#summarySent || this.#o.config.routines.length === 0) return undefined;
    const mark = await this.#o.store.conn.db
      .selectFrom('notify_marks')
      .select('identity')
      .where('identity', '=', 'summary:first-run')
      .executeTakeFirst();
    if (mark) {
      this.#summarySent = true;
      return undefined;
    }
    return routinesSummary(this.#o.store, this.#reminders(), now);
  }

  /**
   * Scale-out scheduler: its rounds are the workers', so `ronde.self` is a
   * round of its own, target `ronde`, as often as it would ride along. Not
   * before the fleet's first round (the first-run summary must see the
   * fleet, not ronde alone). Never awaited by the tick.
   */
  selfRound(): void {
    const { config } = this.#o;
    const now = this.#now();
    if (this.#selfRound || now.getTime() - this.#lastSelf < Math.min(60, config.defaults.interval) * 1000)
      return;
    this.#selfRound = (async () => {
      if (!this.#fleetSeen && (await this.isNew())) return;
      this.#fleetSeen = true;
      await this.record(
        { startedAt: now, finishedAt: now, trigger: 'daemon', interrupted: false, host: SELF_TARGET },
        [],
      );
    })()
      .catch((err) => this.#o.log.error({ err: String(err) }, 'ronde.self round failed'))
      .finally(() => {
        this.#selfRound = null;
      });
  }

  /** Called on every daemon tick; starts the background work when due. Never waits for it. */
  tick(signal: AbortSignal): void {
    const t = this.#now().getTime();
    if (this.#work || signal.aborted) return;
    if (this.#o.watchOutbox && !this.#kicked) this.#peekOutbox(t);
    if (!this.#kicked && t - this.#lastWork < WORK_EVERY_MS) return;
    this.#kicked = false;
    this.#lastWork = t;
    this.#work = this.#run(signal)
      .catch((err) => this.#o.log.error({ err: String(err) }, 'notification work failed'))
      .finally(() => {
        this.#work = null;
      });
  }

  /** One indexed look (outbox_due) at most a second, never awaited: a message due kicks the next tick. */
  #peekOutbox(t: number): void {
    if (this.#peek || t - this.#lastPeek < 1000) return;
    this.#lastPeek = t;
    this.#peek = this.#o.store.conn.db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', t)
      .limit(1)
      .executeTakeFirst()
      .then((due) => {
        if (due) this.#kicked = true;
      })
      .catch(() => undefined)
      .finally(() => {
        this.#peek = null;
      });
  }

  /** Waits for the background work (the daemon's stop signal has aborted its sends). */
  async stop(): Promise<void> {
    await this.#work;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { store, config, notifiers, log } = this.#o;
    if (config.routines.length > 0) {
      const now = this.#now();
      const routing = { ...config, notifierNames: config.notifiers.map((n) => n.name) };
      const auto = await autoComplete(store, config, now, (trx, routine, s) =>
        announceSignoff(trx, routing, routine, s, now),
      );
      if (auto.length > 0) log.info({ routines: auto }, 'routines completed by their checks');
      const r = await evaluateRoutines(store, this.#reminders(), this.#now());
      if (r.enqueued > 0) log.info({ enqueued: r.enqueued, occasions: r.occasions }, 'reminders queued');
    }
    if (config.releases.length > 0 && this.#now().getTime() - this.#lastReleases >= RELEASES_EVERY_MS) {
      this.#lastReleases = this.#now().getTime();
      const reports = await checkReleases(store, config, this.#now(), { signal });
      const fresh = reports.filter((r) => r.outcome === 'new').length;
      const failed = reports.filter((r) => r.outcome === 'error' || r.outcome === 'rate-limited');
      log.info({ watches: reports.length, new: fresh, failed: failed.length }, 'releases looked up');
      if (fresh > 0) this.#kicked = true;
    }
    if (notifiers.size > 0) {
      const report = await deliver(store, notifiers, {
        worker: this.worker,
        signal,
        now: () => this.#now(),
        maxAttempts: config.notify.maxAttempts,
        lang: config.language,
        // Each failure on its own line, with the notifier and the receiver's answer (never a secret).
        onFailure: (f) =>
          log.warn(
            {
              notifier: f.notifier,
              id: f.id,
              event: f.event,
              attempts: f.attempts,
              error: f.error,
              outcome: f.outcome,
              ...(f.failure ? { failure: f.failure } : {}),
            },
            f.outcome === 'failed'
              ? `notification to ${f.notifier} failed for good (\`ronde outbox\`): ${f.error}`
              : `notification to ${f.notifier} failed, will retry: ${f.error}`,
          ),
      });
      if (report.sent + report.retried + report.failed > 0) log.info(report, 'notifications delivered');
      // More may be due right away (a full batch): do not wait for the next slot.
      if (report.sent + report.retried + report.failed >= 100) this.#kicked = true;
    }
    const t = this.#now().getTime();
    if (t - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = t;
      const pruned = await pruneOutbox(store, new Date(t - KEEP_SENT_MS));
      if (pruned > 0) log.info({ pruned }, 'old sent messages pruned');
    }
  }

  #reminders(): RemindersConfig {
    const { config } = this.#o;
    const r: RemindersConfig = {
      routines: config.routines,
      team: config.team,
      timezone: boardTimeZone(config),
      language: config.language,
      remindEveryDays: config.notify.remindEveryDays,
      digest: config.notify.digest,
      routes: config.routes,
      notifierNames: config.notifiers.map((n) => n.name),
    };
    if (config.notify.quietHours) r.quietHours = config.notify.quietHours;
    return r;
  }
}

/**
 * Claims left `sending` by an earlier process on this host that is gone
 * (kill -9, power loss) go back to `pending`. Without this they wait for the
 * 5-minute lease. A claim under our own id is a predecessor's too (PID 1 in a
 * container restarts as PID 1): we have claimed nothing yet.
 */
export async function releaseOrphanClaims(
  store: Pick<Store, 'conn'>,
  worker: string,
  now: Date,
  alive: (pid: number) => boolean = pidAlive,
): Promise<number> {
  const host = worker.slice(0, worker.lastIndexOf(':'));
  const rows = await store.conn.db
    .selectFrom('outbox')
    .select(['id', 'claimed_by'])
    .where('state', '=', 'sending')
    .execute();
  const orphans = rows.filter((r) => {
    const by = r.claimed_by ?? '';
    if (by.slice(0, by.lastIndexOf(':')) !== host) return false;
    const pid = Number(by.slice(by.lastIndexOf(':') + 1));
    return by === worker || !Number.isInteger(pid) || !alive(pid);
  });
  if (orphans.length === 0) return 0;
  return store.conn.write(async (trx) => {
    let n = 0;
    for (const o of orphans) {
      const res = await trx
        .updateTable('outbox')
        .set({ state: 'pending', next_attempt_at: now.getTime(), claimed_at: null, claimed_by: null })
        .where('id', '=', Number(o.id))
        .where('state', '=', 'sending')
        .where('claimed_by', '=', o.claimed_by)
        .executeTakeFirst();
      n += Number(res.numUpdatedRows);
    }
    return n;
  });
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
