import { Command } from 'commander';
import type { GlobalOptions } from './context.js';
import { CliError, EX_USAGE } from './errors.js';
import { say } from './lang.js';

export interface ServeOptions {
  /** Default 127.0.0.1:9717 for all and web; scheduler and worker listen only when given. */
  listen?: string;
  logLevel: string;
  role: string;
  jobExpiry: string;
}

export function serveCommand(globals: () => GlobalOptions): Command {
  return new Command('serve')
    .summary(say('cli.serve.help.summary'))
    .description(say('cli.serve.help.description'))
    .option('--listen <host:port>', say('cli.serve.help.listen'))
    .option('--log-level <level>', say('cli.serve.help.logLevel'), 'info')
    .option('--role <role>', say('cli.serve.help.role'), 'all')
    .option('--job-expiry <seconds>', say('cli.serve.help.jobExpiry'), '300')
    .addHelpText('after', say('cli.serve.help.after'))
    .action(async (opts: ServeOptions) => {
      // Loaded on use: `ronde check` must not pay for the daemon's modules at start-up.
      const { runServe } = await import('./serve-run.js');
      await runServe(globals, opts);
    });
}

export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw new CliError(say('cli.serve.badListen', { value: s }), EX_USAGE);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}
