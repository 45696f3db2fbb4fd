import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Routine } from './schema.js';
import { autoCompletion, routineState, type Signoff, whoIsNext } from './state.js';

const PARIS = 'Europe/Paris';
const d = (iso: string) => new Date(iso);
const configuredAt = d('2026-01-01T00:00:00Z');
const opts = { configuredAt };

const routine = (extra: Record<string, unknown>) =>
  Routine.parse({ id: 'vm-updates', title: 'Update the VMs', ...extra });

let seq = 0;
function done(at: string, by = 'alice', more: Partial<Signoff> = {}): Signoff {
  seq += 1;
  return {
    id: `s${seq}`,
    routine: 'vm-updates',
    kind: 'done',
    at: d(at),
    by,
    osUser: by,
    note: '',
    items: [],
    ...more,
  };
}
function undo(target: Signoff, at: string): Signoff {
  seq += 1;
  return {
    id: `s${seq}`,
    routine: target.routine,
    kind: 'undo',
    at: d(at),
    by: 'bob',
    osUser: 'bob',
    note: 'oops',
    items: [],
    undoes: target.id,
  };
}

describe('routineState of a weekly routine', () => {
  const weekly = routine({ every: '1w' });
  // Signed off Saturday 7 March 2026 10:00 Paris: due Saturday 14 March 10:00 (09:00 UTC).
  const log = [done('2026-03-07T09:00:00Z', 'alice', { note: 'all VMs', items: [1, 2] })];
  const at = (iso: string) => routineState(weekly, log, d(iso), PARIS, opts);

  it('is ok early in the cadence and says who did it last', () => {
    const s = at('2026-03-09T12:00:00Z');
    expect(s.status).toBe('ok');
    expect(s.nextDue).toEqual(d('2026-03-14T09:00:00Z'));
    expect(s.lastDone).toEqual({
      by: 'alice',
      at: d('2026-03-07T09:00:00Z'),
      note: 'all VMs',
      items: [1, 2],
    });
    expect(s.overdueDays).toBeUndefined();
  });

  it('is due soon in the last 15 % of the cadence (25.2 hours of a week)', () => {
    expect(at('2026-03-13T07:40:00Z').status).toBe('ok');
    expect(at('2026-03-13T07:50:00Z').status).toBe('due_soon');
  });

  it('is due on the due day, in local time, even before the due hour', () => {
    expect(at('2026-03-13T22:59:00Z').status).toBe('due_soon'); // 23:59 Friday in Paris
    expect(at('2026-03-13T23:30:00Z').status).toBe('due'); // 00:30 Saturday in Paris
    expect(at('2026-03-14T22:00:00Z').status).toBe('due'); // 23:00 Saturday
  });

  it('is overdue from the next local day, counting calendar days', () => {
    expect(at('2026-03-14T23:30:00Z')).toMatchObject({ status: 'overdue', overdueDays: 1 });
    expect(at('2026-03-24T12:00:00Z')).toMatchObject({ status: 'overdue', overdueDays: 10 });
  });

  it('uses the latest sign-off by time, whatever the log order', () => {
    const s = routineState(
      weekly,
      [done('2026-03-12T09:00:00Z', 'bob'), ...log],
      d('2026-03-14T12:00:00Z'),
      PARIS,
      opts,
    );
    expect(s).toMatchObject({ status: 'ok', lastDone: { by: 'bob' }, nextDue: d('2026-03-19T09:00:00Z') });
  });

  it('ignores sign-offs of other routines', () => {
    const other = done('2026-03-14T08:00:00Z', 'bob', { routine: 'backups' });
    expect(routineState(weekly, [...log, other], d('2026-03-16T12:00:00Z'), PARIS, opts).status).toBe(
      'overdue',
    );
  });
});

describe('routineState across DST in Europe/Paris', () => {
  const weekly = routine({ every: '1w' });

  it('keeps the local due day and hour in March', () => {
    const s = routineState(weekly, [done('2026-03-28T09:00:00Z')], d('2026-04-04T07:30:00Z'), PARIS, opts);
    expect(s).toMatchObject({ status: 'due', nextDue: d('2026-04-04T08:00:00Z') });
  });

  it('keeps the local due day and hour in October', () => {
    const log = [done('2026-10-24T08:00:00Z')];
    expect(routineState(weekly, log, d('2026-10-31T09:30:00Z'), PARIS, opts)).toMatchObject({
      status: 'due',
      nextDue: d('2026-10-31T09:00:00Z'),
    });
    // Sunday 1 November 00:30 CET is 23:30 UTC on Saturday: already overdue.
    expect(routineState(weekly, log, d('2026-10-31T23:30:00Z'), PARIS, opts).status).toBe('overdue');
  });
});

