import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from './size.js';

describe('parseSize / formatSize', () => {
  it.each([
    ['20G', 20 * 2 ** 30],
    ['500MiB', 500 * 2 ** 20],
    ['1.5T', 1.5 * 2 ** 40],
    ['1024', 1024],
  ])('%s', (s, n) => expect(parseSize(s)).toBe(n));
  it('refuses what it cannot read', () => expect(() => parseSize('20 gigs')).toThrow(/invalid size/));
  it.each([
    [0, '0 B'],
    [285_000, '278 KiB'],
    [3 * 2 ** 30, '3.0 GiB'],
    [12.3 * 2 ** 30, '12 GiB'],
  ])('formats %d as %s', (n, s) => expect(formatSize(n)).toBe(s));
});
