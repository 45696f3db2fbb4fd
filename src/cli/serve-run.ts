import type PgBoss from 'pg-boss';
import { type Logger, pino } from 'pino';
import { passPathsIn, readPassAhead } from '../config/secrets.js';
import { Engine, within } from '../daemon/engine.js';
import { acquireServeLock, type ServeLock, StoreBusy } from '../daemon/lock.js';
import { jobKey, openQueue, sendRound } from '../daemon/queue.js';
import { queueFacts, WorkerStats } from '../daemon/role-health.js';
import { describeUnresolved, unresolvedNotifierSecrets } from '../notify/preflight.js';
import type { Store } from '../store/types.js';
import type { WebDeps } from '../web/context.js';
import { healthOnlyApp } from '../web/health-only.js';
import { createApp, listen } from '../web/server.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_CONFIG, EX_TEMPFAIL } from './errors.js';
import { cliLang, say } from './lang.js';
import { parseListen, type ServeOptions } from './serve.js';
import {
  awaitSchedulerTurn,
  parseJobExpiry,
  parseRole,
  type Role,
  requireSharedStore,
  roleHealth,
  startWorking,
} from './serve-roles.js';

/** SIGTERM to exit: the process is gone within this, whatever hangs (systemd's TimeoutStopSec is 15 s). */
const STOP_WITHIN_MS = 9000;

