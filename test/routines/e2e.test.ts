import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ronde-routines-e2e-'));
writeFileSync(
  join(dir, 'ronde.yaml'),
  'team: [{ name: alice }]\nroutines:\n  - { id: backups, title: Check the backups, every: 1w, checklist: [Dumps] }\n',
);

/** The CLI entry point from source, as a user runs it, with its own data dir. */
function ronde(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_DATA_HOME: join(dir, 'data'),
      USER: 'alice',
      NO_COLOR: '1',
    },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ronde done / routines from the command line', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 64 on an unknown routine, records a sign-off, and shows it with --json after the id', () => {
    const bad = ronde('done', 'backup', '--note', 'x');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toBe('ronde: unknown routine "backup" — did you mean "backups"? Routines: backups\n');

    const done = ronde('done', 'backups', '--note', 'dumps restored on test', '--item', '1');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Recorded #1: backups done by alice/);

    const show = ronde('routines', 'show', 'backups', '--json');
    expect(show.code).toBe(0);
    const doc = JSON.parse(show.stdout);
    expect(doc).toMatchObject({ version: 1, routine: { id: 'backups', status: 'ok' } });
    expect(doc.routine.history).toHaveLength(1);
    expect(doc.routine.checklist).toEqual([{ n: 1, text: 'Dumps', ticked: true }]);
  });
});
