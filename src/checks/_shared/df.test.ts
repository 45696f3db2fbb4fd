import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDf, parseDfErrors } from './df.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/system/disk/${name}`, import.meta.url), 'utf8');

describe('parseDf', () => {
  it('reads every row of real GNU df output, mount points with spaces included', () => {
    const { rows, malformed, header } = parseDf(fixture('all-mounts.stdout'));
    expect(header).toBe(true);
    expect(malformed).toEqual([]);
    expect(rows.map((r) => r.mount)).toContain('/tmp/ronde-diskcap/mnt/data disk');
    const loop = rows.find((r) => r.mount === '/tmp/ronde-diskcap/mnt/data disk');
    expect(loop).toEqual({
      source: '/dev/loop0',
      fstype: 'ext4',
      size: 7254016,
      used: 5257216,
      avail: 1411072,
      pct: 79,
      inodePct: 97,
      inodes: 64,
      inodesUsed: 62,
      mount: '/tmp/ronde-diskcap/mnt/data disk',
    });
  });

  it('gives null inode percent for btrfs ("-") and null space percent for pseudo filesystems', () => {
    const { rows } = parseDf(fixture('all-mounts.stdout'));
    expect(rows.find((r) => r.fstype === 'btrfs')?.inodePct).toBeNull();
    expect(rows.find((r) => r.fstype === 'proc')?.pct).toBeNull();
  });

  it('keeps a source with spaces apart from the type', () => {
    const line = 'sshfs user@h:/a b fuse.sshfs 1000 500 500 50% - 0 0 /mnt/remote dir';
    const { rows } = parseDf(
      `Filesystem Type 1B-blocks Used Avail Use% IUse% Inodes IUsed Mounted on\n${line}\n`,
    );
    expect(rows[0]).toMatchObject({
      source: 'sshfs user@h:/a b',
      fstype: 'fuse.sshfs',
      mount: '/mnt/remote dir',
    });
  });

  it('says when the output is not df output', () => {
    expect(parseDf('Usage: df [OPTION]...\n').header).toBe(false);
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const p = parseDf(s);
        for (const r of p.rows) expect(r.mount.startsWith('/')).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('/dev/sda1', 'ext4', '-', '12%', '0', ' ', '\t', '/', 'x y', '\n')),
        (ws) => {
          parseDf(`Filesystem Type\n${ws.join(' ')}`);
        },
      ),
    );
  });
});

describe('parseDfErrors', () => {
  it('extracts the quoted path of a real df error', () => {
    expect(parseDfErrors(fixture('explicit-missing.stderr'))).toEqual([
      { path: '/tmp/no such', message: "df: '/tmp/no such': No such file or directory" },
    ]);
  });
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseDfErrors(s)));
  });
});
