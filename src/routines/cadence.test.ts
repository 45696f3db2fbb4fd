import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEvery, fromLocal, localDaysBetween, nextCron, nextDue, toLocal } from './cadence.js';

const PARIS = 'Europe/Paris';
const d = (iso: string) => new Date(iso);
const configuredAt = d('2026-01-01T00:00:00Z');

describe('nextDue with every:', () => {
  it('is due from the moment it is configured when never signed off', () => {
    expect(nextDue({ every: '1w' }, null, configuredAt, PARIS)).toEqual(configuredAt);
    expect(nextDue({ cron: '0 9 1 * *' }, null, configuredAt, PARIS)).toEqual(configuredAt);
  });

  it('counts days and weeks from the last sign-off', () => {
    expect(nextDue({ every: '3d' }, d('2026-01-10T08:00:00Z'), configuredAt, PARIS)).toEqual(
      d('2026-01-13T08:00:00Z'),
    );
    expect(nextDue({ every: '2w' }, d('2026-01-10T08:00:00Z'), configuredAt, PARIS)).toEqual(
      d('2026-01-24T08:00:00Z'),
    );
  });

  it('clamps 1mo from Jan 31 to the end of February (28 days, or 29 in a leap year)', () => {
    // 10:00 in Paris (CET, UTC+1)
    expect(addEvery(d('2026-01-31T09:00:00Z'), '1mo', PARIS)).toEqual(d('2026-02-28T09:00:00Z'));
    expect(addEvery(d('2024-01-31T09:00:00Z'), '1mo', PARIS)).toEqual(d('2024-02-29T09:00:00Z'));
    expect(addEvery(d('2026-03-31T08:00:00Z'), '1mo', PARIS)).toEqual(d('2026-04-30T08:00:00Z'));
  });

  it('goes from Feb 29 to Feb 28 with 1y, and back to Feb 29 with 4y', () => {
    expect(addEvery(d('2024-02-29T09:00:00Z'), '1y', PARIS)).toEqual(d('2025-02-28T09:00:00Z'));
    expect(addEvery(d('2024-02-29T09:00:00Z'), '4y', PARIS)).toEqual(d('2028-02-29T09:00:00Z'));
  });

  it('counts months across a year end', () => {
    expect(addEvery(d('2026-11-15T09:00:00Z'), '3mo', PARIS)).toEqual(d('2027-02-15T09:00:00Z'));
    expect(addEvery(d('2026-08-31T08:00:00Z'), '6mo', PARIS)).toEqual(d('2027-02-28T09:00:00Z'));
  });

  it('keeps Saturday 10:00 local for a weekly routine across the March DST change', () => {
    // Sat 28 March 2026 10:00 CET → Sat 4 April 10:00 CEST (UTC+2): 6 days 23 hours later.
    const next = addEvery(d('2026-03-28T09:00:00Z'), '1w', PARIS);
    expect(next).toEqual(d('2026-04-04T08:00:00Z'));
    expect(toLocal(next, PARIS)).toMatchObject({ day: 4, hour: 10, minute: 0 });
  });

  it('keeps Saturday 10:00 local for a weekly routine across the October DST change', () => {
    // Sat 24 October 2026 10:00 CEST → Sat 31 October 10:00 CET: 7 days 1 hour later.
    expect(addEvery(d('2026-10-24T08:00:00Z'), '1w', PARIS)).toEqual(d('2026-10-31T09:00:00Z'));
  });

  it('moves a time that does not exist (spring gap) forward, and picks the first of an ambiguous time', () => {
    // 02:30 on 29 March 2026 does not exist in Paris: 03:30 CEST.
    expect(addEvery(d('2026-03-28T01:30:00Z'), '1d', PARIS)).toEqual(d('2026-03-29T01:30:00Z'));
    // 02:30 on 25 October 2026 happens twice: the first one, still CEST.
    expect(addEvery(d('2026-10-24T00:30:00Z'), '1d', PARIS)).toEqual(d('2026-10-25T00:30:00Z'));
  });

  it('works in other timezones (New York DST on another date)', () => {
    // Sat 7 March 2026 10:00 EST → Sat 14 March 10:00 EDT.
    expect(addEvery(d('2026-03-07T15:00:00Z'), '1w', 'America/New_York')).toEqual(d('2026-03-14T14:00:00Z'));
  });

  it('refuses an unknown timezone rather than using UTC', () => {
    expect(() => addEvery(d('2026-03-07T15:00:00Z'), '1w', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('nextDue with cron:', () => {
  it('is the first occurrence after the last sign-off, in the configured timezone', () => {
    const r = { cron: '0 9 1 * *' };
    expect(nextDue(r, d('2026-01-03T10:00:00Z'), configuredAt, PARIS)).toEqual(d('2026-02-01T08:00:00Z'));
    // April is in summer time: 09:00 CEST is 07:00 UTC.
    expect(nextDue(r, d('2026-03-15T10:00:00Z'), configuredAt, PARIS)).toEqual(d('2026-04-01T07:00:00Z'));
  });

  it('a sign-off just before an occurrence is followed by that occurrence', () => {
    expect(nextCron('0 9 * * 1', d('2026-01-05T07:59:00Z'), PARIS)).toEqual(d('2026-01-05T08:00:00Z'));
    expect(nextCron('0 9 * * 1', d('2026-01-05T08:00:00Z'), PARIS)).toEqual(d('2026-01-12T08:00:00Z'));
  });
});

describe('local time helpers', () => {
  it('round-trips any wall-clock time it produced', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (t, tz) => {
          const local = toLocal(new Date(t), tz);
          expect(toLocal(fromLocal(local, tz), tz)).toEqual(local);
        },
      ),
    );
  });

  it('counts calendar days in the timezone, not 24-hour blocks', () => {
    // 23:30 and 00:30 local the next day are one day apart though only an hour passed.
    expect(localDaysBetween(d('2026-03-14T22:30:00Z'), d('2026-03-14T23:30:00Z'), PARIS)).toBe(1);
    expect(localDaysBetween(d('2026-03-28T12:00:00Z'), d('2026-04-04T12:00:00Z'), PARIS)).toBe(7);
  });
});

describe('addEvery properties', () => {
  it('always moves forward, and days/weeks keep the local time of day outside the spring gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('d', 'w', 'mo', 'y'),
        fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC'),
        (t, n, unit, tz) => {
          const from = new Date(t);
          const next = addEvery(from, `${n}${unit}`, tz);
          expect(next.getTime()).toBeGreaterThan(t);
          const a = toLocal(from, tz);
          const b = toLocal(next, tz);
          // Zones here shift by one hour at most, so a moved hour only happens in a gap.
          if (b.hour === a.hour) expect(b.minute).toBe(a.minute);
          else expect(b.hour).toBe(a.hour + 1);
        },
      ),
    );
  });
});