describe('routineState with month and year cadences', () => {
  it('a monthly routine done Jan 31 is due on Feb 28, or Feb 29 in a leap year', () => {
    const monthly = routine({ every: '1mo' });
    expect(
      routineState(monthly, [done('2026-01-31T09:00:00Z')], d('2026-02-28T12:00:00Z'), PARIS, opts).status,
    ).toBe('due');
    expect(
      routineState(monthly, [done('2024-01-31T09:00:00Z')], d('2024-02-28T12:00:00Z'), PARIS, opts).status,
    ).toBe('due_soon');
    expect(
      routineState(monthly, [done('2024-01-31T09:00:00Z')], d('2024-02-29T12:00:00Z'), PARIS, opts).status,
    ).toBe('due');
  });

  it('a yearly routine done Feb 29 is due Feb 28 of the next year', () => {
    const yearly = routine({ every: '1y' });
    const s = routineState(yearly, [done('2024-02-29T09:00:00Z')], d('2025-02-28T12:00:00Z'), PARIS, opts);
    expect(s).toMatchObject({ status: 'due', nextDue: d('2025-02-28T09:00:00Z') });
  });

  it('caps the due-soon window at 7 days, configurable', () => {
    const rotation = routine({ every: '6mo' });
    const log = [done('2026-01-15T09:00:00Z')]; // due 15 July 2026 11:00 CEST
    expect(routineState(rotation, log, d('2026-07-07T12:00:00Z'), PARIS, opts).status).toBe('ok');
    expect(routineState(rotation, log, d('2026-07-09T12:00:00Z'), PARIS, opts).status).toBe('due_soon');
    expect(
      routineState(rotation, log, d('2026-07-01T12:00:00Z'), PARIS, { ...opts, dueSoonMaxDays: 20 }).status,
    ).toBe('due_soon');
  });

  it('honours a routine due_soon override', () => {
    const r = routine({ every: '1mo', due_soon: '1d' });
    const log = [done('2026-01-15T09:00:00Z')]; // due 15 Feb 10:00
    expect(routineState(r, log, d('2026-02-13T12:00:00Z'), PARIS, opts).status).toBe('ok');
    expect(routineState(r, log, d('2026-02-14T12:00:00Z'), PARIS, opts).status).toBe('due_soon');
  });
});

describe('routineState with a cron cadence', () => {
  const monthly = routine({ cron: '0 9 1 * *' });

  it('is due at the first occurrence after the sign-off, due soon in the last 15 % of the month', () => {
    const log = [done('2026-01-03T10:00:00Z')];
    expect(routineState(monthly, log, d('2026-01-20T12:00:00Z'), PARIS, opts).status).toBe('ok');
    expect(routineState(monthly, log, d('2026-01-29T12:00:00Z'), PARIS, opts).status).toBe('due_soon');
    expect(routineState(monthly, log, d('2026-02-01T12:00:00Z'), PARIS, opts)).toMatchObject({
      status: 'due',
      nextDue: d('2026-02-01T08:00:00Z'),
    });
    expect(routineState(monthly, log, d('2026-02-04T12:00:00Z'), PARIS, opts)).toMatchObject({
      status: 'overdue',
      overdueDays: 3,
    });
  });
});

describe('never signed off', () => {
  it('is due from the day it was configured, then overdue', () => {
    const r = routine({ every: '3mo' });
    expect(routineState(r, [], d('2026-01-01T12:00:00Z'), PARIS, opts)).toMatchObject({
      status: 'due',
      nextDue: configuredAt,
    });
    const s = routineState(r, [], d('2026-01-05T12:00:00Z'), PARIS, opts);
    expect(s).toMatchObject({ status: 'overdue', overdueDays: 4 });
    expect(s.lastDone).toBeUndefined();
  });
});

describe('undo', () => {
  const weekly = routine({ every: '1w' });

  it('cancels the sign-off it names; the earlier one counts again', () => {
    const first = done('2026-03-01T09:00:00Z', 'alice');
    const second = done('2026-03-07T09:00:00Z', 'bob');
    const s = routineState(
      weekly,
      [first, second, undo(second, '2026-03-07T10:00:00Z')],
      d('2026-03-09T12:00:00Z'),
      PARIS,
      opts,
    );
    expect(s).toMatchObject({ status: 'overdue', overdueDays: 1, lastDone: { by: 'alice' } });
  });

  it('undoing the only sign-off makes the routine never done again', () => {
    const only = done('2026-03-07T09:00:00Z');
    const s = routineState(
      weekly,
      [only, undo(only, '2026-03-07T09:05:00Z')],
      d('2026-03-09T12:00:00Z'),
      PARIS,
      opts,
    );
    expect(s.lastDone).toBeUndefined();
    expect(s.nextDue).toEqual(configuredAt);
  });
});

