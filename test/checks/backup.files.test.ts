import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFiles } from '../../src/checks/backup/files/index.js';
import type { CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';

const DAY = 86_400;
const nowSec = () => Date.now() / 1000;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ronde-backup-'));
  dirs.push(d);
  return d;
}

/** A file of `size` bytes (or the given content) whose mtime is `ageDays` ago. */
function put(dir: string, name: string, ageDays: number, content: number | Buffer | string = 1000): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'number' ? Buffer.alloc(content, 'x') : content);
  const t = nowSec() - ageDays * DAY;
  utimesSync(path, t, t);
  return path;
}

/** Runs the kind through the real runner and LocalTarget (the batch script that also runs over SSH). */
async function check(options: Record<string, unknown>): Promise<CheckResult> {
  const parsed = backupFiles.options.parse(options);
  const { results } = await runRound([
    {
      target: new LocalTarget('here'),
      checks: [{ instance: 'b', kind: backupFiles, options: parsed, timeoutSec: 60, explicit: true }],
    },
  ]);
  return results[0]!;
}

const day = (n: number) =>
  new Date(Date.now() - n * DAY * 1000).toISOString().slice(0, 10).replaceAll('-', '');

describe('backup.files on real files', () => {
  it('is CRIT when one database stopped dumping a week ago, even though another one is fresh', async () => {
    const dir = tempDir();
    for (let i = 0; i < 10; i++) put(dir, `mattermost-${day(i)}.sql.gz`, i + 0.1);
    for (let i = 7; i < 12; i++) put(dir, `etherpad-${day(i)}.sql.gz`, i + 0.1);
    put(dir, 'README', 0);
    const ungrouped = await check({ path: dir, pattern: '*.sql.gz' });
    expect(ungrouped.status).toBe('OK'); // the incident: one fresh dump hides the failing database
    const r = await check({ path: dir, pattern: '*.sql.gz', group_by: '^(?<db>[a-z_]+)-\\d{8}\\.sql\\.gz$' });
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(
      /^etherpad: newest backup etherpad-\d{8}\.sql\.gz is 7d 2h old \(cadence 1d\)$/,
    );
    const series = r.details!.series as { group: string; status: string; count: number; files: unknown[] }[];
    expect(series.map((s) => [s.group, s.status, s.count])).toEqual([
      ['mattermost', 'OK', 10],
      ['etherpad', 'CRIT', 5],
    ]);
    expect(series[0]!.files).toHaveLength(10);
  });

  it('names a group that has no backup at all when expected_groups lists it', async () => {
    const dir = tempDir();
    put(dir, `wekan-${day(0)}.sql.gz`, 0.1);
    const r = await check({ path: dir, group_by: '^([a-z]+)-', expected_groups: ['wekan', 'ldap'] });
    expect(r).toMatchObject({ status: 'CRIT', reasons: ['ldap: no backup at all'] });
  });

  it('warns at 1.5× and goes CRIT at 2× the cadence', async () => {
    const dir = tempDir();
    put(dir, 'a.tar', 1.6);
    expect((await check({ path: dir })).status).toBe('WARN');
    put(dir, 'a.tar', 2.1);
    expect((await check({ path: dir })).status).toBe('CRIT');
    expect((await check({ path: dir, cadence: '12h' })).status).toBe('CRIT');
    expect((await check({ path: dir, cadence: '2d' })).status).toBe('OK');
  });

  it('is CRIT for a missing directory, an empty one, or no matching file', async () => {
    const dir = tempDir();
    expect(await check({ path: join(dir, 'nope') })).toMatchObject({
      status: 'CRIT',
      summary: `no such directory: ${join(dir, 'nope')}`,
    });
    expect(await check({ path: dir })).toMatchObject({
      status: 'CRIT',
      summary: `no file matching * in ${dir}`,
    });
    put(dir, 'x.txt', 0);
    expect((await check({ path: dir, pattern: '*.gz' })).status).toBe('CRIT');
  });

  it('judges the newest size against the median of the previous ones, and empty files', async () => {
    const dir = tempDir();
    for (let i = 1; i <= 8; i++) put(dir, `d${i}.gz`, i, 10_000 + i);
    put(dir, 'd0.gz', 0.1, 7_000);
    expect((await check({ path: dir })).status).toBe('WARN');
    put(dir, 'd0.gz', 0.1, 4_000);
    const crit = await check({ path: dir });
    expect(crit.status).toBe('CRIT');
    expect(crit.reasons).toEqual([
      'newest backup is 3.9 KiB, 60% smaller than the median 9.8 KiB of the previous 7',
    ]);
    put(dir, 'd0.gz', 0.1, 25_000);
    expect((await check({ path: dir })).status).toBe('WARN'); // +150 %: a dump of the wrong thing?
    put(dir, 'd0.gz', 0.1, 0);
    expect((await check({ path: dir })).reasons).toEqual(['newest backup d0.gz is empty (0 bytes)']);
    put(dir, 'd0.gz', 0.1, 10_000);
    put(dir, 'd5.gz', 5, 0);
    expect(await check({ path: dir })).toMatchObject({
      status: 'WARN',
      reasons: ['1 older backup is empty (0 bytes)'],
    });
  });

  it('warns, never says fresh, when the newest file is dated in the future', async () => {
    const dir = tempDir();
    put(dir, 'good.gz', 0.5);
    put(dir, 'bogus.gz', -3);
    const r = await check({ path: dir });
    expect(r.status).toBe('WARN');
    expect(r.reasons![0]).toMatch(/^bogus\.gz is dated (2d 23h|3d) in the future/);
  });

  it('checks the count kept against retention', async () => {
    const dir = tempDir();
    for (let i = 0; i < 5; i++) put(dir, `f${i}`, i);
    expect((await check({ path: dir, cadence: '1w', retention: { min: 7 } })).reasons).toEqual([
      'only 5 backups kept, expected at least 7 (lost history?)',
    ]);
    expect((await check({ path: dir, cadence: '1w', retention: { max: 3 } })).status).toBe('WARN');
    expect((await check({ path: dir, cadence: '1w', retention: { min: 2, max: 5 } })).status).toBe('OK');
  });

  it('handles names with tabs and newlines', async () => {
    const dir = tempDir();
    put(dir, 'a\tb\nc.gz', 3);
    const r = await check({ path: dir });
    expect(r.status).toBe('CRIT');
    expect((r.details!.series as { newest: { name: string } }[])[0]!.newest.name).toBe('a\tb\nc.gz');
  });
});

