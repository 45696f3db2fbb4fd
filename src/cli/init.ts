import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
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
      throw new CliError(
        `${opts.output} already exists; ronde init never overwrites a file (use --output FILE to write elsewhere)`,
        EX_CANTCREAT,
      );
    }
    throw new CliError(`cannot create ${opts.output}: ${(err as Error).message}`, EX_CANTCREAT);
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
      new Option('--lang <lang>', 'language of the comments and routines')
        .choices(['en', 'fr'])
        .default('en'),
    )
    .addHelpText('after', '\nExamples:\n  ronde init\n  ronde init --lang fr --output /etc/ronde/ronde.yaml')
    .action(async (opts: InitOptions) => {
      const path = await runInit(opts);
      process.stdout.write(
        `ronde: wrote ${path} with ${STARTER_ROUTINES.length} routines.\n` +
          'Next: add your hosts and team, link your wiki pages, then run `ronde check`.\n',
      );
    });
}