describe('autoCompletion (done_when: checks_ok)', () => {
  const r = routine({ every: '1w', checks: ['apt.pending'], done_when: 'checks_ok' });
  const state = routineState(r, [done('2026-03-07T09:00:00Z')], d('2026-03-14T12:00:00Z'), PARIS, opts);

  it('completes at the due time when the checks were OK since then and a result proves it', () => {
    expect(
      autoCompletion(r, state, {
        okSince: d('2026-03-10T00:00:00Z'),
        lastResultAt: d('2026-03-14T11:00:00Z'),
      }),
    ).toEqual(d('2026-03-14T09:00:00Z'));
  });

  it('completes when the checks became OK after it was due (someone did the work), at that time', () => {
    expect(
      autoCompletion(r, state, {
        okSince: d('2026-03-14T10:00:00Z'),
        lastResultAt: d('2026-03-14T11:00:00Z'),
      }),
    ).toEqual(d('2026-03-14T10:00:00Z'));
  });

  it('does not complete while a check is not OK, or when no result came after the due time', () => {
    expect(autoCompletion(r, state, { okSince: null, lastResultAt: d('2026-03-14T11:00:00Z') })).toBeNull();
    expect(
      autoCompletion(r, state, {
        okSince: d('2026-03-10T00:00:00Z'),
        lastResultAt: d('2026-03-14T08:00:00Z'),
      }),
    ).toBeNull();
  });

  it('does nothing for a routine without done_when, or not yet due', () => {
    const plain = routine({ every: '1w', checks: ['apt.pending'] });
    const checks = { okSince: d('2026-03-10T00:00:00Z'), lastResultAt: d('2026-03-14T11:00:00Z') };
    expect(autoCompletion(plain, state, checks)).toBeNull();
    expect(autoCompletion(r, { ...state, status: 'due_soon' }, checks)).toBeNull();
  });
});

describe('whoIsNext', () => {
  const team = [{ name: 'alice' }, { name: 'bob' }, { name: 'chloé' }];

  it('picks a member who never signed anything off first, in config order', () => {
    expect(whoIsNext(team, [done('2026-03-01T09:00:00Z', 'alice')])?.name).toBe('bob');
    expect(whoIsNext(team, [])?.name).toBe('alice');
  });

  it('otherwise the member idle for longest, across all routines', () => {
    const log = [
      done('2026-03-01T09:00:00Z', 'bob'),
      done('2026-03-02T09:00:00Z', 'alice', { routine: 'backups' }),
      done('2026-03-03T09:00:00Z', 'chloé'),
      done('2026-03-04T09:00:00Z', 'bob'),
    ];
    expect(whoIsNext(team, log)?.name).toBe('alice');
  });

  it('does not count an undone sign-off, nor people outside the team', () => {
    const mistaken = done('2026-03-05T09:00:00Z', 'alice');
    const log = [
      done('2026-03-01T09:00:00Z', 'alice'),
      done('2026-03-03T09:00:00Z', 'bob'),
      done('2026-03-04T09:00:00Z', 'chloé'),
    ];
    expect(
      whoIsNext(team, [
        ...log,
        mistaken,
        undo(mistaken, '2026-03-05T10:00:00Z'),
        done('2026-02-01T00:00:00Z', 'ronde'),
      ])?.name,
    ).toBe('alice');
  });

  it('has nobody to suggest in an empty team', () => {
    expect(whoIsNext([], [])).toBeUndefined();
  });
});

describe('routineState over time', () => {
  it('only ever moves forward: ok → due_soon → due → overdue, and overdue days grow', () => {
    const rank = { ok: 0, due_soon: 1, due: 2, overdue: 3 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom('1d', '1w', '2w', '1mo', '3mo', '6mo', '1y'),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (doneAt, every, after1, delta) => {
          const r = routine({ every });
          const log = [done(new Date(doneAt).toISOString())];
          const s1 = routineState(r, log, new Date(doneAt + after1), PARIS, opts);
          const s2 = routineState(r, log, new Date(doneAt + after1 + delta), PARIS, opts);
          expect(rank[s2.status]).toBeGreaterThanOrEqual(rank[s1.status]);
          expect(s2.overdueDays ?? 0).toBeGreaterThanOrEqual(s1.overdueDays ?? 0);
        },
      ),
    );
  });
});
