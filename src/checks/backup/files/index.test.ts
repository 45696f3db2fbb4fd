import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { backupFiles, evaluateBackupFiles, type Verified } from './index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/backup/files/${name}`, import.meta.url), 'utf8');
const NOW = 1_800_000_000;

function out(stdout: string, more: Partial<CommandResult> = {}): CommandResult {
  return { argv: ['find'], exitCode: 0, stdout, stderr: '', timedOut: false, durationMs: 1, ...more };
}
const clock = out(`${NOW}\n`);
const noRun = async () => {
  throw new Error('no follow-up expected');
};

describe('evaluateBackupFiles', () => {
  it('is UNKNOWN naming the path when the directory may not be read, never "no file"', async () => {
    const o = backupFiles.options.parse({ path: '/tmp/ronde-cap/priv' });
    const r = await evaluateBackupFiles(
      [out('', { exitCode: 1, stderr: fixture('denied-top.stderr') }), clock],
      o,
      noRun,
    );
    expect(r).toMatchObject({ status: 'UNKNOWN', reasons: ['permission denied: /tmp/ronde-cap/priv'] });
  });

  it('is UNKNOWN for a denied subdirectory even when other files are fresh', async () => {
    const o = backupFiles.options.parse({ path: '/tmp/ronde-cap/priv', max_depth: 2 });
    const listing = `${NOW - 3600}.5\t100\ta.gz\0`;
    const r = await evaluateBackupFiles(
      [out(listing, { exitCode: 1, stderr: fixture('denied-sub.stderr') }), clock],
      o,
      noRun,
    );
    expect(r.status).toBe('UNKNOWN');
    expect(r.reasons).toEqual(['permission denied: /tmp/ronde-cap/priv/sub']);
  });

  it('reads a missing directory whose name GNU find escapes', async () => {
    const o = backupFiles.options.parse({ path: "/tmp/ronde-cap/it's" });
    const r = await evaluateBackupFiles(
      [out('', { exitCode: 1, stderr: fixture('missing-quote.stderr') }), clock],
      o,
      noRun,
    );
    expect(r).toMatchObject({ status: 'CRIT', summary: "no such directory: /tmp/ronde-cap/it's" });
  });

  it('says it in French to a French team, on the captured find errors', async () => {
    const denied = await evaluateBackupFiles(
      [out(`${NOW - 3600}.5\t100\ta.gz\0`, { exitCode: 1, stderr: fixture('denied-sub.stderr') }), clock],
      backupFiles.options.parse({ path: '/tmp/ronde-cap/priv', max_depth: 2 }),
      noRun,
      [],
      'fr',
    );
    expect(denied.summary).toBe('permission refusée : /tmp/ronde-cap/priv/sub');
    const missing = await evaluateBackupFiles(
      [out('', { exitCode: 1, stderr: fixture('missing-quote.stderr') }), clock],
      backupFiles.options.parse({ path: "/tmp/ronde-cap/it's" }),
      noRun,
      [],
      'fr',
    );
    expect(missing.summary).toBe("répertoire inexistant : /tmp/ronde-cap/it's");
    const o = backupFiles.options.parse({ path: '/srv/backup', verify: 'none' });
    const listing = [3, 27, 51].map((h) => `${NOW - h * 3600}.5\t1000\tdb-${h}.sql.gz\0`).join('');
    const ok = await evaluateBackupFiles([out(listing), clock], o, noRun, [], 'fr');
    expect(ok.summary).toBe('la sauvegarde la plus récente db-3.sql.gz date de 3 h, 3 conservées');
    const stale = await evaluateBackupFiles([out(listing), out(`${NOW + 2 * 86_400}\n`)], o, noRun, [], 'fr');
    expect(stale.status).toBe('CRIT');
    expect(stale.summary).toBe('la sauvegarde la plus récente db-3.sql.gz date de 2 j 3 h (cadence 1 j)');
  });

  it('is UNKNOWN when the host clock or find is missing', async () => {
    const o = backupFiles.options.parse({});
    expect((await evaluateBackupFiles([out(''), out('', { exitCode: 127 })], o, noRun)).summary).toMatch(
      /host's clock/,
    );
    expect((await evaluateBackupFiles([out('', { exitCode: 127 }), clock], o, noRun)).summary).toBe(
      'find not found on the target',
    );
  });

  it('reuses a previous verdict for the same name, size and mtime instead of reading the file again', async () => {
    const o = backupFiles.options.parse({ verify: 'gzip' });
    const mtime = NOW - 3600;
    const prev: Verified = {
      name: 'a.gz',
      size: 100,
      mtime: new Date(mtime * 1000).toISOString(),
      test: 'gzip',
      ok: true,
    };
    const r = await evaluateBackupFiles([out(`${mtime}\t100\ta.gz\0`), clock], o, noRun, [prev]);
    expect(r.status).toBe('OK');
    let asked = 0;
    const run = async (cmds: readonly { argv: readonly string[] }[]) => {
      asked += cmds.length;
      return cmds.map((c) =>
        out('', { argv: c.argv, exitCode: 1, stderr: 'gzip: a.gz: unexpected end of file\n' }),
      );
    };
    const changed = await evaluateBackupFiles([out(`${mtime}\t90\ta.gz\0`), clock], o, run, [prev]);
    expect(asked).toBe(1);
    expect(changed).toMatchObject({
      status: 'CRIT',
      reasons: ['a.gz: gzip test failed: gzip: a.gz: unexpected end of file'],
    });
  });

  it('gives a series whose newest file fails its integrity test that status (issue 17)', async () => {
    const o = backupFiles.options.parse({ verify: 'auto', group_by: '^(?<db>[a-z]+)-' });
    const t = NOW - 3600;
    const find = out(
      `${t}\t100\tshop-2.sql.gz\0${t - 86_400}\t100\tshop-1.sql.gz\0${t}\t100\twiki-2.sql.gz\0`,
    );
    const run = async (cmds: readonly { argv: readonly string[] }[]) =>
      cmds.map((c) =>
        c.argv.join(' ').includes('shop-2')
          ? out('-- PostgreSQL database dump complete\n', { argv: c.argv })
          : out('truncated', { argv: c.argv }),
      );
    const r = await evaluateBackupFiles([find, clock], o, run);
    expect(r.status).toBe('CRIT');
    const series = (r.details as { series: { group: string; status: string }[] }).series;
    expect(series.map((s) => [s.group, s.status])).toEqual([
      ['shop', 'OK'],
      ['wiki', 'CRIT'],
    ]);
    expect(r.reasons).toEqual([
      'wiki-2.sql.gz: no "dump complete" marker at the end: the dump stopped half-way',
    ]);
  });

  it('never throws and never says OK on garbage', async () => {
    const o = backupFiles.options.parse({ verify: 'auto', group_by: '^(.)' });
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.option(fc.integer({ min: 0, max: 255 })),
        async (s, err, code) => {
          const r = await evaluateBackupFiles(
            [out(s, { stderr: err, exitCode: code }), clock],
            o,
            async (c) => c.map(() => out('')),
          );
          expect(r.summary.length).toBeGreaterThan(0);
          if (!/^\d+(\.\d+)?\t\d+\t[^\0]+\0$/.test(s) || code !== 0 || err.trim() !== '')
            expect(r.status).not.toBe('OK');
        },
      ),
    );
  });
});