/** `ronde serve`'s body, loaded only when the daemon starts (it pulls in pino, Hono, the outbox…). */
export async function runServe(globals: () => GlobalOptions, opts: ServeOptions): Promise<void> {
  const role = parseRole(opts.role ?? 'all');
  const expireSeconds = parseJobExpiry(opts.jobExpiry ?? '300');
  const { host, port } = parseListen(opts.listen ?? '127.0.0.1:9717');
  // A scheduler or worker has no page: given --listen, it answers /healthz there.
  const healthOnly = (role === 'scheduler' || role === 'worker') && opts.listen !== undefined;
  const log = pino({ level: opts.logLevel, base: { app: 'ronde', ...(role === 'all' ? {} : { role }) } });
  const ctx = await loadContext(globals());
  const loc = ctx.databaseLocation();
  requireSharedStore(role, loc);
  // pass entries are read now, without blocking: rounds, HTTP and signals never wait on gpg.
  await readPassAhead(passPathsIn(ctx.config));
  // A reference that does not resolve now would fail every send in silence: refuse to start (78).
  const unresolved = role === 'all' || role === 'scheduler' ? unresolvedSecrets(ctx) : undefined;
  if (unresolved) throw new CliError(`${unresolved}\n${say('cli.serve.unresolved')}`, EX_CONFIG);
  const signals = new SignalQueue();
  let lock: ServeLock | undefined;
  let engine: Engine | undefined;
  let queue: PgBoss | undefined;
  let stopping = false;
  let standby = role === 'scheduler';
  let lockLost = false;
  const stats = new WorkerStats();
  const health = healthOnly
    ? await listen(
        healthOnlyApp(() =>
          roleHealth({
            role: role as 'scheduler' | 'worker',
            standby: () => standby,
            lockLost: () => lockLost,
            stopping: () => stopping || signals.stopping(),
            engine: () => engine,
            queue: () => queue,
            stats,
            expireSec: expireSeconds,
          }),
        ),
        host,
        port,
      )
    : undefined;
  if (health) log.info({ listen: `${host}:${health.port}` }, '/healthz listening');
  if (role === 'all') lock = await lockStore(ctx);
  if (role === 'scheduler') {
    lock = await awaitSchedulerTurn(
      loc,
      log,
      () => signals.stopping(),
      (ms) => signals.pause(ms),
    );
    if (!lock) {
      await health?.close();
      signals.dispose();
      log.info('stopped while standing by');
      return;
    }
  }
  standby = false;
  lock?.onLost((err) => {
    lockLost = true;
    log.error({ err: err.message }, 'the store lock was lost: another ronde serve could start on this store');
    // A scheduler without the lock may run beside its successor: stop (systemd starts it again, on standby).
    if (role === 'scheduler') process.kill(process.pid, 'SIGTERM');
  });
  const store = await ctx.openStore();
  if (role === 'scheduler' || role === 'worker') {
    process.on('unhandledRejection', survivePgBoss(log));
    queue = await openQueue(loc.kind === 'postgres' ? loc.url : '', { expireSeconds }, log, role);
  }
  const q = queue;
  let current = ctx;
  const start = (c: CliContext, schedule?: ReadonlyMap<string, number>) =>
    role === 'web'
      ? undefined
      : Engine.start({
          ...c,
          store,
          log,
          ...(schedule ? { schedule } : {}),
          ...(role === 'scheduler' && q
            ? {
                role: {
                  kind: 'scheduler' as const,
                  dispatch: dispatchTo(q, store, log, expireSeconds, () => stopping),
                  queue: async () => ({ ...(await queueFacts(q)), expireSec: expireSeconds }),
                },
              }
            : {}),
          ...(role === 'worker' ? { role: { kind: 'worker' as const } } : {}),
        });
  engine = await start(ctx);
  if (role === 'worker' && q)
    await startWorking(
      q,
      ctx.config.defaults.concurrency,
      (job) => {
        if (!engine) throw new Error('no engine');
        return engine.daemon.runJob(job.hosts, job.key);
      },
      log,
      stats,
    );
  // The page and /healthz follow the engine and configuration of the moment (reloads swap them).
  const deps: WebDeps = {
    daemon: {
      healthy: () => engine?.daemon.healthy() ?? true,
      status: () => engine?.daemon.status() ?? { role },
    },
    store,
    config: ctx.config,
    log,
  };
  const http = role === 'all' || role === 'web' ? await listen(createApp(deps), host, port) : undefined;
  log.info(
    {
      ...(http || health ? { listen: `${host}:${(http ?? health)?.port}` } : {}),
      config: ctx.configPath,
      store: store.dialect,
      ...(lock ? { lock: lock.where } : {}),
    },
    role === 'all' || role === 'web' ? 'listening' : `${role} started`,
  );

  for (;;) {
    const sig = await signals.next();
    if (sig !== 'SIGHUP') {
      log.info({ signal: sig }, 'stopping');
      break;
    }
    // Reload: the new configuration must load whole, or nothing changes.
    let next: CliContext;
    try {
      next = await loadContext(globals());
      await readPassAhead(passPathsIn(next.config));
      const why = reloadRefusal(current, next, role);
      if (why) throw new Error(why);
    } catch (err) {
      log.error(
        { err: err instanceof Error ? err.message : String(err), config: current.configPath },
        'reload refused: the configuration is invalid, ronde serve goes on with the one it has',
      );
      continue;
    }
    if (engine) {
      const deadline = Date.now() + STOP_WITHIN_MS;
      const schedule = engine.daemon.schedule();
      await engine.stop(deadline);
      engine = await start(next, schedule);
    }
    deps.config = next.config;
    current = next;
    log.info({ config: next.configPath, jobs: engine?.daemon.status().jobs ?? 0 }, 'configuration reloaded');
  }

  // Stopping: gone within STOP_WITHIN_MS whatever hangs; the port and the lock first and last.
  stopping = true;
  const deadline = Date.now() + STOP_WITHIN_MS;
  const hard = setTimeout(() => {
    log.error('stop took too long: exiting now');
    process.exit(1);
  }, STOP_WITHIN_MS + 500);
  hard.unref();
  // The listener goes first: a restart can bind the port while we finish.
  const closing = within(Promise.all([http?.close(), health?.close()]), 1000);
  // The queue stops handing out rounds first; those running are interrupted, saved, then completed.
  const queueStopped = queue?.stop({ graceful: true, wait: true, timeout: STOP_WITHIN_MS - 3000 });
  await engine?.stop(deadline);
  await closing;
  await within(queueStopped ?? Promise.resolve(), Math.max(0, deadline - Date.now() - 500));
  await within(store.close(), Math.max(0, deadline - Date.now()));
  await lock?.release();
  signals.dispose();
  clearTimeout(hard);
  log.info({ ms: STOP_WITHIN_MS - Math.max(0, deadline - Date.now()) }, 'stopped');
}

