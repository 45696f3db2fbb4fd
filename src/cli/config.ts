import { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/locate.js';
import { buildJsonSchema } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { EX_CONFIG } from './errors.js';

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
      io.stdout(
        'no configuration file (--config, $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml): ' +
          'zero-config, the default checks on this machine\n',
      );
      return 0;
    }
    const checks = config.checks ? `${config.checks.length} checks` : 'the zero-config checks';
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    io.stdout(
      `${path}: valid — ${n(config.hosts.length, 'host')}, ${checks}, ${n(config.routines.length, 'routine')}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${err.format()}\n`);
    const n = err.problems.length;
    io.stderr(`${n} problem${n === 1 ? '' : 's'} in the configuration\n`);
    return EX_CONFIG;
  }
}

/** `ronde config validate [--config FILE]`. Usage errors throw CommanderError (main maps them to 64). */
export function configCommand(registry: Registry, io: ConfigCliIo = processIo): Command {
  const validate = new Command('validate')
    .description('Check ronde.yaml: every problem is printed as file:line:col: path: message (exit 78).')
    .option(
      '--config <file>',
      'configuration file (default: $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml)',
    )
    .exitOverride()
    .action(async (_opts, cmd: Command) => {
      const code = await validateConfig(registry, cmd.optsWithGlobals<{ config?: string }>(), io);
      if (code !== 0) process.exitCode = code;
    });
  return new Command('config')
    .description('Work with the configuration file.')
    .exitOverride()
    .addCommand(validate);
}

/** `ronde schema`: the JSON Schema of ronde.yaml, with the options of every registered check kind. */
export function schemaCommand(registry: Registry, io: ConfigCliIo = processIo): Command {
  return new Command('schema')
    .description('Print the JSON Schema of ronde.yaml (for editors: yaml-language-server, VS Code).')
    .exitOverride()
    .action(() => {
      io.stdout(`${JSON.stringify(buildJsonSchema(registry), null, 2)}\n`);
    });
}
