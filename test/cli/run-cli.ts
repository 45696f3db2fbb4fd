import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with its own XDG data dir so the store is the test's. */
export function ronde(args: string[], env: Record<string, string> = {}, cwd?: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: cwd ?? mkdtempSync(join(tmpdir(), 'ronde-cwd-')),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NO_COLOR: '1',
      // Never the store of the user running the tests (~/.local/share/ronde).
      XDG_DATA_HOME: tempDir('ronde-data-'),
      ...env,
    },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'ronde-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
