import type { Logger } from 'pino';
import { effectiveChecks } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { buildNotifiers } from '../notify/index.js';
import type { Store } from '../store/types.js';
import { Announcer } from './announcer.js';
import { Daemon, type DaemonOptions } from './daemon.js';
import { Heartbeat } from './heartbeat.js';
import type { SelfQueue } from './self.js';

/*
 * What `ronde serve` runs for one configuration: the round loop, its voice
 * (announcer) and its heartbeat. A reload (SIGHUP) stops one engine and starts
 * the next on the same store and listener, keeping the schedule's slots.
 */

export interface EngineOptions {
  config: Config;
  registry: Registry;
  store: Store;
  stateDir: string;
  log: Logger;
  /** The slots of the engine this one replaces. */
  schedule?: ReadonlyMap<string, number>;
  /**
   * Scale-out (docs/scale-out.md). `scheduler`: due rounds go to `dispatch`
   * (the job queue), the outbox and reminders are worked here. `worker`: no
   * loop of its own; rounds come through `daemon.runJob`, and are saved with
   * their announcements as always. Default: both in this process.
   */
  role?:
    | {
        kind: 'scheduler';
        dispatch: NonNullable<DaemonOptions['dispatch']>;
        /** The job queue's facts for `ronde.self` (rounds no worker takes). */
        queue?: () => Promise<SelfQueue>;
      }
    | { kind: 'worker' };
}

export class Engine {
  readonly daemon: Daemon;
  readonly #announcer: Announcer;
  readonly #heartbeat: Heartbeat | undefined;
  readonly #stopping = new AbortController();

  private constructor(daemon: Daemon, announcer: Announcer, heartbeat: Heartbeat | undefined) {
    this.daemon = daemon;
    this.#announcer = announcer;
    this.#heartbeat = heartbeat;
  }

  static async start(o: EngineOptions): Promise<Engine> {
    const { config, registry, store, log } = o;
    const worker = o.role?.kind === 'worker';
    // A worker's rounds leave `ronde.self` out: N workers would each report one daemon's health.
    const announcer = new Announcer({
      config,
      registry,
      store,
      notifiers: buildNotifiers(config),
      log,
      ...(worker ? { self: false } : {}),
      ...(o.role?.kind === 'scheduler' ? { watchOutbox: true } : {}),
      ...(o.role?.kind === 'scheduler' && o.role.queue ? { selfQueue: o.role.queue } : {}),
    });
    // Workers never send: the outbox has one sender, the scheduler (or the single process).
    if (!worker) await announcer.start();
    const heartbeat = config.heartbeat && !worker ? new Heartbeat(config.heartbeat, log) : undefined;
    // Each host is a round of its own: ping at most once per shortest interval
    // (what one fleet-wide round used to be), a failure at once.
    let lastPing = 0;
    const intervals = effectiveChecks(config, registry).map((c) => c.interval);
    const pingEveryMs = Math.min(config.defaults.interval, ...intervals) * 1000;
    let engine: Engine | undefined;
    const daemon = new Daemon({
      config,
      registry,
      store,
      stateDir: o.stateDir,
      log,
      saveRound: (round, results) => announcer.record(round, results),
      firstRoundTogether: !worker && o.schedule === undefined && (await announcer.isNew()),
      ...(o.schedule ? { schedule: o.schedule } : {}),
      ...(o.role?.kind === 'scheduler' ? { dispatch: o.role.dispatch } : {}),
      // An interrupted round (we are stopping) is not a failure of the watch.
      afterRound: (_results, _interrupted, error) => {
        const failed = error !== undefined;
        if (!heartbeat || !engine || (!failed && Date.now() - lastPing < pingEveryMs)) return;
        lastPing = Date.now();
        heartbeat.ping(failed, engine.#stopping.signal);
      },
      onTick: (signal) => {
        // A scheduler saves no round of its own: ronde.self gets one (workers leave it out).
        if (o.role?.kind === 'scheduler') announcer.selfRound();
        announcer.tick(signal);
      },
    });
    engine = new Engine(daemon, announcer, heartbeat);
    if (!worker) daemon.start();
    return engine;
  }

  /**
   * Interrupts running rounds (their complete results are saved), waits for
   * the background sends (aborted), cuts the heartbeat's pings. Each step is
   * bounded, so the whole ends by `deadline` (epoch ms) even if a peer hangs.
   */
  async stop(deadline: number): Promise<void> {
    const left = () => Math.max(0, deadline - Date.now());
    await this.daemon.stop(Math.max(0, left() - 1500));
    await within(this.#announcer.stop(), left() - 1000);
    this.#stopping.abort();
    await within(this.#heartbeat?.settle() ?? Promise.resolve(), left() - 500);
  }
}

/** Waits for `p`, but no longer than `ms`. */
export function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((r) => {
      timer = setTimeout(r, Math.max(0, ms));
    }),
  ]).finally(() => clearTimeout(timer));
}
