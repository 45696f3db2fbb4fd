import { Command } from 'commander';
import type { GlobalOptions } from './context.js';
import { CliError, EX_USAGE } from './errors.js';

export interface ServeOptions {
  /** Default 127.0.0.1:9717 for all and web; scheduler and worker listen only when given. */
  listen?: string;
  logLevel: string;
  role: string;
  jobExpiry: string;
}

export function serveCommand(globals: () => GlobalOptions): Command {
  return new Command('serve')
    .summary('run the daemon: scheduled checks, reminders, HTTP endpoints')
    .description(
      'Runs every check at its interval (one batch per host, spread over the interval), saves every\n' +
        'round with what it announces, sends routine reminders and the outbox to the notifiers, pings the\n' +
        'heartbeat URL, and serves GET /healthz. Logs are JSON lines on stdout (pino). SIGHUP reloads the\n' +
        'configuration (an invalid one is refused, logged, and the daemon goes on with the old one).\n' +
        'SIGTERM or SIGINT stop it within 10 s; the results that are complete are saved. One daemon per\n' +
        'store: a second one on the same database refuses to start (exit 75) and names the first.\n' +
        'See docs/daemon.md.',
    )
    .option(
      '--listen <host:port>',
      'HTTP address (default 127.0.0.1:9717); scheduler, worker: /healthz only, when given',
    )
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .option(
      '--role <role>',
      'all (one process, the default), or for a fleet on PostgreSQL: scheduler, worker, web',
      'all',
    )
    .option(
      '--job-expiry <seconds>',
      'scheduler/worker: a round still running after this is presumed lost and retried elsewhere',
      '300',
    )
    .addHelpText(
      'after',
      '\nIt does not start (exit 78) when the configuration is invalid or a notifier\n' +
        'secret (${env:…}, ${file:…}) does not resolve: the error names the reference.\n' +
        'Messages that cannot be delivered: `ronde outbox` lists, retries, drops them.\n' +
        '\nScale-out (PostgreSQL only, see docs/scale-out.md): one store, each role\n' +
        'as its own service:\n' +
        "  ronde serve --role scheduler  queues each host's due checks; one runs,\n" +
        '                                the others stand by\n' +
        '  ronde serve --role worker     runs queued rounds and saves them; start as\n' +
        '                                many as needed\n' +
        "  ronde serve --role web        the team's page and API on --listen\n" +
        'A scheduler or worker given --listen answers GET /healthz there (200, or\n' +
        '503 with the reason), e.g. --listen 127.0.0.1:9718.\n' +
        'On SQLite only --role all runs (exit 78 otherwise).',
    )
    .action(async (opts: ServeOptions) => {
      // Loaded on use: `ronde check` must not pay for the daemon's modules at start-up.
      const { runServe } = await import('./serve-run.js');
      await runServe(globals, opts);
    });
}

export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new CliError(`--listen: expected HOST:PORT, e.g. 127.0.0.1:9717, got "${s}"`, EX_USAGE);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}
