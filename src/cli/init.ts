import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { localeLang, t } from '../i18n/index.js';
import { STARTER_ROUTINES } from '../routines/init-routines.js';
import { type InitLang, renderStarterConfig } from '../routines/init-template.js';
import { CliError } from './errors.js';
import { say } from './lang.js';

/** sysexits(3): "a (user specified) output file cannot be created". */
export const EX_CANTCREAT = 73;

export interface InitOptions {
  output: string;
  lang: InitLang;
}

/**
 * Writes the starter configuration. Exclusive create (`wx`): an existing file,
 * perhaps months of a team's edits, is never replaced, not even by a race.
 * Returns the absolute path written.
 */
export async function runInit(opts: InitOptions, hostName: string = hostname()): Promise<string> {
  const path = resolve(opts.output);
  try {
    await writeFile(path, renderStarterConfig(opts.lang, hostName), { flag: 'wx', mode: 0o644 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new CliError(t(opts.lang, 'cli.init.exists', { file: opts.output }), EX_CANTCREAT);
    }
    throw new CliError(
      t(opts.lang, 'cli.init.cannot', { file: opts.output, why: (err as Error).message }),
      EX_CANTCREAT,
    );
  }
  return path;
}

export function initCommand(): Command {
  return new Command('init')
    .summary(say('cli.init.help.summary'))
    .description(say('cli.init.help.description'))
    .option('-o, --output <file>', say('cli.init.help.output'), './ronde.yaml')
    .addOption(
      new Option('--lang <lang>', say('cli.init.help.lang'))
        .choices(['en', 'fr'])
        .default(localeLang(), say('cli.init.help.langDefault')),
    )
    .addHelpText('after', say('cli.init.help.examples'))
    .action(async (opts: InitOptions) => {
      // The file and what init says share one language.
      const path = await runInit(opts);
      process.stdout.write(`${t(opts.lang, 'cli.init.wrote', { path, n: STARTER_ROUTINES.length })}\n`);
    });
}
