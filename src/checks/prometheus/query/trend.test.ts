import { describe, expect, it } from 'vitest';
import { linearFit, secondsToLimit } from './trend.js';

describe('linearFit and secondsToLimit (the predict_linear method)', () => {
  it('matches a hand computation on a synthetic disk filling up', () => {
    // Free bytes (in GB) measured at t = 0, 1, 2, 3 days (in seconds), now = day 4.
    const day = 86_400;
    const points: [number, number][] = [
      [0, 100],
      [day, 90],
      [2 * day, 82],
      [3 * day, 70],
    ];
    // By hand, with t in days: t̄ = 1.5, v̄ = (100 + 90 + 82 + 70) / 4 = 85.5
    //   Σ(t−t̄)(v−v̄) = (−1.5)(14.5) + (−0.5)(4.5) + (0.5)(−3.5) + (1.5)(−15.5)
    //                = −21.75 − 2.25 − 1.75 − 23.25 = −49
    //   Σ(t−t̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5
    //   slope = −49 / 5 = −9.8 GB/day; value at day 4 = 85.5 − 9.8 × (4 − 1.5) = 61
    //   full (0 GB free) in 61 / 9.8 = 6.2245 days.
    const fit = linearFit(points, 4 * day);
    expect(fit?.slope).toBeCloseTo(-9.8 / day, 12);
    expect(fit?.valueNow).toBeCloseTo(61, 9);
    expect(secondsToLimit(fit!, 0, false)! / day).toBeCloseTo(61 / 9.8, 9);
    // A limit of 10 GB free: (61 − 10) / 9.8 = 5.204 days.
    expect(secondsToLimit(fit!, 10, false)! / day).toBeCloseTo(51 / 9.8, 9);
  });

  it('never reaches a limit it moves away from, and has reached one it is past', () => {
    const rising = linearFit(
      [
        [0, 1],
        [10, 2],
      ],
      10,
    )!;
    expect(secondsToLimit(rising, 0, false)).toBeNull();
    expect(secondsToLimit(rising, 12, true)).toBeCloseTo(100, 9);
    expect(secondsToLimit(rising, 1.5, true)).toBe(0);
    const falling = linearFit(
      [
        [0, 5],
        [10, -5],
      ],
      10,
    )!;
    expect(secondsToLimit(falling, 0, false)).toBe(0);
    expect(secondsToLimit(falling, 10, true)).toBeNull();
    const flat = linearFit(
      [
        [0, 3],
        [10, 3],
      ],
      10,
    )!;
    expect(secondsToLimit(flat, 0, false)).toBeNull();
    expect(secondsToLimit(flat, 9, true)).toBeNull();
  });

  it('needs two distinct times and ignores NaN samples', () => {
    expect(linearFit([[0, 1]], 0)).toBeNull();
    expect(
      linearFit(
        [
          [5, 1],
          [5, 2],
        ],
        5,
      ),
    ).toBeNull();
    expect(
      linearFit(
        [
          [0, 1],
          [1, Number.NaN],
          [2, 3],
        ],
        2,
      )?.samples,
    ).toBe(2);
  });
});
