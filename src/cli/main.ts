#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ConfigError } from '../config/locate.js';
import { SecretError } from '../config/secrets.js';
import { sayError } from '../core/said.js';
import { CliError, EX_CONFIG, EX_SOFTWARE, EX_USAGE } from './errors.js';
import { cliLang, configLanguage, say, setCliLang } from './lang.js';
import { program } from './program.js';

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
  // Help is built before any command loads the config: its language is read first.
  setCliLang(configLanguage(argv.slice(2)));
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
    process.stderr.write(`ronde: ${sayError(cliLang(), err)}\n`);
    return EX_CONFIG;
  }
  if (err instanceof CliError) {
    process.stderr.write(`ronde: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`ronde: ${say('cli.root.internal', { why: e.message })}\n`);
  if (process.env.RONDE_DEBUG) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write(`${say('cli.root.debugHint')}\n`);
  return EX_SOFTWARE;
}

process.exitCode = await main(process.argv);
