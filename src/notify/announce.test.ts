import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../core/status.js';
import { type AnnouncedRow, groupChanges, judge } from './announce.js';

/** Runs statuses through judge from an announced OK; returns the announced events. */
function run(statuses: Status[], damping = 2): string[] {
  let row: AnnouncedRow | undefined = { announced: 'OK', candidate: null, count: 0 };
  const out: string[] = [];
  for (const s of statuses) {
    const { next, verdict } = judge(row, s, damping);
    if (verdict.kind === 'announce' && verdict.event) out.push(`${verdict.event}:${verdict.to}`);
    row = next;
  }
  return out;
}

describe('judge (flap damping)', () => {
  it('announces a status only once it held for `damping` rounds', () => {
    expect(run(['WARN', 'OK', 'WARN', 'OK'])).toEqual([]);
    expect(run(['WARN', 'WARN', 'WARN', 'WARN'])).toEqual(['check.problem:WARN']);
    expect(run(['CRIT', 'WARN', 'CRIT', 'CRIT'])).toEqual(['check.problem:CRIT']);
    expect(run(['CRIT'], 1)).toEqual(['check.problem:CRIT']);
  });

  it('tells UNKNOWN apart, recovery on OK, and a milder problem not at all', () => {
    expect(run(['UNKNOWN', 'UNKNOWN', 'OK', 'OK'])).toEqual(['check.unknown:UNKNOWN', 'check.recovery:OK']);
    expect(run(['CRIT', 'CRIT', 'WARN', 'WARN', 'OK', 'OK'])).toEqual([
      'check.problem:CRIT',
      'check.recovery:OK',
    ]);
  });

  it('a new check that is fine is recorded silently; a new problem waits like any other', () => {
    expect(judge(undefined, 'OK', 2)).toEqual({
      next: { announced: 'OK', candidate: null, count: 0 },
      verdict: { kind: 'announce', to: 'OK' },
    });
    expect(judge(undefined, 'WARN', 2).verdict).toEqual({ kind: 'none' });
  });

  it('an unchanged status never produces another announcement (property)', () => {
    const status = fc.constantFrom(...STATUSES);
    fc.assert(
      fc.property(
        fc.array(status, { maxLength: 30 }),
        status,
        fc.integer({ min: 1, max: 4 }),
        (seq, s, d) => {
          const before = run(seq, d).length;
          const after = run([...seq, ...Array(d + 5).fill(s)], d).length;
          // Holding one status adds at most one announcement, however long it holds.
          expect(after - before).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('groupChanges', () => {
  it('makes one message per host and kind of change, with an identity naming the round', () => {
    const c = (target: string, check: string, to: Status, event: string) => ({
      check,
      target,
      from: 'OK' as const,
      to,
      summary: 's',
      event,
    });
    const out = groupChanges(
      [
        c('web1', 'disk', 'CRIT', 'check.problem'),
        c('web1', 'apt', 'WARN', 'check.problem'),
        c('web1', 'units', 'UNKNOWN', 'check.unknown'),
        c('db1', 'disk', 'CRIT', 'check.problem'),
      ],
      42,
    );
    expect(out.map((a) => a.identity)).toEqual([
      'check.problem:db1:round 42',
      'check.problem:web1:round 42',
      'check.unknown:web1:round 42',
    ]);
    expect(out[1]!.draft).toMatchObject({ title: 'web1: 2 problems', severity: 'critical' });
    // Worst first.
    expect(out[1]!.draft.text.indexOf('disk')).toBeLessThan(out[1]!.draft.text.indexOf('apt'));
  });
});
