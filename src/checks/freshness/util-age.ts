/** Helpers shared by the freshness and backup kinds: the host's clock and human ages. */

/**
 * The host's own clock, from `date +%s` run in the same batch: ages are measured
 * on the machine that holds the files, so a skewed monitoring host cannot make
 * a stale backup look fresh. Null when the output is not an epoch.
 */
export function parseEpoch(stdout: string): number | null {
  const text = stdout.trim();
  if (!/^\d{1,12}(?:\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** `3d 4h`, `2h 5m`, `45s`: two units at most, enough to judge a cadence. */
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

/** `find: '/x': Permission denied` → kind and path; GNU find escapes a quote in the path as `\'`. */
export interface FindError {
  path: string | null;
  kind: 'missing' | 'denied' | 'other';
  message: string;
}

export function parseFindErrors(stderr: string): FindError[] {
  const out: FindError[] = [];
  for (const raw of stderr.split('\n')) {
    const message = raw.trim();
    if (message === '') continue;
    const m = /^find: '((?:[^'\\]|\\.)*)': (.+)$/.exec(message);
    const path = m ? m[1]!.replace(/\\(.)/g, '$1') : null;
    const kind = /Permission denied$/.test(message)
      ? 'denied'
      : /No such file or directory$/.test(message)
        ? 'missing'
        : 'other';
    out.push({ path, kind, message });
  }
  return out;
}
