import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { backupBorg, evaluateBorg } from '../borg/index.js';
import { backupRestic, evaluateRestic } from '../restic/index.js';
import { type Entry, historyOf, judgeAge, judgeSize, keepHistory, mergeHistory } from './repo.js';

const at = (h: number) => new Date(Date.UTC(2026, 0, 10) - h * 3_600_000).toISOString();
const e = (id: string, hours: number, size: number, group?: string): Entry => ({
  id,
  time: at(hours),
  size,
  ...(group ? { group } : {}),
});
const sizeOpts = { ...backupBorg.options.parse({ repository: '/r' }), size_window: 3 };

describe('mergeHistory', () => {
  it('keeps one entry per id, newest first, at most `keep` per group', () => {
    const merged = mergeHistory(
      [e('a', 48, 1), e('b', 24, 2, 'x'), e('c', 72, 3)],
      [e('a', 48, 9), e('d', 1, 4)],
      2,
    );
    expect(merged.map((m) => [m.id, m.size])).toEqual([
      ['d', 4],
      ['b', 2],
      ['a', 9],
    ]);
  });

  it('holds its invariants on any input', () => {
    const entry = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      time: fc.integer({ min: 0, max: 1000 }).map(at),
      size: fc.nat(),
      group: fc.constantFrom('g1', 'g2'),
    });
    fc.assert(
      fc.property(fc.array(entry), fc.array(entry), fc.integer({ min: 1, max: 4 }), (prev, fresh, keep) => {
        const out = mergeHistory(prev, fresh, keep);
        expect(new Set(out.map((o) => o.id)).size).toBe(out.length);
        for (const g of ['g1', 'g2'])
          expect(out.filter((o) => o.group === g).length).toBeLessThanOrEqual(keep);
        for (let i = 1; i < out.length; i++)
          expect(Date.parse(out[i - 1]!.time)).toBeGreaterThanOrEqual(Date.parse(out[i]!.time));
      }),
    );
  });
});

describe('historyOf', () => {
  it('is undefined without a history, and drops malformed entries', () => {
    expect(historyOf(undefined)).toBeUndefined();
    expect(historyOf({ history: 'x' })).toBeUndefined();
    expect(
      historyOf({ history: [e('a', 1, 5), { id: 'b' }, null, { ...e('c', 1, 5), time: 'never' }] }),
    ).toEqual([e('a', 1, 5)]);
  });
});

describe('keepHistory', () => {
  it('carries the remembered sizes through a round that could not read the repository', () => {
    const prev = [e('a', 1, 5)];
    const locked = { status: 'UNKNOWN' as const, summary: 'locked', details: { repository: '/r' } };
    expect(keepHistory(locked, prev).details).toEqual({ repository: '/r', history: prev });
    const fresh = { ...locked, details: { history: [e('b', 0, 6)] } };
    expect(keepHistory(fresh, prev)).toBe(fresh);
    expect(keepHistory(locked, undefined)).toBe(locked);
  });
});

