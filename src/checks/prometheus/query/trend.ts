/*
 * "Full in N days": the least-squares line through a series' samples over a
 * window, the method of PromQL's predict_linear (promql/functions.go,
 * linearRegression): slope b = Σ(t−t̄)(v−v̄) / Σ(t−t̄)², intercept taken at
 * the evaluation time `now`, so the line's value now is v̄ + b·(now − t̄).
 * The time to the limit is (limit − value now) / b, when the line moves
 * toward the limit. Pure.
 */

export interface Fit {
  /** Units per second. */
  slope: number;
  /** The fitted value at `now`. */
  valueNow: number;
  samples: number;
}

/** The least-squares fit of `points` ([unix seconds, value]); null under two distinct times. */
export function linearFit(points: readonly (readonly [number, number])[], now: number): Fit | null {
  const pts = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  if (pts.length < 2) return null;
  const n = pts.length;
  const tMean = pts.reduce((a, [t]) => a + t, 0) / n;
  const vMean = pts.reduce((a, [, v]) => a + v, 0) / n;
  let num = 0;
  let den = 0;
  for (const [t, v] of pts) {
    num += (t - tMean) * (v - vMean);
    den += (t - tMean) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  return { slope, valueNow: vMean + slope * (now - tMean), samples: n };
}

/**
 * Seconds until the fitted line reaches `limit` from the good side: a
 * `ceiling` (used bytes reaching the capacity) is reached going up, a floor
 * (free bytes reaching 0) going down. 0 when it is already there or past it;
 * null when it never will (flat, or moving away).
 */
export function secondsToLimit(fit: Fit, limit: number, ceiling: boolean): number | null {
  if (ceiling ? fit.valueNow >= limit : fit.valueNow <= limit) return 0;
  if (ceiling ? fit.slope <= 0 : fit.slope >= 0) return null;
  return (limit - fit.valueNow) / fit.slope;
}
