import { describe, expect, it } from 'vitest';
import { median } from './median.js';
import { unknown } from './outcome.js';

describe('unknown', () => {
  it('says why in the summary and as its one reason', () => {
    expect(unknown('df timed out')).toEqual({
      status: 'UNKNOWN',
      summary: 'df timed out',
      reasons: ['df timed out'],
    });
  });
  it('keeps extra fields, such as not applicable', () => {
    expect(unknown('no systemd', { notApplicable: true }).notApplicable).toBe(true);
  });
});

describe('median', () => {
  it.each([
    [[], undefined],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('%j → %s', (values, m) => expect(median(values)).toBe(m));
});