/**
 * pg-boss 10 does not await the completion (or failure) of a job its work
 * handler finished (manager.js, onFetch): with PostgreSQL gone, that rejection
 * would end the worker, where it should log and poll again until the server is
 * back (docs/scale-out.md, "Failures"). Only those are kept alive; any other
 * unhandled rejection still ends the process.
 */
function survivePgBoss(log: Logger) {
  return (reason: unknown) => {
    if (reason instanceof Error && reason.stack?.includes('/pg-boss/')) {
      log.error({ err: reason.message }, 'job queue error: the queue will retry the job');
      return;
    }
    throw reason;
  };
}

/** The scheduler's hand-off: each due round becomes one job, keyed by its hosts and slot. */
function dispatchTo(
  queue: PgBoss,
  store: Store,
  log: Logger,
  expireSeconds: number,
  stopping: () => boolean,
) {
  return async (hosts: { host: string; checks: string[] }[], slotMs: number): Promise<void> => {
    const key = jobKey(
      hosts.map((h) => h.host),
      slotMs,
    );
    const queued = await sendRound(queue, { key, hosts });
    log.debug(
      { job: key, queued },
      queued ? 'round queued' : 'round not queued: already queued, or the host has one waiting',
    );
    // A new installation's first round holds every host. Until it is saved
    // their next slots wait (the daemon keeps them busy while this runs), so
    // the first-run summary sees the whole fleet, as in one process.
    if (hosts.length < 2) return;
    const giveUp = Date.now() + expireSeconds * 4000;
    while (!stopping() && Date.now() < giveUp) {
      const saved = await store.conn.db
        .selectFrom('rounds')
        .select('id')
        .where('job_key', '=', key)
        .executeTakeFirst();
      if (saved) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
}

async function lockStore(ctx: CliContext): Promise<ServeLock> {
  try {
    return await acquireServeLock(ctx.databaseLocation());
  } catch (err) {
    if (err instanceof StoreBusy)
      throw new CliError(say('cli.serve.busy', { holder: err.holder }), EX_TEMPFAIL);
    throw err;
  }
}

/** What a reload cannot change on the fly; said instead of half-applying it. */
function reloadRefusal(current: CliContext, next: CliContext, role: Role): string | undefined {
  const a = current.databaseLocation();
  const b = next.databaseLocation();
  const same =
    a.kind === b.kind &&
    (a.kind === 'sqlite' ? a.path === (b as typeof a).path : a.url === (b as typeof a).url);
  if (!same) return 'database: the store changed; a new store needs a restart of ronde serve';
  return role === 'all' || role === 'scheduler' ? unresolvedSecrets(next) : undefined;
}

/** The notifier secret references that do not resolve now, one per line; undefined when all do. */
function unresolvedSecrets(ctx: CliContext): string | undefined {
  const unresolved = unresolvedNotifierSecrets(ctx.config.notifiers);
  return unresolved.length > 0
    ? unresolved.map((u) => describeUnresolved(u, cliLang())).join('\n')
    : undefined;
}

/** Signals as a queue: SIGHUP reloads (one at a time), SIGTERM or SIGINT stop. */
class SignalQueue {
  readonly #queue: NodeJS.Signals[] = [];
  #wake: (() => void) | undefined;
  readonly #on = (sig: NodeJS.Signals) => {
    // Stopping wins over pending reloads.
    if (sig !== 'SIGHUP') this.#queue.unshift(sig);
    else if (!this.#queue.includes('SIGHUP')) this.#queue.push(sig);
    this.#wake?.();
  };

  constructor() {
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, this.#on);
  }

  /** A stop is waiting (not yet taken by `next()`). */
  stopping(): boolean {
    return this.#queue.some((s) => s !== 'SIGHUP');
  }

  /** Waits `ms`, or less if a signal comes. */
  async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((r) => {
      this.#wake = r;
      timer = setTimeout(r, ms);
    });
    clearTimeout(timer);
  }

  async next(): Promise<NodeJS.Signals> {
    while (this.#queue.length === 0) await new Promise<void>((r) => (this.#wake = r));
    return this.#queue.shift()!;
  }

  dispose(): void {
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.off(s, this.#on);
  }
}
