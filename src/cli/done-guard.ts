import { createInterface } from 'node:readline/promises';
import { type Lang, t } from '../i18n/index.js';
import type { BoardEntry } from '../routines/board.js';
import { CliError } from './errors.js';

/** Exit code of `ronde done` when a linked check is not OK and nobody confirmed: nothing recorded. */
export const EX_NOT_SIGNED = 1;

export interface GuardIo {
  /** Where the warning goes (stderr: --json output stays clean). */
  warn(text: string): void;
  /** Asks a person; absent when nobody can answer (no terminal). */
  confirm?(question: string): Promise<boolean>;
}

/**
 * Signing off a routine whose linked checks say the work is not done (a CRIT
 * backup check under "backups done") is most likely a mistake: say which
 * checks, then ask on a terminal; without one, refuse unless --force.
 * Returns when the sign-off may go on; throws otherwise.
 */
export async function guardLinkedChecks(
  entry: Pick<BoardEntry, 'routine' | 'linked'>,
  lang: Lang,
  force: boolean,
  io: GuardIo,
): Promise<void> {
  const bad = entry.linked.results.filter((r) => r.status !== 'OK');
  if (bad.length === 0) return;
  const lines = bad.map(
    (r) =>
      `  ${r.status.padEnd(7)} ${t(lang, 'cli.done.badCheck', { check: r.check, target: r.target, summary: r.summary })}`,
  );
  io.warn(`${t(lang, 'done.notOk', { id: entry.routine.id, n: bad.length })}\n${lines.join('\n')}\n`);
  if (force) return;
  if (!io.confirm) throw new CliError(t(lang, 'done.refused'), EX_NOT_SIGNED);
  if (!(await io.confirm(t(lang, 'done.ask')))) throw new CliError(t(lang, 'done.declined'), EX_NOT_SIGNED);
}

/** A question on the terminal (stderr, so stdout stays the command's output); none without one. */
export function terminalGuard(): GuardIo {
  return {
    warn: (text) => process.stderr.write(text),
    ...(process.stdin.isTTY
      ? {
          async confirm(question: string) {
            const rl = createInterface({ input: process.stdin, output: process.stderr });
            try {
              return /^(y|yes|o|oui)$/i.test((await rl.question(question)).trim());
            } finally {
              rl.close();
            }
          },
        }
      : {}),
  };
}
