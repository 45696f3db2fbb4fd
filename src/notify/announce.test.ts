import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../core/check.js';
import { STATUSES, type Status } from '../core/status.js';
import { type AnnouncedRow, groupChanges, judge, sharedDamping } from './announce.js';
import type { ChangeEvent } from './host-message.js';

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
  const c = (target: string, check: string, to: Status, event: ChangeEvent) => ({
    check,
    target,
    from: (to === 'OK' ? 'CRIT' : 'OK') as Status,
    to,
    summary: 's',
    event,
  });

  it('makes one message per host and round holding all its changes, with an identity naming the round', () => {
    const out = groupChanges(
      [
        c('web1', 'disk', 'CRIT', 'check.problem'),
        c('web1', 'apt', 'WARN', 'check.problem'),
        c('web1', 'units', 'UNKNOWN', 'check.unknown'),
        c('web1', 'tls', 'OK', 'check.recovery'),
        c('db1', 'disk', 'CRIT', 'check.problem'),
      ],
      42,
      { notifierNames: ['chat'] },
    );
    expect(out.map((a) => a.identity)).toEqual(['check.problem:db1:round 42', 'check.problem:web1:round 42']);
    const web1 = out[1]!.draft;
    expect(web1).toMatchObject({ event: 'check.problem', severity: 'critical' });
    expect(web1.title).toBe('web1: 2 problems; cannot check units; tls is OK again');
    // Worst first, then what cannot be checked, then what is better.
    const at = (w: string) => web1.text.indexOf(`\`${w}\``);
    expect(at('disk')).toBeLessThan(at('apt'));
    expect(at('apt')).toBeLessThan(at('units'));
    expect(at('units')).toBeLessThan(at('tls'));
  });

  it('gives each notifier the part of a host’s changes its routes ask for, still one message', () => {
    const out = groupChanges(
      [c('web1', 'disk', 'CRIT', 'check.problem'), c('web1', 'tls', 'OK', 'check.recovery')],
      7,
      {
        notifierNames: ['pager', 'chat'],
        routes: [
          { events: ['check.problem'], notifiers: ['pager'] },
          { events: ['check.*'], notifiers: ['chat'] },
        ],
      },
    );
    expect(out.map((a) => [a.notifiers, a.draft.title])).toEqual([
      [['pager'], 'web1: disk is CRIT'],
      [['chat'], 'web1: disk is CRIT; tls is OK again'],
    ]);
  });
});

describe('sharedDamping', () => {
  it('an unreachable host’s checks move together, from the one that broke first', () => {
    const r = (check: string) => ({ check, target: 'a', status: 'UNKNOWN' }) as CheckResult;
    const results = [r('disk1'), r('disk2'), r('disk4')];
    const prev = new Map<string, AnnouncedRow>([
      ['disk1', { announced: 'OK', candidate: null, count: 0 }],
      // disk4's command broke as the host went away, a round earlier.
      ['disk4', { announced: 'OK', candidate: 'UNKNOWN', count: 1 }],
    ]);
    const shared = sharedDamping(results, (x) => prev.get(x.check), new Set(['a']));
    const verdicts = results.map((x) => judge(shared.get(`a\0${x.check}`), x.status, 2).verdict.kind);
    expect(verdicts).toEqual(['announce', 'announce', 'announce']);
    // A reachable host keeps each check's own damping.
    expect(sharedDamping(results, (x) => prev.get(x.check), new Set()).size).toBe(0);
  });
});
