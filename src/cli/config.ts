import { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/locate.js';
import { buildJsonSchema } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { EX_CONFIG } from './errors.js';
import { say, setCliLang } from './lang.js';

/** Where the commands write and read; tests pass their own. */
export interface ConfigCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd(): string;
}

const processIo: ConfigCliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: () => process.cwd(),
};

/**
 * Validates the configuration and returns the exit code: 0 when valid (or no
 * file: zero-config), 78 (EX_CONFIG) with every problem printed otherwise.
 */
export async function validateConfig(
  registry: Registry,
  opts: { config?: string; systemPath?: string },
  io: ConfigCliIo = processIo,
): Promise<number> {
  try {
    const { path, config } = await loadConfig({
      path: opts.config,
      env: io.env,
      cwd: io.cwd(),
      registry,
      systemPath: opts.systemPath,
    });
    if (path === null) {
      setCliLang(config.language);
      io.stdout(`${say('cli.config.zeroConfig')}\n`);
      return 0;
    }
    setCliLang(config.language);
    const counts = {
      path,
      hosts: config.hosts.length,
      checks: config.checks ? config.checks.length : null,
      routines: config.routines.length,
    };
    io.stdout(`${say('cli.config.valid', counts)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${err.format()}\n`);
    io.stderr(`${say('cli.config.problems', { n: err.problems.length })}\n`);
    return EX_CONFIG;
  }
}

/** `ronde config validate [--config FILE]`. Usage errors throw CommanderError (main maps them to 64). */
export function configCommand(registry: Registry, io: ConfigCliIo = processIo): Command {
  const validate = new Command('validate')
    .description(say('cli.config.help.validate'))
    .option('--config <file>', say('cli.root.help.config'))
    .exitOverride()
    .action(async (_opts, cmd: Command) => {
      const code = await validateConfig(registry, cmd.optsWithGlobals<{ config?: string }>(), io);
      if (code !== 0) process.exitCode = code;
    });
  return new Command('config')
    .description(say('cli.config.help.description'))
    .exitOverride()
    .addCommand(validate);
}

/** `ronde schema`: the JSON Schema of ronde.yaml, with the options of every registered check kind. */
export function schemaCommand(registry: Registry, io: ConfigCliIo = processIo): Command {
  return new Command('schema')
    .description(say('cli.config.help.schema'))
    .exitOverride()
    .action(() => {
      io.stdout(`${JSON.stringify(buildJsonSchema(registry), null, 2)}\n`);
    });
}
