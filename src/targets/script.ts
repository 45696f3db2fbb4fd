import { randomBytes } from 'node:crypto';
import { type CommandResult, type CommandSpec, shQuote } from '../core/command.js';

/**
 * One POSIX sh script that runs a batch of commands in order, each under
 * `timeout -k` (so a hung command is ended on the machine itself, not only
 * abandoned by us). Output is framed by a random boundary and streamed: stdout
 * on stdout, stderr on stderr (a marker before each command's), so nothing is
 * written to the machine's disk, which may be full. The same script runs
 * locally (`sh -c`) and over SSH: checks behave the same on every machine.
 *
 * Process starts are what a round costs a host (each exec of a small tool is
 * several milliseconds of CPU on a small VM), so the script itself starts none
 * of its own: no mktemp, no head, no cksum. A command runs as `timeout` plus
 * itself; `test` is the shell's builtin.
 */
export interface Batch {
  script: string;
  boundary: string;
  commands: readonly CommandSpec[];
}

export const DEFAULT_COMMAND_TIMEOUT_SEC = 30;
/** Grace between TERM and KILL on the machine. */
export const KILL_AFTER_SEC = 3;
/** Stderr of a whole batch kept in memory (each command's is cut to STDERR_MAX_CHARS). */
export const STDERR_KEEP_CHARS = 1 << 20;
/** Stderr kept per command. */
const STDERR_MAX_CHARS = 16 * 1024;
/** Default cap of one command's stdout kept for its check. */
const MAX_OUTPUT_CHARS = 64 << 20;
/** Time limit of the stamp probe (a `find -maxdepth 0` on a few paths). */
const STAMP_TIMEOUT_SEC = 10;

/**
 * A word for the machine's shell: quoted, except the glob characters `*`, `?`
 * and `[…]`, which the shell expands there. `**` is not a shell glob: null.
 */
export function shGlob(pattern: string): string | null {
  if (pattern.includes('**')) return null;
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += shQuote(literal);
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' || ch === '?') {
      flush();
      out += ch;
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      const body = close < 0 ? '' : pattern.slice(i + 1, close);
      // Only a plain bracket expression: letters, digits, ranges, leading `!`.
      if (close < 0 || !/^!?[A-Za-z0-9._-]+$/.test(body)) {
        literal += ch;
        continue;
      }
      flush();
      out += `[${body}]`;
      i = close;
    } else literal += ch;
  }
  flush();
  return out || "''";
}

/** The union of the stamp paths of a batch, in order of first appearance. */
function stampPaths(commands: readonly CommandSpec[]): string[] {
  const seen = new Set<string>();
  for (const c of commands) for (const p of c.unlessStamp?.paths ?? []) seen.add(p);
  return [...seen];
}

export function buildBatch(commands: readonly CommandSpec[], boundary = newBoundary()): Batch {
  const lines = [
    'LC_ALL=C LANG=C; export LC_ALL LANG',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH',
    // `timeout` ends the whole process group of the command; without coreutils we run unbounded.
    'if command -v timeout >/dev/null 2>&1; then T=1; else T=; fi',
    // The command runs in the background so that a TERM/HUP sent to the script (interruption,
    // deadline, channel signal) is passed on to it: `timeout` leads its own process group.
    'P=',
    `trap 'if [ -n "$P" ]; then kill -TERM "$P" 2>/dev/null; fi' EXIT`,
    "trap 'exit 143' TERM INT HUP",
    `B=${shQuote(boundary)}`,
    'm() { printf \'%s:begin:%s\\n\' "$B" "$1"; printf \'\\n%s:err:%s\\n\' "$B" "$1" >&2; }',
    'e() { printf \'\\n%s:end:%s:%s\\n\' "$B" "$1" "$2"; }',
    'r() { i=$1; t=$2; shift 2; m "$i"',
    `  if [ -n "$T" ]; then timeout -k ${KILL_AFTER_SEC} "$t" "$@" </dev/null & else "$@" </dev/null & fi`,
    '  P=$!; wait "$P"; c=$?; P=; e "$i" "$c"; }',
    // A builtin (`test`): no process, nothing to bound.
    'b() { i=$1; shift; m "$i"; "$@" </dev/null; e "$i" $?; }',
  ];
  const paths = stampPaths(commands);
  const words = paths.map(shGlob);
  const probed = paths.length > 0 && words.every((w) => w !== null);
  if (probed) {
    // mtime, size and inode of each path (links followed): any write, replacement or
    // appearance changes it. Errors (a missing path) are part of it; a probe that
    // could not finish is `failed`, which matches nothing.
    const find = `find -L ${words.join(' ')} -maxdepth 0 -printf '%p %i %T@ %s\\n'`;
    lines.push(
      `S=$(if [ -n "$T" ]; then timeout -k 1 ${STAMP_TIMEOUT_SEC} ${find}; else ${find}; fi 2>&1 </dev/null)`,
      'case $? in 0|1) ;; *) S=failed ;; esac',
      `printf '%s:stamp\\n%s\\n%s:stampend\\n' "$B" "$S" "$B"`,
    );
  }
  const previous = new Map<string, string>();
  commands.forEach((cmd, i) => {
    const argv = [...(cmd.sudo ? ['sudo', '-n', '--'] : []), ...cmd.argv];
    const quoted = argv.map(shQuote).join(' ');
    const run =
      argv[0] === 'test'
        ? `b ${i} test ${argv.slice(1).map(shQuote).join(' ')}`.trimEnd()
        : `r ${i} ${Math.max(1, Math.ceil(cmd.timeoutSec ?? DEFAULT_COMMAND_TIMEOUT_SEC))} ${quoted}`;
    const prev = cmd.unlessStamp?.previous;
    if (!probed || prev === undefined) {
      lines.push(run);
      return;
    }
    let v = previous.get(prev);
    if (!v) {
      v = `V${previous.size}`;
      previous.set(prev, v);
      lines.push(`${v}=${shQuote(prev)}`);
    }
    lines.push(
      `if [ "$S" != failed ] && [ "$S" = "$${v}" ]; then printf '%s:skip:%s\\n' "$B" ${i}; else ${run}; fi`,
    );
  });
  return { script: `${lines.join('\n')}\n`, boundary, commands };
}

