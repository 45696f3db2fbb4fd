import { describe, expect, it } from 'vitest';
import { durationSchema, formatAge, formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['7d', 604_800],
    ['2w', 1_209_600],
    ['90', 90],
    ['1.5h', 5400],
    [45, 45],
  ] as const)('%s is %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it.each(['', '5 minutes', '1h30m', '-5s', '5y', 'm'])('refuses %j', (input) => {
    expect(() => parseDuration(input)).toThrow(/invalid duration/);
  });

  it('refuses negative and non-finite numbers', () => {
    expect(() => parseDuration(-1)).toThrow();
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow();
  });

  it('formats back to the largest exact unit', () => {
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(90)).toBe('90s');
    expect(formatDuration(1_209_600)).toBe('2w');
  });
});

describe('durationSchema', () => {
  it('gives seconds and a readable error', () => {
    expect(durationSchema.parse('2m')).toBe(120);
    const r = durationSchema.safeParse('soon');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/30s, 5m, 1h/);
  });
});

describe('formatAge', () => {
  it('formats ages with two units', () => {
    expect([formatAge(0), formatAge(59), formatAge(3 * 86400 + 7200 + 5), formatAge(3660)]).toEqual([
      '0s',
      '59s',
      '3d 2h',
      '1h 1m',
    ]);
  });
});
