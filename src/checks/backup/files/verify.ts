import { type CommandResult, type CommandSpec, EXIT_NOT_FOUND } from '../../../core/command.js';
import type { VerifyFormat } from './options.js';

/**
 * Integrity tests of the newest backup of a series, one command per file. Every test reads
 * the whole file (a truncated dump must fail), so each costs a full read of the backup.
 */
export type Test = Exclude<VerifyFormat, 'auto' | 'none'>;

const COMPRESSORS = { gz: 'gzip', zst: 'zstd', xz: 'xz', bz2: 'bzip2' } as const;
type Ext = keyof typeof COMPRESSORS;

/** pg_dump's and mysqldump's last lines: without them the dump stopped half-way. */
export const SQL_END_MARKERS = ['-- PostgreSQL database dump complete', '-- Dump completed'];
const FAILED = 'ronde-decompress-failed';

/** The test `verify: auto` picks from the file name; null when the name says nothing. */
export function testFor(name: string, verify: VerifyFormat): Test | null {
  if (verify === 'none') return null;
  if (verify !== 'auto') return verify;
  const n = name.toLowerCase();
  if (/\.(tar|tgz|tbz2?|txz|tzst)$|\.tar\.(gz|zst|xz|bz2)$/.test(n)) return 'tar';
  if (/\.sql(\.(gz|zst|xz|bz2))?$/.test(n)) return 'sql';
  if (/\.(dump|pgdump)$/.test(n)) return 'pg_custom';
  const ext = /\.(gz|zst|xz|bz2)$/.exec(n)?.[1] as Ext | undefined;
  return ext ? COMPRESSORS[ext] : null;
}

export function verifyCommand(test: Test, file: string, timeoutSec: number, sudo: boolean): CommandSpec {
  const spec = (argv: string[]): CommandSpec => ({ argv, timeoutSec, sudo, maxOutputBytes: 8192 });
  switch (test) {
    case 'gzip':
    case 'xz':
    case 'bzip2':
      return spec([test, '-t', '--', file]);
    case 'zstd':
      return spec(['zstd', '-q', '-t', '--', file]);
    case 'tar':
      // The listing is thrown away on the machine: only the exit status matters.
      return spec(['sh', '-c', 'tar -tf "$1" >/dev/null', 'sh', file]);
    case 'pg_custom':
      // A full restore into /dev/null reads every block; `--list` reads only the table of contents.
      return spec(['pg_restore', '-f', '/dev/null', '--', file]);
    case 'sql': {
      // A compressed dump is decompressed whole: that tests the compression and gives the last lines.
      const ext = /\.(gz|zst|xz|bz2)$/i.exec(file)?.[1]?.toLowerCase() as Ext | undefined;
      if (!ext) return spec(['tail', '-c', '4096', '--', file]);
      const script = `{ ${COMPRESSORS[ext]} -dc -- "$1" || echo "${FAILED} $?"; } | tail -c 4096`;
      return spec(['sh', '-c', script, 'sh', file]);
    }
  }
}

export interface Verdict {
  /** null: the test could not run (tool missing, timed out). */
  ok: boolean | null;
  problem?: string;
}

export function judgeVerify(test: Test, r: CommandResult | undefined): Verdict {
  if (!r) return { ok: null, problem: 'integrity test did not run' };
  if (r.timedOut) return { ok: null, problem: `${test} integrity test timed out` };
  if (r.error) return { ok: null, problem: `${test} integrity test did not complete: ${r.error}` };
  const err = firstLine(r.stderr);
  if (r.exitCode === EXIT_NOT_FOUND)
    return { ok: null, problem: `${err || 'tool not found'} (needed for ${test})` };
  if (test === 'sql') {
    const failed = new RegExp(`${FAILED} (\\d+)`).exec(r.stdout);
    if (failed?.[1] === String(EXIT_NOT_FOUND))
      return { ok: null, problem: `${err || 'decompressor not found'}` };
    if (failed || r.exitCode !== 0)
      return { ok: false, problem: `cannot read the dump: ${err || `exit ${failed?.[1] ?? r.exitCode}`}` };
    if (!SQL_END_MARKERS.some((m) => r.stdout.includes(m)))
      return { ok: false, problem: 'no "dump complete" marker at the end: the dump stopped half-way' };
    return { ok: true };
  }
  if (r.exitCode !== 0) return { ok: false, problem: `${test} test failed: ${err || `exit ${r.exitCode}`}` };
  return { ok: true };
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}