describe('judgeSize and judgeAge', () => {
  it('compares the newest size with the median of the previous ones of its group only', () => {
    const hist = [e('n', 1, 40, 'x'), e('p1', 25, 100, 'x'), e('p2', 49, 110, 'x'), e('o', 30, 1, 'y')];
    expect(judgeSize(hist[0]!, hist, sizeOpts, 'en')).toMatchObject({
      medianPrevious: 105,
      problem: {
        status: 'CRIT',
        why: 'newest backup is 40 B, 62% smaller than the median 105 B of the previous 2',
      },
    });
    expect(judgeSize(e('n', 1, 80, 'x'), hist, sizeOpts, 'en').problem).toMatchObject({ status: 'WARN' });
    expect(judgeSize(e('n', 1, 100, 'x'), hist, sizeOpts, 'en').problem).toBeUndefined();
    expect(judgeSize(e('n', 1, 0), [], sizeOpts, 'en').problem).toMatchObject({ status: 'CRIT' });
    expect(judgeSize(e('n', 1, 5), [], sizeOpts, 'en')).toEqual({});
  });

  it('goes WARN at warn_factor and CRIT at crit_factor × cadence, WARN in the future', () => {
    const o = { cadence: 86_400, warn_factor: 1.5, crit_factor: 2 };
    expect(judgeAge('x', 0, 86_400, o, 'en')).toBeNull();
    expect(judgeAge('x', 0, 1.6 * 86_400, o, 'en')?.status).toBe('WARN');
    expect(judgeAge('x', 0, 2.1 * 86_400, o, 'en')).toEqual({
      status: 'CRIT',
      why: 'x is 2d 2h old (cadence 1d)',
    });
    expect(judgeAge('x', 4000, 0, o, 'en')?.why).toBe('x is dated 1h 6m in the future (clock skew?)');
    expect(judgeAge('x', 0, 2.1 * 86_400, o, 'fr')?.why).toBe('x date de 2 j 2 h (cadence 1 j)');
  });
});

describe('options keep secrets off the command line', () => {
  it('refuses a password or a secret reference in the repository, and echo as password command', () => {
    expect(backupRestic.options.safeParse({ repository: 'rest:https://u:s3cret@h/r' }).success).toBe(false);
    expect(
      backupRestic.options.safeParse({ repository: 'rest:https://u@h/r', password_file: '/p' }).success,
    ).toBe(true);
    expect(backupBorg.options.safeParse({ repository: '${env:BORG_REPO}' }).success).toBe(false);
    expect(backupBorg.options.safeParse({ repository: 'ssh://borg@h:2222/./r' }).success).toBe(true);
    expect(backupBorg.options.safeParse({ repository: '/r', password_command: 'echo hunter2' }).success).toBe(
      false,
    );
    expect(backupBorg.options.safeParse({ repository: '/r', password_file: 'rel/path' }).success).toBe(false);
    expect(
      backupBorg.options.safeParse({ repository: '/r', password_file: '/a', password_command: 'cat /b' })
        .success,
    ).toBe(false);
  });

  it('refuses options without a repository or, for restic, a password source', () => {
    expect(backupBorg.options.safeParse({}).success).toBe(false);
    expect(backupRestic.options.safeParse({ password_file: '/p' }).success).toBe(false);
    expect(backupRestic.options.safeParse({ repository_file: '/r', password_file: '/p' }).success).toBe(true);
    expect(backupRestic.options.safeParse({ repository: '/r' }).error?.issues[0]?.message).toMatch(
      /^missing: give password_file \(or password_command\)/,
    );
  });
});

describe('evaluate never throws on malformed output', () => {
  const out = fc.record({
    argv: fc.constant(['x']),
    exitCode: fc.option(fc.constantFrom(0, 1, 2, 127)),
    stdout: fc.oneof(fc.string(), fc.json(), fc.constantFrom('1767000000\n', '[]', '{"archives":[]}')),
    stderr: fc.string(),
    timedOut: fc.constant(false),
    durationMs: fc.constant(1),
  }) as fc.Arbitrary<CommandResult>;

  it('borg and restic give an outcome with a summary for any outputs and any previous details', async () => {
    const borgOpts = backupBorg.options.parse({ repository: '/r', check: true });
    const resticOpts = backupRestic.options.parse({ repository: '/r', password_file: '/p' });
    await fc.assert(
      fc.asyncProperty(fc.array(out, { maxLength: 4 }), fc.anything(), out, async (outputs, prev, seed) => {
        const history = historyOf({ history: prev });
        const b = await evaluateBorg(outputs, borgOpts, async () => [seed], history, 'en');
        const r = evaluateRestic(outputs, resticOpts, history, 'en');
        for (const o of [b, r]) {
          expect(['OK', 'WARN', 'CRIT', 'UNKNOWN']).toContain(o.status);
          if (o.status !== 'OK') expect(o.summary.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
