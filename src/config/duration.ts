import { z } from 'zod';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;
const DURATION_RE = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;

/**
 * Parses `30s`, `5m`, `1h`, `7d`, `2w`, or a plain number of seconds (`90`, `"90"`).
 * One unit per value: `1h30m` is refused rather than half-understood.
 */
export function parseDuration(s: string | number): number {
  if (typeof s === 'number') {
    if (!Number.isFinite(s) || s < 0)
      throw new Error(`invalid duration ${s}: expected a non-negative number of seconds`);
    return s;
  }
  const text = s.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const m = DURATION_RE.exec(text);
  if (!m)
    throw new Error(`invalid duration "${s}": expected e.g. 30s, 5m, 1h, 7d, 2w or a number of seconds`);
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

/** Formats seconds back to the largest exact unit (for messages and docs). */
export function formatDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const n = UNIT_SECONDS[unit];
    if (seconds >= n && seconds % n === 0) return `${seconds / n}${unit}`;
  }
  return `${seconds}s`;
}

const DURATION_HINT = 'expected a duration such as 30s, 5m, 1h, 7d, 2w or a number of seconds';

/** A duration in the config; parses to seconds. The JSON Schema shows the accepted input forms. */
export const durationSchema = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(?:\.\d+)?[smhdw]?$/, { error: DURATION_HINT })], {
    error: DURATION_HINT,
  })
  .transform((v) => parseDuration(v));

/** An age for messages: `3d 4h`, `2h 5m`, `45s` — two units at most, enough to judge a cadence. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join(' ');
}
