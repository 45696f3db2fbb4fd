import { Command } from 'commander';
import { pino } from 'pino';
import { Daemon } from '../daemon/daemon.js';
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
        'round, and serves GET /healthz. Logs are JSON lines on stdout (pino). SIGTERM or SIGINT stop it\n' +
        'within 10 s; the results that are complete are saved. See deploy/ronde.service.',
    )
    .option('--listen <host:port>', 'HTTP address (loopback by default)', '127.0.0.1:9717')
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .action(async (opts: ServeOptions) => {
      const { host, port } = parseListen(opts.listen);
      const log = pino({ level: opts.logLevel, base: { app: 'ronde' } });
      const ctx = await loadContext(globals());
      const store = await ctx.openStore();
      const daemon = new Daemon({
        config: ctx.config,
        registry: ctx.registry,
        store,
        stateDir: ctx.stateDir,
        log,
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
