import { englishWords } from './english.js';

/*
 * English left in a command's French output or --help, with the shared
 * detector (./english.ts). What a command prints beside its sentences is set
 * aside first, as it is typed and never translated: `code` (even over two
 * lines), the command lines of examples and the list of subcommands
 * (`  ronde outbox retry 12`, `  show [options] <id>`), <arguments> and
 * [arguments], { JSON fields }, words in capitals (statuses: UNKNOWN),
 * --options, $VARIABLES, dotted names (routine.done, ronde.self).
 * "routine" and "message" are French words too.
 */
export function cliEnglishWords(text: string): string[] {
  const prose = text
    .replace(/`[^`\n]*(\n[^`\n]*)?`/g, ' ')
    .replace(/^\s+ronde\b.*$/gm, ' ')
    .replace(/^\s+[a-z][a-z-]*(?= [[<]|\s{2})/gm, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/<[^>\n]*>|\[[^\]\n]*\]/g, ' ')
    .replace(/\b[A-Z]{2,}\b/g, ' ')
    .replace(/\bronde [a-z-]+( [a-z-]+)?/g, ' ')
    .replace(/(^|\s)--?[a-z][\w-]*/g, ' ')
    .replace(/\$[A-Z_]+/g, ' ')
    .replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' ');
  return englishWords(prose, { raw: ['routine', 'message'] });
}

/** A --help without commander's own lines (Usage:, Options:, -h, help [command], defaults): the command's words only. */
export function helpWords(stdout: string): string {
  return stdout
    .split('\n')
    .filter(
      (l) =>
        !/^(Usage|Utilisation|Options|Arguments|Commands|Commandes)\s*:|^\s+-h, --help|^\s+help \[command\]/.test(
          l,
        ),
    )
    .map((l) => l.replace(/\((default|par défaut)\s*:[^)]*\)/g, ''))
    .join('\n');
}
