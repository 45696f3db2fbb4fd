import type { Command } from 'commander';

/*
 * `--help` that reads well at any width. Descriptions are written as
 * paragraphs; commander wraps them at words to the terminal's width (80
 * columns when the output is not a terminal). A hard line break inside a
 * paragraph, wrapped again at a narrower width, leaves a stub of a word or
 * two on its own line, so paragraphs are joined into one line first.
 */

/** Joins the lines of each paragraph; blank lines, indented lines and list items stay as written. */
export function reflow(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .reduce<string[]>((lines, line) => {
          const keep = lines.length === 0 || /^(\s|[-*•] |\d+[.)] )/.test(line);
          if (keep) lines.push(line);
          else lines[lines.length - 1] = `${lines[lines.length - 1]!.trimEnd()} ${line.trimStart()}`;
          return lines;
        }, [])
        .join('\n'),
    )
    .join('\n\n');
}

/** Reflows the description of `cmd` and of every subcommand, and wraps help at words. */
export function wrapHelp(cmd: Command): Command {
  const text = cmd.description();
  if (text) cmd.description(reflow(text));
  for (const sub of cmd.commands) wrapHelp(sub);
  return cmd;
}
