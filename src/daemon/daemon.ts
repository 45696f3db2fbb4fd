import type { Logger } from 'pino';
import { type HostChecks, planRound } from '../config/plan.js';
import type { Config } from '../config/schema.js';
import { type CheckResult, resultKey } from '../core/check.js';
import { limit } from '../core/limit.js';
import type { Registry } from '../core/registry.js';
import { runRound } from '../core/runner.js';
import { approvalReader } from '../store/access.js';
import type { RoundInput, Store } from '../store/types.js';
import { targetFactory } from '../targets/factory.js';
import { type Job, jobKey, nextRunMs } from './schedule.js';

export interface DaemonOptions {
  config: Config;
  registry: Registry;
  store: Store;
  stateDir: string;
  log: Logger;
  now?: () => number;
  /** How often the loop wakes up to look for due checks. */
  tickMs?: number;
  /** Saves a round (default `store.saveRound`; `ronde serve` saves with its announcements). */
  saveRound?: (round: RoundInput, results: CheckResult[]) => Promise<unknown>;
  /** Called after each round, saved or failed (`error` set: it could not run or be saved). */
  afterRound?: (results: CheckResult[], interrupted: boolean, error?: unknown) => Promise<void> | void;
  /** Called on every tick (outbox delivery, routine reminders); must not wait on the network. */
  onTick?: (signal: AbortSignal) => Promise<void> | void;
  /**
   * Run the first launch as one round of every host (a new installation: its
   * first-run summary must see the whole fleet). Afterwards each host is a round.
   */
  firstRoundTogether?: boolean;
  /** The slots of a previous daemon (a reload keeps them, instead of running everything at once). */
  schedule?: ReadonlyMap<string, number>;
  /**
   * Scale-out scheduler: due rounds are handed to this (queued for workers)
   * instead of run here. `slotMs` is the slot they were due at, the same on
   * any scheduler, so a round queued twice (a takeover) has one key.
   */
  dispatch?: (hosts: { host: string; checks: string[] }[], slotMs: number) => Promise<void>;
}

export interface DaemonStatus {
  startedAt: string;
  lastTickAt: string | null;
  lastRoundAt: string | null;
  rounds: number;
  running: number;
  jobs: number;
}

/**
 * `ronde serve`'s engine: runs each check instance at its interval (with a
 * stable per-host phase, so a host's checks fall due together). The host is
 * the unit of a round: its due checks run as one batch, are saved and
 * announced as one round of their own, so a slow host never delays another's
 * announcements. Never two rounds of the same host at once. `stop()` ends
 * within its grace period with the complete results saved.
 */
