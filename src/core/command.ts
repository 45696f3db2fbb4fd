/**
 * A command a check needs run on its target. Always an argv, never a shell
 * string: the target quotes every word, so names from the inventory never
 * reach a shell unquoted.
 */
export interface CommandSpec {
  argv: readonly string[];
  /** Seconds. The target ends the command on the machine after this (`timeout -k`). */
  timeoutSec?: number;
  /** Run through `sudo -n` (non-interactive: a password prompt fails, never hangs). */
  sudo?: boolean;
  /** Keep at most this many bytes of stdout (default: the target's limit). */
  maxOutputBytes?: number;
  /**
   * Skip the command when nothing it reads changed: the script prints the
   * metadata (inode, mtime, size) of `paths` with one `find` shared by the
   * whole batch, and runs the command only if that differs from `previous`.
   * Paths may hold the shell globs `*`, `?`, `[…]`, expanded on the machine.
   * Lets a repeat round avoid re-running `apt list` on an unchanged host.
   */
  unlessStamp?: { paths: readonly string[]; previous?: string };
}

export interface CommandResult {
  argv: readonly string[];
  /** Exit code; null when the command did not finish (killed, transport lost). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The target's time limit ended it. */
  timedOut: boolean;
  /** The output was cut at maxOutputBytes. */
  truncated?: boolean;
  durationMs: number;
  /** Set when the command may not have run at all (transport failure, interrupted). */
  error?: string;
  /** With `unlessStamp`: what the probe printed this time. */
  stamp?: string;
  /** With `unlessStamp`: the probe was unchanged, so the command did not run. */
  skipped?: boolean;
}

/** Exit code the shell gives for "command not found". */
export const EXIT_NOT_FOUND = 127;
/** Exit code of coreutils `timeout` when it had to end the command. */
export const EXIT_TIMEOUT = 124;

export function commandLine(argv: readonly string[]): string {
  return argv.map(shQuoteIfNeeded).join(' ');
}

/** POSIX single-quote quoting: safe for any byte string but NUL. */
export function shQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function shQuoteIfNeeded(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : shQuote(word);
}