export function newBoundary(): string {
  return `ronde-${randomBytes(12).toString('hex')}`;
}

/** Upper bound of the batch's run time, for the client-side deadline. */
export function batchDeadlineSec(commands: readonly CommandSpec[]): number {
  return commands.reduce(
    (s, c) => s + (c.timeoutSec ?? DEFAULT_COMMAND_TIMEOUT_SEC) + KILL_AFTER_SEC,
    5 + STAMP_TIMEOUT_SEC,
  );
}

/** The stamp the probe printed this time, if it ran. */
function stampOf(output: string, b: string): string | undefined {
  const begin = `${b}:stamp\n`;
  const at = output.indexOf(begin);
  if (at < 0) return undefined;
  const end = output.indexOf(`\n${b}:stampend\n`, at + begin.length - 1);
  if (end < 0) return undefined;
  return output.slice(at + begin.length, end);
}

/** Each command's stderr, from the markers the script writes before it. */
function splitStderr(stderr: string, b: string): Map<number, string> {
  const out = new Map<number, string>();
  const re = new RegExp(`\\n?${b}:err:(\\d+)\\n`, 'g');
  let last: { i: number; from: number } | undefined;
  for (let m = re.exec(stderr); m; m = re.exec(stderr)) {
    if (last) out.set(last.i, stderr.slice(last.from, m.index));
    last = { i: Number(m[1]), from: m.index + m[0].length };
  }
  if (last) out.set(last.i, stderr.slice(last.from));
  return out;
}

/** What the script itself (or the login shell) said on stderr before its first command. */
export function scriptStderr(batch: Batch, stderr: string): string {
  const at = stderr.indexOf(`${batch.boundary}:err:`);
  return (at < 0 ? stderr : stderr.slice(0, at)).trim().slice(0, 4096);
}

/**
 * Splits the script's output back into one result per command. A command
 * whose frame is missing or incomplete (the transport broke, we were
 * interrupted) gets `exitCode: null` and an `error`.
 */
export function parseBatchOutput(
  batch: Batch,
  output: string,
  durationMs = 0,
  whyIncomplete = 'no output',
  stderr = '',
): CommandResult[] {
  const b = batch.boundary;
  const results: CommandResult[] = [];
  const stamp = stampOf(output, b);
  const errs = splitStderr(stderr, b);
  let pos = 0;
  for (const [i, cmd] of batch.commands.entries()) {
    const mine = cmd.unlessStamp ? stamp : undefined;
    if (mine !== undefined && output.includes(`${b}:skip:${i}\n`)) {
      results.push({
        argv: cmd.argv,
        exitCode: 0,
        stdout: '',
        stderr: '',
        timedOut: false,
        durationMs,
        stamp: mine,
        skipped: true,
      });
      continue;
    }
    const begin = `${b}:begin:${i}\n`;
    const start = output.indexOf(begin, pos);
    const endRe = new RegExp(`\\n${b}:end:${i}:(\\d+)\\n`, 'g');
    endRe.lastIndex = start < 0 ? 0 : start + begin.length - 1;
    const end = start < 0 ? null : endRe.exec(output);
    const err = (errs.get(i) ?? '').slice(0, STDERR_MAX_CHARS);
    if (start < 0 || !end) {
      const partial = start < 0 ? '' : output.slice(start + begin.length);
      results.push({
        argv: cmd.argv,
        exitCode: null,
        stdout: partial,
        stderr: err,
        timedOut: false,
        durationMs,
        error: `did not complete: ${whyIncomplete}`,
      });
      continue;
    }
    const max = cmd.maxOutputBytes ?? MAX_OUTPUT_CHARS;
    const full = output.slice(start + begin.length, end.index);
    const stdout = full.length > max ? full.slice(0, max) : full;
    const exitCode = Number(end[1]);
    pos = end.index + end[0].length;
    const timedOut = exitCode === 124 || exitCode === 137;
    const r: CommandResult = { argv: cmd.argv, exitCode, stdout, stderr: err, timedOut, durationMs };
    if (full.length > max) r.truncated = true;
    if (mine !== undefined) r.stamp = mine;
    results.push(r);
  }
  return results;
}
