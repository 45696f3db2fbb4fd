#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registry } from '../checks/index.js';
import { ConfigError } from '../config/locate.js';
import { SecretError } from '../config/secrets.js';
import { buildNotifiers } from '../notify/index.js';
import { boardTimeZone } from '../routines/board.js';
import { accessCommand } from './access.js';
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { checksCommand } from './checks.js';
import { configCommand, schemaCommand } from './config.js';
import { loadContext } from './context.js';
import { ackCommand, maintenanceCommand, silenceCommand } from './covers.js';
import { dockerCommand } from './docker.js';
import { doneCommand, undoCommand } from './done.js';
import { CliError, EX_CONFIG, EX_SOFTWARE, EX_USAGE } from './errors.js';
import { wrapHelp } from './help.js';
import { historyCommand } from './history.js';
import { hostsCommand } from './hosts.js';
import { initCommand } from './init.js';
import { nameBook } from './names.js';
import { notifyCommand } from './notify.js';
import { outboxCommand } from './outbox.js';
import { routinesCommand } from './routines.js';
import { serveCommand } from './serve.js';
import { upgradeCommand } from './upgrade.js';
import { usersCommand } from './users.js';
import { version } from './version.js';

function program(): Command {
  const root = new Command('ronde')
    .description(
      "A sysadmin team's recurring maintenance as scheduled checks, tracked routines and reminders.\n" +
        'With no configuration, `ronde check` checks the machine it runs on.',
    )
    .version(version(), '-V, --version')
    .option(
      '--config <file>',
      'configuration file (default: $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml)',
    )
    .showSuggestionAfterError()
    .exitOverride();
  const globals = () => root.opts<{ config?: string }>();
  root.addCommand(checkCommand(globals));
  // Loaded once per run, when a command first needs it (help and init need none).
  let loaded: ReturnType<typeof loadContext> | undefined;
  const context = () => {
    loaded ??= loadContext(globals());
    return loaded;
  };
  // Known once a command has loaded the config: the zone its times are shown in.
  let zone: string | undefined;
  root.addCommand(
    historyCommand({
      openStore: async () => {
        const ctx = await context();
        zone = boardTimeZone(ctx.config);
        return ctx.openStore();
      },
      names: async () => {
        const ctx = await context();
        return { book: nameBook(ctx.config, ctx.registry), kinds: ctx.registry.ids() };
      },
      timeZone: () => zone ?? boardTimeZone({}),
    }),
  );
  root.addCommand(serveCommand(globals));
  root.addCommand(hostsCommand(globals));
  const routineDeps = { context };
  root.addCommand(routinesCommand(routineDeps));
  root.addCommand(doneCommand(routineDeps));
  root.addCommand(undoCommand(routineDeps));
  root.addCommand(
    notifyCommand({
      loadNotifiers: async () => {
        const { config } = await context();
        zone = boardTimeZone(config);
        return buildNotifiers(config);
      },
      timeZone: () => zone ?? boardTimeZone({}),
    }),
  );
  root.addCommand(ackCommand(routineDeps));
  root.addCommand(silenceCommand(routineDeps));
  root.addCommand(maintenanceCommand(routineDeps));
  root.addCommand(usersCommand(routineDeps));
  root.addCommand(outboxCommand(routineDeps));
  root.addCommand(auditCommand(routineDeps));
  root.addCommand(dockerCommand(globals));
  root.addCommand(accessCommand(globals));
  root.addCommand(upgradeCommand(routineDeps));
  root.addCommand(checksCommand(registry));
  root.addCommand(configCommand(registry));
  root.addCommand(schemaCommand(registry));
  root.addCommand(initCommand());
  for (const cmd of root.commands) cmd.exitOverride();
  return wrapHelp(root);
}

/**
 * `ronde routines | head -1`: the reader went away. Like other Unix tools,
 * stop there, quietly: nothing more can be said to it (exit 0, no stack trace).
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // Help and version are not errors; commander already printed the usage problem.
    return err.exitCode === 0 ? 0 : EX_USAGE;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.format()}\n`);
    return EX_CONFIG;
  }
  if (err instanceof SecretError) {
    process.stderr.write(`ronde: ${err.message}\n`);
    return EX_CONFIG;
  }
  if (err instanceof CliError) {
    process.stderr.write(`ronde: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`ronde: internal error: ${e.message}\n`);
  if (process.env.RONDE_DEBUG) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write('(set RONDE_DEBUG=1 for the stack trace; please report it)\n');
  return EX_SOFTWARE;
}

process.exitCode = await main(process.argv);
