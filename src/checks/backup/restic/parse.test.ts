import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupOf, parseResticSnapshots, parseResticStats, parseResticTime, resticFailure } from './parse.js';

const fixtures = join(import.meta.dirname, '../../../../test/fixtures/backup/restic');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('parseResticSnapshots (restic 0.14 snapshots --json)', () => {
  it('reads the snapshots newest first', () => {
    const snaps = parseResticSnapshots(fixture('snapshots.json'));
    if (typeof snaps === 'string') throw new Error(snaps);
    expect(snaps.map((s) => [s.shortId, s.host, s.tags])).toEqual([
      ['8231f5c5', 'web1', ['daily']],
      ['7e218167', 'web1', ['daily']],
    ]);
    expect(new Date(snaps[1]!.time * 1000).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(groupOf(snaps[0]!)).toBe('web1:/srv/data');
  });

  it('says it in French to a French team, on captured output', () => {
    expect(parseResticSnapshots(fixture('wrong-password.stderr'), 'fr')).toBe(
      'restic snapshots n’a affiché aucun JSON',
    );
    expect(parseResticSnapshots(fixture('stats-latest.json'), 'fr')).toBe(
      'le JSON de restic snapshots n’est pas une liste',
    );
    expect(parseResticStats(fixture('stats-empty.stderr'), 'fr')).toBe('restic stats n’a affiché aucun JSON');
    expect(parseResticStats(fixture('snapshots.json'), 'fr')).toBe(
      'le JSON de restic stats n’a pas de total_size',
    );
  });

  it('says what is wrong with output that is not a snapshot list, and never throws', () => {
    expect(parseResticSnapshots('')).toBe('restic snapshots printed no JSON');
    expect(parseResticSnapshots('{}')).toBe('restic snapshots JSON is not a list');
    expect(parseResticSnapshots('[{"id": "x"}]')).toMatch(/without id or time/);
    expect(parseResticSnapshots('[]')).toEqual([]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.array(fc.anything()).map((a) => JSON.stringify(a)),
        ),
        (s) => {
          const r = parseResticSnapshots(s);
          if (Array.isArray(r)) for (const x of r) expect(Number.isFinite(x.time)).toBe(true);
        },
      ),
    );
  });
});

describe('parseResticTime', () => {
  it('reads nanoseconds and offsets', () => {
    expect(parseResticTime('2026-11-25T14:42:41.641446084Z')).toBe(
      Date.UTC(2026, 10, 25, 14, 42, 41, 641) / 1000,
    );
    expect(parseResticTime('2026-11-25T15:42:41+01:00')).toBe(Date.UTC(2026, 10, 25, 14, 42, 41) / 1000);
    expect(parseResticTime('2026-11-25 15:42:41')).toBeNull();
  });
});

describe('parseResticStats', () => {
  it('reads the restore size, and the zero count 0.14 prints when nothing matched', () => {
    expect(parseResticStats(fixture('stats-latest.json'))).toEqual({ size: 300_000, files: 3, snapshots: 1 });
    expect(parseResticStats(fixture('stats-empty.json'))).toMatchObject({ size: 0, snapshots: 0 });
    expect(parseResticStats('null')).toBe('restic stats JSON has no total_size');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (s) => void parseResticStats(s)));
  });
});

describe('resticFailure', () => {
  it('tells a wrong password (UNKNOWN) from a missing repository (CRIT)', () => {
    expect(resticFailure(fixture('wrong-password.stderr'), 1, 'en')).toEqual({
      status: 'UNKNOWN',
      cause: 'password',
      why: 'wrong password: Fatal: wrong password or no key found',
    });
    expect(resticFailure(fixture('missing.stderr'), 1, 'en')).toEqual({
      status: 'CRIT',
      why: 'Fatal: unable to open config file: stat /srv/nope/config: no such file or directory',
    });
    expect(
      resticFailure(
        'unable to create lock in backend: repository is already locked exclusively by PID 1',
        1,
        'en',
      ).status,
    ).toBe('UNKNOWN');
  });

  it('names the first error of a failed check, and never throws', () => {
    const stderr =
      'error for tree ae862263:\n\n  decrypting blob ae86 failed: ciphertext verification failed\nFatal: repository contains errors\n';
    expect(resticFailure(stderr, 1, 'en').why).toBe(
      'Fatal: repository contains errors (error for tree ae862263: decrypting blob ae86 failed: ciphertext verification failed)',
    );
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer()), (s, code) => {
        expect(resticFailure(s, code, 'en').why.length).toBeGreaterThan(0);
      }),
    );
  });
});