export class Daemon {
  readonly #o: DaemonOptions;
  readonly #plan: HostChecks[];
  readonly #jobs: Job[];
  readonly #next = new Map<string, number>();
  readonly #busy = new Set<string>();
  readonly #inflight = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  readonly #targets;
  readonly #started: number;
  /** Hosts checked at once, across their separate rounds. */
  readonly #slots: <T>(task: () => Promise<T>) => Promise<T>;
  /**
   * Hosts whose batch could not run, with how many rounds they have answered
   * since: every check of theirs is in each of their rounds until they have
   * answered for `notify.damping` rounds, so they fail and recover together
   * (an hourly check would otherwise recover an hour after the others).
   */
  readonly #down = new Map<string, number>();
  #together: boolean;
  #lastTick: number | null = null;
  #lastRound: number | null = null;
  #rounds = 0;
  /** The last scheduler hand-off failed with this (none succeeded since); null: fine. */
  #queueError: string | null = null;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(o: DaemonOptions) {
    this.#o = o;
    this.#started = this.#now();
    this.#plan = planRound(o.config, o.registry, { hosts: [], checks: [] });
    this.#jobs = this.#plan.flatMap((p) =>
      p.checks.map((c) => ({
        host: p.host.name,
        check: c.instance,
        intervalSec:
          o.config.checks?.find((x) => x.name === c.instance)?.interval ?? o.config.defaults.interval,
      })),
    );
    // Everything runs once at start (the state is fresh), then on its slot; a
    // reload keeps the slots of the jobs it still has.
    // A scheduler starts at each job's current slot instead: the time it was
    // due at is the round's key, so a slot its dead predecessor already queued
    // is not queued again.
    for (const j of this.#jobs) {
      const first = o.dispatch ? nextRunMs(j, this.#started - j.intervalSec * 1000) : this.#started;
      this.#next.set(jobKey(j), o.schedule?.get(jobKey(j)) ?? first);
    }
    this.#targets = targetFactory(o.config, { stateDir: o.stateDir });
    this.#slots = limit(o.config.defaults.concurrency);
    this.#together = o.firstRoundTogether ?? false;
  }

  /** When each job runs next (`host\0check` → epoch ms), for a reload to carry over. */
  schedule(): Map<string, number> {
    return new Map(this.#next);
  }

  start(): void {
    this.#o.log.info({ jobs: this.#jobs.length, hosts: this.#plan.length }, 'ronde serve started');
    this.#loop = this.#run();
  }

  status(): DaemonStatus {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      startedAt: new Date(this.#started).toISOString(),
      lastTickAt: iso(this.#lastTick),
      lastRoundAt: iso(this.#lastRound),
      rounds: this.#rounds,
      running: this.#busy.size,
      jobs: this.#jobs.length,
    };
  }

  /** Alive: the loop ticked recently. */
  healthy(): boolean {
    const tick = this.#o.tickMs ?? 1000;
    return this.#lastTick !== null && this.#now() - this.#lastTick < Math.max(30_000, tick * 5);
  }

  /** For a role's /healthz: seconds since the loop turned (null: not yet), the queue's last failure. */
  loopFacts(): { sinceTickSec: number | null; queueError: string | null } {
    return {
      sinceTickSec: this.#lastTick === null ? null : (this.#now() - this.#lastTick) / 1000,
      queueError: this.#queueError,
    };
  }

  /** Stops the loop and interrupts running rounds; their complete results are saved. */
  async stop(graceMs = 8000): Promise<void> {
    this.#stop.abort();
    this.#wake?.();
    const all = Promise.allSettled([this.#loop, ...this.#inflight]);
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
    // A connection that will not close (a hung peer) must not hold the stop.
    await Promise.race([this.#targets.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
    this.#o.log.info({ rounds: this.#rounds }, 'ronde serve stopped');
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      this.#lastTick = this.#now();
      this.#launchDue();
      try {
        await this.#o.onTick?.(signal);
      } catch (err) {
        this.#o.log.error({ err: String(err) }, 'tick hook failed');
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, this.#o.tickMs ?? 1000).unref();
      });
    }
  }

  #launchDue(): void {
    const now = this.#now();
    const due: HostChecks[] = [];
    for (const p of this.#plan) {
      if (this.#busy.has(p.host.name)) continue;
      const checks = p.checks.filter(
        (c) => (this.#next.get(jobKey({ host: p.host.name, check: c.instance })) ?? 0) <= now,
      );
      if (checks.length === 0) continue;
      // An unreachable host is tried with all its checks: they fail, and recover, together.
      due.push({ host: p.host, checks: this.#down.has(p.host.name) ? p.checks : checks });
    }
    if (due.length === 0) return;
    const slot = new Map<string, number>();
    for (const d of due) {
      this.#busy.add(d.host.name);
      for (const c of d.checks) {
        const job = this.#jobs.find((j) => j.host === d.host.name && j.check === c.instance);
        if (!job) continue;
        const was = this.#next.get(jobKey(job)) ?? now;
        if (was <= now) slot.set(d.host.name, Math.max(slot.get(d.host.name) ?? 0, was));
        this.#next.set(jobKey(job), nextRunMs(job, now));
      }
    }
    const rounds = this.#together ? [due] : due.map((d) => [d]);
    this.#together = false;
    for (const hosts of rounds) {
      const at = Math.max(...hosts.map((d) => slot.get(d.host.name) ?? now));
      const run = this.#o.dispatch
        ? () => this.#dispatch(hosts, at)
        : async () => void (await this.#round(hosts));
      const p = this.#slots(run).finally(() => {
        for (const d of hosts) this.#busy.delete(d.host.name);
        this.#inflight.delete(p);
      });
      this.#inflight.add(p);
    }
  }

  /**
   * Scale-out worker: runs one queued round (its hosts and due checks, by
   * name), saved under the job's key. Throws when it could not be saved, so
   * the queue retries it.
   */
  async runJob(hosts: readonly { host: string; checks: readonly string[] }[], key: string): Promise<void> {
    // Taken as we stop: not run, so not done; the queue gives it to another worker.
    if (this.#stop.signal.aborted) throw new Error('this worker is stopping');
    const due: HostChecks[] = [];
    for (const h of hosts) {
      // A host or check this worker's configuration does not know (mid-rollout) is left out.
      const p = this.#plan.find((x) => x.host.name === h.host);
      if (!p) continue;
      const checks = this.#down.has(h.host)
        ? p.checks
        : p.checks.filter((c) => h.checks.includes(c.instance));
      if (checks.length > 0) due.push({ host: p.host, checks });
    }
    if (due.length === 0) return;
    const failure = await this.#slots(() => this.#round(due, key));
    if (failure !== undefined) throw failure;
  }

  async #dispatch(due: HostChecks[], slotMs: number): Promise<void> {
    let failure: unknown;
    try {
      await this.#o.dispatch?.(
        due.map((d) => ({ host: d.host.name, checks: d.checks.map((c) => c.instance) })),
        slotMs,
      );
      this.#rounds++;
      this.#lastRound = this.#now();
      this.#queueError = null;
    } catch (err) {
      failure = err;
      this.#queueError = err instanceof Error ? err.message : String(err);
      this.#o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'round not queued');
    }
    try {
      await this.#o.afterRound?.([], false, failure);
    } catch (err) {
      this.#o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'after-round hook failed');
    }
  }

  /** Runs and saves one round; what went wrong, if it could not run or be saved. */
  async #round(due: HostChecks[], key?: string): Promise<unknown> {
    const { store, log } = this.#o;
    if (this.#stop.signal.aborted) return undefined;
    const startedAt = new Date(this.#now());
    let out: Awaited<ReturnType<typeof runRound>> = { results: [], interrupted: false };
    let failure: unknown;
    try {
      const previous = await store.previousResults(due.map((d) => d.host.name));
      for (const d of due)
        for (const c of d.checks) c.previous = previous.get(resultKey(d.host.name, c.instance));
      out = await runRound(
        due.map((d) => ({ target: this.#targets.target(d.host), checks: d.checks })),
        {
          concurrency: this.#o.config.defaults.concurrency,
          signal: this.#stop.signal,
          approvals: approvalReader(store.conn),
          lang: this.#o.config.language,
        },
      );
      this.#noteReachability(due, out);
      const finishedAt = new Date(this.#now());
      const round: RoundInput = { startedAt, finishedAt, trigger: 'daemon', interrupted: out.interrupted };
      if (key !== undefined) round.jobKey = key;
      if (due.length === 1) round.host = due[0]!.host.name;
      if (out.unreachable) round.unreachable = [...out.unreachable.keys()];
      await (this.#o.saveRound ? this.#o.saveRound(round, out.results) : store.saveRound(round, out.results));
      this.#rounds++;
      this.#lastRound = finishedAt.getTime();
      const bad = out.results.filter((r) => r.status !== 'OK' && !r.notApplicable).length;
      log.info(
        {
          ...(round.host ? { host: round.host } : { hosts: due.length }),
          ...(key !== undefined ? { job: key } : {}),
          results: out.results.length,
          notOk: bad,
          ms: finishedAt.getTime() - startedAt.getTime(),
        },
        'round saved',
      );
    } catch (err) {
      failure = err;
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'round failed');
    }
    try {
      await this.#o.afterRound?.(out.results, out.interrupted, failure);
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'after-round hook failed');
    }
    return failure;
  }

  /**
   * A host whose batch could not run hides every check it has, not only the
   * due ones: they all get its reason now, so the team hears one "cannot
   * check" naming them all rather than one per interval.
   */
  #noteReachability(due: HostChecks[], out: Awaited<ReturnType<typeof runRound>>): void {
    for (const d of due) {
      const reason = out.unreachable?.get(d.host.name);
      if (reason === undefined) {
        const answered = this.#down.get(d.host.name);
        if (answered === undefined || out.interrupted) continue;
        if (answered + 1 >= this.#o.config.notify.damping) this.#down.delete(d.host.name);
        else this.#down.set(d.host.name, answered + 1);
        continue;
      }
      this.#down.set(d.host.name, 0);
      const mine = out.results.filter((r) => r.target === d.host.name);
      const like = mine[0];
      if (!like) continue;
      const ran = new Set(mine.map((r) => r.check));
      const all = this.#plan.find((p) => p.host.name === d.host.name)?.checks ?? [];
      for (const c of all)
        if (!ran.has(c.instance))
          out.results.push({ ...like, check: c.instance, kind: c.kind.id, evidence: [], details: {} });
    }
  }
}
