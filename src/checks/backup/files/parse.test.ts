import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupOf, scanFind } from './parse.js';
import { testFor } from './verify.js';

const rec = (mtime: number, size: number, name: string) => `${mtime}\t${size}\t${name}\0`;
const opts = { now: 1_000_000, toleranceSec: 300, keep: 3 };

describe('scanFind', () => {
  it('keeps the newest files per series, counts all, and sets future ones apart', () => {
    const out =
      rec(999_000.5, 10, 'a-1') +
      rec(998_000, 0, 'a-2') +
      rec(1_000_100, 12, 'a-3') + // within tolerance: not future
      rec(997_000, 11, 'a-0') +
      rec(2_000_000, 5, 'a-9') +
      rec(999_500, 7, 'b-1') +
      rec(1, 1, 'zzz');
    const scan = scanFind(out, { ...opts, groupBy: /^(?<g>[a-z])-/ });
    expect(scan).toMatchObject({ files: 7, unmatched: 1, unmatchedSample: ['zzz'], malformed: 0 });
    const a = scan.series.get('a')!;
    expect(a).toMatchObject({ count: 5, empty: 1, future: 1, newestFuture: { name: 'a-9' } });
    expect(a.newest.map((f) => f.name)).toEqual(['a-3', 'a-1', 'a-2']);
    expect(scan.series.get('b')?.newest).toEqual([{ name: 'b-1', size: 7, mtime: 999_500 }]);
  });

  it('reads names holding tabs and newlines, and counts broken records', () => {
    const scan = scanFind(`${rec(5, 1, 'x\ty\nz')}garbage\0${rec(6, 2, '')}1\t2\tunterminated`, opts);
    expect(scan.series.get('')?.newest.map((f) => f.name)).toEqual(['x\ty\nz']);
    expect(scan.malformed).toBe(3);
  });

  it('never throws on random output, and keeps its invariants', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 12 }), (s, keep) => {
        const scan = scanFind(s, { ...opts, keep, groupBy: /^(.)/ });
        for (const series of scan.series.values()) {
          expect(series.newest.length).toBeLessThanOrEqual(Math.min(keep, series.count));
          for (let i = 1; i < series.newest.length; i++)
            expect(series.newest[i - 1]!.mtime).toBeGreaterThanOrEqual(series.newest[i]!.mtime);
        }
      }),
    );
  });

  it('finds the true newest whatever the order of the records', () => {
    const file = fc.record({
      mtime: fc.integer({ min: 0, max: 999_999 }),
      size: fc.nat(),
      name: fc.string({ minLength: 1 }).filter((n) => !n.includes('\0')),
    });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 50 }), (files) => {
        const scan = scanFind(files.map((f) => rec(f.mtime, f.size, f.name)).join(''), opts);
        const top = Math.max(...files.map((f) => f.mtime));
        expect(scan.files).toBe(files.length);
        expect(scan.series.get('')?.newest[0]?.mtime).toBe(top);
      }),
    );
  });

  it('handles 100,000 records in one pass quickly', () => {
    const out = Array.from({ length: 100_000 }, (_, i) =>
      rec(900_000 + i, 1000 + (i % 7), `db${i % 20}-${i}.sql.gz`),
    ).join('');
    const t0 = performance.now();
    const scan = scanFind(out, { ...opts, keep: 10, groupBy: /^(db\d+)-/ });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(scan.series.size).toBe(20);
    expect(scan.series.get('db19')?.newest[0]?.name).toBe('db19-99999.sql.gz');
  });
});

describe('groupOf', () => {
  it('takes the named group, else the first group, else the whole match', () => {
    expect(groupOf('mattermost-20260101.sql.gz', /^(?<db>[a-z_]+)-\d{8}/)).toBe('mattermost');
    expect(groupOf('vzdump-qemu-101-x', /^vzdump-qemu-(\d+)-/)).toBe('101');
    expect(groupOf('host1.tar', /^host\d/)).toBe('host1');
    expect(groupOf('other', /^x/)).toBeNull();
  });
});

describe('testFor (verify: auto)', () => {
  it('picks the test from the name', () => {
    const auto = (n: string) => testFor(n, 'auto');
    expect(['a.tar.gz', 'a.tgz', 'a.tar', 'a.tar.zst'].map(auto)).toEqual(['tar', 'tar', 'tar', 'tar']);
    expect(['a.sql', 'a.sql.gz', 'a.SQL.XZ'].map(auto)).toEqual(['sql', 'sql', 'sql']);
    expect(['a.dump', 'a.gz', 'a.zst', 'a.xz', 'a.bz2', 'a.vma'].map(auto)).toEqual([
      'pg_custom',
      'gzip',
      'zstd',
      'xz',
      'bzip2',
      null,
    ]);
    expect(testFor('a.gz', 'none')).toBeNull();
    expect(testFor('a.bin', 'pg_custom')).toBe('pg_custom');
  });
});
