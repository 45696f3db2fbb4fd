import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueByHost, jobKey, nextRunMs, phaseMs } from './schedule.js';

describe('interval schedule with a stable phase', () => {
  it('spreads 300 hosts over the interval instead of one burst', () => {
    const slots = new Set<number>();
    for (let i = 0; i < 300; i++)
      slots.add(Math.floor(phaseMs({ host: `h${i}`, intervalSec: 300 }) / 10_000));
    expect(slots.size).toBeGreaterThan(25); // 30 ten-second buckets: nearly all used
  });

  it('next run is after now, within one interval, on the job phase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 2 ** 41 }),
        (interval, now) => {
          const job = { host: 'web1', check: 'system.disk', intervalSec: interval };
          const next = nextRunMs(job, now);
          expect(next).toBeGreaterThan(now);
          expect(next - now).toBeLessThanOrEqual(interval * 1000);
          expect((next - phaseMs(job)) % (interval * 1000)).toBe(0);
        },
      ),
    );
  });

  it('groups due jobs by host', () => {
    const jobs = [
      { host: 'a', check: 'x', intervalSec: 60 },
      { host: 'a', check: 'y', intervalSec: 60 },
      { host: 'b', check: 'x', intervalSec: 60 },
    ];
    const next = new Map([[jobKey(jobs[2]!), 10_000]]);
    const due = dueByHost(jobs, next, 5_000);
    expect([...due.keys()]).toEqual(['a']);
    expect(due.get('a')).toHaveLength(2);
  });
});

describe('a host is the unit of a round', () => {
  it("puts a host's checks of one interval on the same slot", () => {
    const a = { host: 'web1', check: 'system.disk', intervalSec: 300 };
    const b = { host: 'web1', check: 'apt.pending', intervalSec: 300 };
    expect(nextRunMs(a, 1_000_000)).toBe(nextRunMs(b, 1_000_000));
  });

  it("lands a longer interval's slots on a dividing shorter one's", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 2 ** 41 }), (host, now) => {
        const hourly = nextRunMs({ host, intervalSec: 3600 }, now);
        const fiveMin = { host, intervalSec: 300 };
        // The hourly slot is one of the 5-minute slots.
        expect(nextRunMs(fiveMin, hourly - 1)).toBe(hourly);
      }),
    );
  });
});