describe('backup.files integrity tests (verify)', () => {
  const sql = '-- dump\nCREATE TABLE t (x int);\n-- Dump completed on 2026-01-01 10:00:00\n';

  it('passes intact gzip, tar and SQL dumps and fails truncated ones', async () => {
    const dir = tempDir();
    const big = gzipSync(
      Buffer.from(Array.from({ length: 20000 }, (_, i) => `row ${i} ${i * 7}\n`).join('')),
    );
    put(dir, 'ok.gz', 0.1, big);
    put(dir, 'db.sql.gz', 0.1, gzipSync(sql));
    put(dir, 'plain.sql', 0.1, sql);
    execFileSync('tar', ['-cf', join(dir, 'etc.tar'), '-C', '/usr/share', 'common-licenses']);
    utimesSync(join(dir, 'etc.tar'), nowSec() - 3600, nowSec() - 3600);
    const r = await check({ path: dir, group_by: '^(.*)$', verify: 'auto' });
    expect(r.status).toBe('OK');
    expect((r.details!.verified as { test: string }[]).map((v) => v.test).sort()).toEqual([
      'gzip',
      'sql',
      'sql',
      'tar',
    ]);

    truncateSync(join(dir, 'ok.gz'), big.length - 100);
    truncateSync(join(dir, 'etc.tar'), 5000);
    put(dir, 'db.sql.gz', 0.1, gzipSync(sql.slice(0, 30))); // mysqldump died, gzip finished fine
    put(dir, 'plain.sql', 0.1, sql.slice(0, 30));
    const bad = await check({ path: dir, group_by: '^(.*)$', verify: 'auto' });
    expect(bad.status).toBe('CRIT');
    expect(bad.reasons!.sort()).toEqual([
      'db.sql.gz: no "dump complete" marker at the end: the dump stopped half-way',
      expect.stringMatching(/^etc\.tar: tar test failed: tar: /),
      expect.stringMatching(/^ok\.gz: gzip test failed: gzip: .*unexpected end of file/),
      'plain.sql: no "dump complete" marker at the end: the dump stopped half-way',
    ]);
  });

  it('fails a file that is not a PostgreSQL custom dump', async () => {
    const dir = tempDir();
    put(dir, 'x.dump', 0.1);
    const r = await check({ path: dir, verify: 'pg_custom', sudo: false });
    // pg_restore is installed here: a non-dump fails; the message is pg_restore's own.
    expect(r.status).toBe('CRIT');
    expect(r.reasons![0]).toMatch(/^x\.dump: pg_custom test failed: pg_restore: error: /);
  });
});

describe('backup.files with real PostgreSQL custom dumps', () => {
  it('passes a real pg_dump -Fc and fails the same dump truncated (which pg_restore --list accepts)', async () => {
    const { startPostgres } = await import('../lab/postgres.js');
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase('dumped');
      const psql = '/usr/lib/postgresql/15/bin/psql';
      execFileSync(psql, [
        url,
        '-qc',
        'create table t as select g, md5(g::text) from generate_series(1, 50000) g',
      ]);
      const dir = tempDir();
      const file = join(dir, 'dumped.dump');
      execFileSync('/usr/lib/postgresql/15/bin/pg_dump', ['-Fc', '-f', file, url]);
      expect((await check({ path: dir, verify: 'auto' })).status).toBe('OK');
      const size = readFileSync(file).length;
      truncateSync(file, Math.floor(size * 0.6));
      utimesSync(file, nowSec() - 60, nowSec() - 60);
      // The table of contents is at the start: the cheap test would pass this broken dump.
      execFileSync('/usr/lib/postgresql/15/bin/pg_restore', ['--list', file], { stdio: 'ignore' });
      const r = await check({ path: dir, verify: 'auto' });
      expect(r.status).toBe('CRIT');
      expect(r.reasons).toEqual([
        expect.stringMatching(/^dumped\.dump: pg_custom test failed: pg_restore: error: /),
      ]);
    } finally {
      await pg.stop();
    }
  }, 60_000);
});
