import { Command } from 'commander';
import { registry } from '../checks/index.js';
import { buildNotifiers } from '../notify/index.js';
import { boardTimeZone } from '../routines/board.js';
import { accessCommand } from './access.js';
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { checksCommand } from './checks.js';
import { speakCommander } from './commander-lang.js';
import { configCommand, schemaCommand } from './config.js';
import { loadContext } from './context.js';
import { ackCommand, maintenanceCommand, silenceCommand } from './covers.js';
import { dockerCommand } from './docker.js';
import { doneCommand, undoCommand } from './done.js';
import { wrapHelp } from './help.js';
import { historyCommand } from './history.js';
import { hostsCommand } from './hosts.js';
import { initCommand } from './init.js';
import { say } from './lang.js';
import { nameBook } from './names.js';
import { notifyCommand } from './notify.js';
import { outboxCommand } from './outbox.js';
import { routinesCommand } from './routines.js';
import { serveCommand } from './serve.js';
import { upgradeCommand } from './upgrade.js';
import { usersCommand } from './users.js';
import { version } from './version.js';

/*
 * The command tree of `ronde`, built in the CLI's language (decide it before
 * calling: main.ts reads the config's `language:` first). Apart from main.ts
 * so that a test can walk every command's help in one process.
 */
export function program(): Command {
  const root = new Command('ronde')
    .description(say('cli.root.help.description'))
    .version(version(), '-V, --version', say('cli.commander.version'))
    .option('--config <file>', say('cli.root.help.config'))
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
  return speakCommander(wrapHelp(root));
}
