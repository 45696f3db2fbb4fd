import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { localeLang, t } from '../i18n/index.js';
import { STARTER_ROUTINES } from '../routines/init-routines.js';
import { type InitLang, renderStarterConfig } from '../routines/init-template.js';
import { CliError } from './errors.js';

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
    .summary('write a commented starter ronde.yaml')
    .description(
      'Writes a commented starter configuration: the local host, the routines R1–R13 of a\n' +
        "sysadmin team's wiki page with their checklists and cadences, and a team example.\n" +
        'Never overwrites an existing file (exit 73).',
    )
    .option('-o, --output <file>', 'where to write it', './ronde.yaml')
    .addOption(
      new Option('--lang <lang>', 'language of the file, its routines and this command (default: the locale)')
        .choices(['en', 'fr'])
        .default(localeLang(), 'from LC_ALL/LC_MESSAGES/LANG'),
    )
    .addHelpText('after', '\nExamples:\n  ronde init\n  ronde init --lang fr --output /etc/ronde/ronde.yaml')
    .action(async (opts: InitOptions) => {
      // The file and what init says share one language.
      const path = await runInit(opts);
      process.stdout.write(`${t(opts.lang, 'cli.init.wrote', { path, n: STARTER_ROUTINES.length })}\n`);
    });
}
