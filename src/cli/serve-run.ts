import { pino } from 'pino';
import { Engine, within } from '../daemon/engine.js';
import { acquireServeLock, type ServeLock, StoreBusy } from '../daemon/lock.js';
import { describeUnresolved, unresolvedNotifierSecrets } from '../notify/preflight.js';
import type { WebDeps } from '../web/context.js';
import { createApp, listen } from '../web/server.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_CONFIG, EX_TEMPFAIL } from './errors.js';
import { parseListen, type ServeOptions } from './serve.js';

/** SIGTERM to exit: the process is gone within this, whatever hangs (systemd's TimeoutStopSec is 15 s). */
const STOP_WITHIN_MS = 9000;

/** `ronde serve`'s body, loaded only when the daemon starts (it pulls in pino, Hono, the outbox…). */
export async function runServe(globals: () => GlobalOptions, opts: ServeOptions): Promise<void> {
  const { host, port } = parseListen(opts.listen);
  const log = pino({ level: opts.logLevel, base: { app: 'ronde' } });
  const ctx = await loadContext(globals());
  // A reference that does not resolve now would fail every send in silence: refuse to start (78).
  const unresolved = unresolvedSecrets(ctx);
  if (unresolved)
    throw new CliError(
      `${unresolved}\nronde serve does not start with a notifier that cannot send: set the variable or file, then start again.`,
      EX_CONFIG,
    );
  const lock = await lockStore(ctx);
  lock.onLost((err) =>
    log.error({ err: err.message }, 'the store lock was lost: another ronde serve could start on this store'),
  );
  const store = await ctx.openStore();
  let current = ctx;
  let engine = await Engine.start({ ...ctx, store, log });
  // The page and /healthz follow the engine and configuration of the moment (reloads swap them).
  const deps: WebDeps = {
    daemon: { healthy: () => engine.daemon.healthy(), status: () => engine.daemon.status() },
    store,
    config: ctx.config,
    log,
  };
  const http = await listen(createApp(deps), host, port);
  log.info(
    { listen: `${host}:${http.port}`, config: ctx.configPath, store: store.dialect, lock: lock.where },
    'listening',
  );

  const signals = new SignalQueue();
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
      const why = reloadRefusal(current, next);
      if (why) throw new Error(why);
    } catch (err) {
      log.error(
        { err: err instanceof Error ? err.message : String(err), config: current.configPath },
        'reload refused: the configuration is invalid, ronde serve goes on with the one it has',
      );
      continue;
    }
    const deadline = Date.now() + STOP_WITHIN_MS;
    const schedule = engine.daemon.schedule();
    await engine.stop(deadline);
    engine = await Engine.start({ ...next, store, log, schedule });
    deps.config = next.config;
    current = next;
    log.info({ config: next.configPath, jobs: engine.daemon.status().jobs }, 'configuration reloaded');
  }

  // Stopping: gone within STOP_WITHIN_MS whatever hangs; the port and the lock first and last.
  const deadline = Date.now() + STOP_WITHIN_MS;
  const hard = setTimeout(() => {
    log.error('stop took too long: exiting now');
    process.exit(1);
  }, STOP_WITHIN_MS + 500);
  hard.unref();
  // The listener goes first: a restart can bind the port while we finish.
  const closing = within(http.close(), 1000);
  await engine.stop(deadline);
  await closing;
  await within(store.close(), Math.max(0, deadline - Date.now()));
  await lock.release();
  signals.dispose();
  clearTimeout(hard);
  log.info({ ms: STOP_WITHIN_MS - Math.max(0, deadline - Date.now()) }, 'stopped');
}

async function lockStore(ctx: CliContext): Promise<ServeLock> {
  try {
    return await acquireServeLock(ctx.databaseLocation());
  } catch (err) {
    if (err instanceof StoreBusy) throw new CliError(`ronde serve: ${err.message}`, EX_TEMPFAIL);
    throw err;
  }
}

/** What a reload cannot change on the fly; said instead of half-applying it. */
function reloadRefusal(current: CliContext, next: CliContext): string | undefined {
  const a = current.databaseLocation();
  const b = next.databaseLocation();
  const same =
    a.kind === b.kind &&
    (a.kind === 'sqlite' ? a.path === (b as typeof a).path : a.url === (b as typeof a).url);
  if (!same) return 'database: the store changed; a new store needs a restart of ronde serve';
  return unresolvedSecrets(next);
}

/** The notifier secret references that do not resolve now, one per line; undefined when all do. */
function unresolvedSecrets(ctx: CliContext): string | undefined {
  const unresolved = unresolvedNotifierSecrets(ctx.config.notifiers);
  return unresolved.length > 0 ? unresolved.map(describeUnresolved).join('\n') : undefined;
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

  async next(): Promise<NodeJS.Signals> {
    while (this.#queue.length === 0) await new Promise<void>((r) => (this.#wake = r));
    return this.#queue.shift()!;
  }

  dispose(): void {
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.off(s, this.#on);
  }
}
