import { randomBytes } from 'node:crypto';
import { type CommandResult, type CommandSpec, shQuote } from '../core/command.js';

/**
 * One POSIX sh script that runs a batch of commands in order, each under
 * `timeout -k` (so a hung command is ended on the machine itself, not only
 * abandoned by us), with stdout framed by a random boundary and streamed (no
 * temporary file on a disk that may be full), stderr kept small in a temp file.
 * The same script runs locally (`sh -c`) and over SSH: checks behave the same
 * on every machine.
 */
export interface Batch {
  script: string;
  boundary: string;
  commands: readonly CommandSpec[];
}

export const DEFAULT_COMMAND_TIMEOUT_SEC = 30;
/** Grace between TERM and KILL on the machine. */
export const KILL_AFTER_SEC = 3;
const STDERR_MAX_BYTES = 16 * 1024;
/** Default cap of one command's stdout kept for its check. */
const MAX_OUTPUT_CHARS = 64 << 20;

function stampOf(output: string, boundary: string, i: number): string | undefined {
  const tag = `${boundary}:stamp:${i}:`;
  const at = output.indexOf(tag);
  if (at < 0) return undefined;
  const end = output.indexOf('\n', at);
  return output.slice(at + tag.length, end < 0 ? undefined : end);
}

export function buildBatch(commands: readonly CommandSpec[], boundary = newBoundary()): Batch {
  const lines = [
    'LC_ALL=C LANG=C; export LC_ALL LANG',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH',
    // `timeout` ends the whole process group of the command; without coreutils we run unbounded
    // and say so through the exit status of the prologue line.
    'if command -v timeout >/dev/null 2>&1; then T=1; else T=; fi',
    `E=$(mktemp "\${XDG_RUNTIME_DIR:-/tmp}/ronde.XXXXXX" 2>/dev/null || mktemp 2>/dev/null) || E=/dev/null`,
    // The command runs in the background so that a TERM/HUP sent to the script (interruption,
    // deadline, channel signal) is passed on to it: `timeout` leads its own process group.
    'P=',
    `cleanup() { if [ -n "$P" ]; then kill -TERM "$P" 2>/dev/null; fi; [ "$E" = /dev/null ] || rm -f "$E"; }`,
    'trap cleanup EXIT',
    "trap 'exit 143' TERM INT HUP",
    `B=${shQuote(boundary)}`,
    'r() { i=$1; t=$2; shift 2; printf \'%s:begin:%s\\n\' "$B" "$i"',
    '  if [ -n "$T" ]; then timeout -k ' +
      KILL_AFTER_SEC +
      ' "$t" "$@" </dev/null 2>"$E" & else "$@" </dev/null 2>"$E" & fi',
    '  P=$!; wait "$P"; c=$?; P=',
    '  printf \'\\n%s:end:%s:%s\\n\' "$B" "$i" "$c"',
    `  head -c ${STDERR_MAX_BYTES} "$E" 2>/dev/null; printf '\\n%s:err:%s\\n' "$B" "$i"; }`,
  ];
  const stamps = new Map<string, string>();
  commands.forEach((cmd, i) => {
    const words = [...(cmd.sudo ? ['sudo', '-n', '--'] : []), ...cmd.argv].map(shQuote).join(' ');
    const run = `r ${i} ${Math.max(1, Math.ceil(cmd.timeoutSec ?? DEFAULT_COMMAND_TIMEOUT_SEC))} ${words}`;
    if (!cmd.unlessStamp) {
      lines.push(run);
      return;
    }
    const probe = [...(cmd.sudo ? ['sudo', '-n', '--'] : []), ...cmd.unlessStamp.argv].map(shQuote).join(' ');
    let v = stamps.get(probe);
    if (!v) {
      v = `S${stamps.size}`;
      stamps.set(probe, v);
      // A probe that fails is never "unchanged": its stamp is `failed`, which matches nothing.
      lines.push(
        `${v}=$(o=$(if [ -n "$T" ]; then timeout -k 1 10 ${probe}; else ${probe}; fi 2>/dev/null </dev/null) && printf '%s' "$o" | cksum || echo failed)`,
      );
    }
    lines.push(`printf '%s:stamp:%s:%s\\n' "$B" ${i} "$${v}"`);
    lines.push(
      `if [ "$${v}" != failed ] && [ "$${v}" = ${shQuote(cmd.unlessStamp.previous ?? '')} ]; then printf '%s:skip:%s\\n' "$B" ${i}; else ${run}; fi`,
    );
  });
  return { script: `${lines.join('\n')}\n`, boundary, commands };
}

export function newBoundary(): string {
  return `ronde-${randomBytes(12).toString('hex')}`;
}

/** Upper bound of the batch's run time, for the client-side deadline. */
export function batchDeadlineSec(commands: readonly CommandSpec[]): number {
  return commands.reduce((s, c) => s + (c.timeoutSec ?? DEFAULT_COMMAND_TIMEOUT_SEC) + KILL_AFTER_SEC, 5);
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
): CommandResult[] {
  const b = batch.boundary;
  const results: CommandResult[] = [];
  let pos = 0;
  for (const [i, cmd] of batch.commands.entries()) {
    const stamp = cmd.unlessStamp ? stampOf(output, b, i) : undefined;
    if (stamp !== undefined && output.includes(`${b}:skip:${i}\n`)) {
      results.push({
        argv: cmd.argv,
        exitCode: 0,
        stdout: '',
        stderr: '',
        timedOut: false,
        durationMs,
        stamp,
        skipped: true,
      });
      continue;
    }
    const begin = `${b}:begin:${i}\n`;
    const start = output.indexOf(begin, pos);
    const endRe = new RegExp(`\\n${b}:end:${i}:(\\d+)\\n`, 'g');
    endRe.lastIndex = start < 0 ? 0 : start + begin.length - 1;
    const end = start < 0 ? null : endRe.exec(output);
    if (start < 0 || !end) {
      const partial = start < 0 ? '' : output.slice(start + begin.length);
      results.push({
        argv: cmd.argv,
        exitCode: null,
        stdout: partial,
        stderr: '',
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
    const errEnd = output.indexOf(`\n${b}:err:${i}\n`, end.index + end[0].length);
    const stderr = errEnd < 0 ? '' : output.slice(end.index + end[0].length, errEnd);
    pos = errEnd < 0 ? end.index + end[0].length : errEnd;
    const timedOut = exitCode === 124 || exitCode === 137;
    const r: CommandResult = { argv: cmd.argv, exitCode, stdout, stderr, timedOut, durationMs };
    if (full.length > max) r.truncated = true;
    if (stamp !== undefined) r.stamp = stamp;
    results.push(r);
  }
  return results;
}
