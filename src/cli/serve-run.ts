import { pino } from 'pino';
import { effectiveChecks } from '../config/load.js';
import { Announcer } from '../daemon/announcer.js';
import { Daemon } from '../daemon/daemon.js';
import { Heartbeat } from '../daemon/heartbeat.js';
import { buildNotifiers } from '../notify/index.js';
import { describeUnresolved, unresolvedNotifierSecrets } from '../notify/preflight.js';
import { createApp, listen } from '../web/server.js';
import { type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_CONFIG } from './errors.js';
import { parseListen, type ServeOptions } from './serve.js';

/** `ronde serve`'s body, loaded only when the daemon starts (it pulls in pino, Hono, the outbox…). */
export async function runServe(globals: () => GlobalOptions, opts: ServeOptions): Promise<void> {
  const { host, port } = parseListen(opts.listen);
  const log = pino({ level: opts.logLevel, base: { app: 'ronde' } });
  const ctx = await loadContext(globals());
  // A reference that does not resolve now would fail every send in silence: refuse to start (78).
  const unresolved = unresolvedNotifierSecrets(ctx.config.notifiers);
  if (unresolved.length > 0)
    throw new CliError(
      `${unresolved.map(describeUnresolved).join('\n')}\n` +
        'ronde serve does not start with a notifier that cannot send: set the variable or file, then start again.',
      EX_CONFIG,
    );
  const store = await ctx.openStore();
  const announcer = new Announcer({
    config: ctx.config,
    registry: ctx.registry,
    store,
    notifiers: buildNotifiers(ctx.config),
    log,
  });
  await announcer.start();
  const heartbeat = ctx.config.heartbeat && new Heartbeat(ctx.config.heartbeat, log);
  const stopping = new AbortController();
  // Each host is a round of its own: ping at most once per shortest interval
  // (what one fleet-wide round used to be), a failure at once.
  let lastPing = 0;
  const intervals = effectiveChecks(ctx.config, ctx.registry).map((c) => c.interval);
  const pingEveryMs = Math.min(ctx.config.defaults.interval, ...intervals) * 1000;
  const pulse = (failed: boolean) => {
    if (!heartbeat || (!failed && Date.now() - lastPing < pingEveryMs)) return;
    lastPing = Date.now();
    heartbeat.ping(failed, stopping.signal);
  };
  const daemon = new Daemon({
    config: ctx.config,
    registry: ctx.registry,
    store,
    stateDir: ctx.stateDir,
    log,
    saveRound: (round, results) => announcer.record(round, results),
    firstRoundTogether: await announcer.isNew(),
    // An interrupted round (we are stopping) is not a failure of the watch.
    afterRound: (_results, _interrupted, error) => pulse(error !== undefined),
    onTick: (signal) => announcer.tick(signal),
  });
  const http = await listen(createApp({ daemon, store, config: ctx.config, log }), host, port);
  log.info({ listen: `${host}:${http.port}`, config: ctx.configPath, store: store.dialect }, 'listening');
  daemon.start();
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      log.info({ signal: sig }, 'stopping');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const hard = setTimeout(() => process.exit(1), 10_000);
  hard.unref();
  await daemon.stop(8000);
  await announcer.stop();
  stopping.abort();
  await heartbeat?.settle();
  await http.close();
  await store.close();
  clearTimeout(hard);
}
