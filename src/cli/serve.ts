import { Command } from 'commander';
import { pino } from 'pino';
import { useDockerApprovals } from '../checks/docker/util-approvals.js';
import { Announcer } from '../daemon/announcer.js';
import { Daemon } from '../daemon/daemon.js';
import { Heartbeat } from '../daemon/heartbeat.js';
import { buildNotifiers } from '../notify/index.js';
import { dockerApprovalStore } from '../store/docker-approvals.js';
import { createApp, listen } from '../web/server.js';
import { type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_USAGE } from './errors.js';

interface ServeOptions {
  listen: string;
  logLevel: string;
}

export function serveCommand(globals: () => GlobalOptions): Command {
  return new Command('serve')
    .summary('run the daemon: scheduled checks, reminders, HTTP endpoints')
    .description(
      'Runs every check at its interval (one batch per host, spread over the interval), saves every\n' +
        'round with what it announces, sends routine reminders and the outbox to the notifiers, pings the\n' +
        'heartbeat URL, and serves GET /healthz. Logs are JSON lines on stdout (pino). SIGTERM or SIGINT\n' +
        'stop it within 10 s; the results that are complete are saved. See docs/daemon.md.',
    )
    .option('--listen <host:port>', 'HTTP address (loopback by default)', '127.0.0.1:9717')
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .action(async (opts: ServeOptions) => {
      const { host, port } = parseListen(opts.listen);
      const log = pino({ level: opts.logLevel, base: { app: 'ronde' } });
      const ctx = await loadContext(globals());
      const store = await ctx.openStore();
      useDockerApprovals(dockerApprovalStore(store.conn));
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
      const daemon = new Daemon({
        config: ctx.config,
        registry: ctx.registry,
        store,
        stateDir: ctx.stateDir,
        log,
        saveRound: (round, results) => announcer.record(round, results),
        // An interrupted round (we are stopping) is not a failure of the watch.
        afterRound: (_results, _interrupted, error) => heartbeat?.ping(error !== undefined, stopping.signal),
        onTick: (signal) => announcer.tick(signal),
      });
      const http = await listen(createApp(daemon), host, port);
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
    });
}

export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new CliError(`--listen: expected HOST:PORT, e.g. 127.0.0.1:9717, got "${s}"`, EX_USAGE);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}
