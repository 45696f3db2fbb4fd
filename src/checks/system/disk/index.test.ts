import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { systemDisk } from './index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/system/disk/${name}`, import.meta.url), 'utf8');
const defaults = systemDisk.options.parse({});

function result(stdout: string, more: Partial<CommandResult> = {}): CommandResult {
  return { argv: ['df'], exitCode: 0, stdout, stderr: '', timedOut: false, durationMs: 5, ...more };
}

async function evaluate(out: CommandResult, options = defaults, lang: 'en' | 'fr' = 'en') {
  return systemDisk.evaluate({
    lang,
    options,
    target: { name: 'h', transport: 'local' },
    outputs: [out],
    now: new Date('2026-11-25T14:00:00Z'),
    signal: new AbortController().signal,
    run: async () => [],
  });
}

describe('system.disk', () => {
  it('warns on the 97 % inode use of the loop filesystem, skips tmpfs, counts a bind mount once', async () => {
    const o = await evaluate(result(fixture('all-mounts.stdout')));
    expect(o.status).toBe('CRIT'); // 97 % inodes ≥ 90 %
    const mounts = (o.details!.filesystems as { mount: string }[]).map((f) => f.mount).sort();
    expect(mounts).toEqual(['/', '/tmp/ronde-diskcap/mnt/bind', '/tmp/ronde-diskcap/mnt/btrfs']);
    expect(o.summary).toBe('/tmp/ronde-diskcap/mnt/bind 79% (inodes 97%)');
    expect(o.reasons).toEqual(['/tmp/ronde-diskcap/mnt/bind (ext4) inodes 97% used']);
    const fr = await evaluate(result(fixture('all-mounts.stdout')), defaults, 'fr');
    expect(fr.summary).toBe('/tmp/ronde-diskcap/mnt/bind 79 % (inodes 97 %)');
    expect(fr.reasons).toEqual(['/tmp/ronde-diskcap/mnt/bind (ext4) inodes utilisés à 97 %']);
  });

  it('is OK with a summary naming the fullest filesystem when all are below the thresholds', async () => {
    const o = await evaluate(
      result(fixture('loop-mounts.stdout')),
      systemDisk.options.parse({ inode_crit_pct: 99, inode_warn_pct: 98 }),
    );
    expect(o.status).toBe('OK');
    expect(o.summary).toBe('3 filesystems below 80%, fullest /tmp/ronde-diskcap/mnt/bind 79% (inodes 97%)');
  });

  it('goes CRIT on 96 % space and names the free space', async () => {
    const o = await evaluate(
      result(fixture('crit-loop.stdout')),
      systemDisk.options.parse({ inode_crit_pct: 100, inode_warn_pct: 100 }),
    );
    expect(o.status).toBe('CRIT');
    expect(o.reasons).toEqual(['/tmp/ronde-diskcap/mnt/bind (ext4) space 96% used, 278 KiB free']);
  });

  it('honours include/exclude globs and the warn threshold', async () => {
    const opts = systemDisk.options.parse({ exclude: ['/tmp/**'], warn_pct: 20, crit_pct: 50 });
    const o = await evaluate(result(fixture('crit-loop.stdout')), opts);
    expect(o.status).toBe('WARN');
    expect(o.summary).toBe('/ 22%');
    const only = await evaluate(
      result(fixture('crit-loop.stdout')),
      systemDisk.options.parse({ include: ['/tmp/*/secret/*'] }),
    );
    expect(only.summary).toBe('1 filesystem below 80%, fullest /tmp/ronde-diskcap/secret/m 1%');
  });

  it('does not judge inodes of btrfs (df prints "-")', async () => {
    const o = await evaluate(
      result(fixture('crit-loop.stdout')),
      systemDisk.options.parse({ include: ['**/btrfs'] }),
    );
    expect(o.status).toBe('OK');
    expect(o.details?.filesystems).toEqual([
      expect.objectContaining({ mount: '/tmp/ronde-diskcap/mnt/btrfs', pct: 13, inodesPct: null }),
    ]);
  });

  it('is UNKNOWN "df timed out (stale mount?)" when the time limit ended df', async () => {
    const o = await evaluate(result('', { exitCode: 124, timedOut: true }));
    expect(o).toMatchObject({ status: 'UNKNOWN', summary: 'df timed out (stale mount?)' });
  });

  it('is UNKNOWN, not OK, when df could not stat a mount; CRIT still wins', async () => {
    const o = await evaluate(
      result(fixture('explicit-missing.stdout'), { exitCode: 1, stderr: fixture('explicit-missing.stderr') }),
    );
    expect(o.status).toBe('UNKNOWN');
    expect(o.reasons).toContain("df: '/tmp/no such': No such file or directory");
    const excluded = await evaluate(
      result(fixture('explicit-missing.stdout'), { exitCode: 1, stderr: fixture('explicit-missing.stderr') }),
      systemDisk.options.parse({ exclude: ['/tmp/no such'] }),
    );
    expect(excluded.status).toBe('OK');
    const crit = await evaluate(
      result(fixture('crit-loop.stdout'), { exitCode: 1, stderr: fixture('explicit-missing.stderr') }),
    );
    expect(crit.status).toBe('CRIT');
  });

  it('is UNKNOWN when df is missing or not GNU df', async () => {
    expect((await evaluate(result('', { exitCode: 127 }))).summary).toBe('df not found on the target');
    const busybox = await evaluate(
      result('', { exitCode: 1, stderr: "df: unrecognized option '--output=source'\n" }),
    );
    expect(busybox.status).toBe('UNKNOWN');
    expect(busybox.summary).toContain("unrecognized option '--output=source'");
  });

  it('asks df to leave out skipped types (so a skipped stale NFS mount cannot hang it)', () => {
    const [cmd] = systemDisk.commands(systemDisk.options.parse({ skip_types: ['nfs', 'nfs4'] }));
    expect(cmd?.argv).toEqual([
      'df',
      '--output=source,fstype,size,used,avail,pcent,ipcent,itotal,iused,target',
      '-B1',
      '-x',
      'nfs',
      '-x',
      'nfs4',
    ]);
  });

  it('rejects a warn threshold above crit and unknown options', () => {
    expect(systemDisk.options.safeParse({ warn_pct: 95, crit_pct: 90 }).success).toBe(false);
    expect(systemDisk.options.safeParse({ warn: 80 }).success).toBe(false);
  });

  it('never throws and never says OK on garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.option(fc.integer({ min: 0, max: 255 })),
        async (out, err, code) => {
          const o = await evaluate(result(out, { stderr: err, exitCode: code }));
          expect(o.status).not.toBe('OK');
          expect(o.summary.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
