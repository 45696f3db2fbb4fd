/*
 * A parser of the Prometheus text exposition format (version 0.0.4), as
 * served on `/metrics` by Alertmanager and node-exporter: enough to read a
 * counter or a gauge without a Prometheus in between. Pure; never throws:
 * a line it cannot read is listed in `unparsed`.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch, when the line carries one. */
  timestampMs?: number;
}

export interface Exposition {
  samples: Sample[];
  /** `# TYPE` of each metric family. */
  types: Record<string, string>;
  unparsed: string[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseValue(s: string): number | null {
  if (s === '+Inf' || s === 'Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  if (s === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Reads `{a="x",b="y\"z"}` from `line` at `i` (on the `{`); returns the labels and the index after `}`. */
function parseLabels(line: string, i: number): [Record<string, string>, number] | null {
  const labels: Record<string, string> = {};
  let p = i + 1;
  for (;;) {
    while (line[p] === ' ') p++;
    if (line[p] === '}') return [labels, p + 1];
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(p));
    if (!m) return null;
    p += m[0].length;
    while (line[p] === ' ') p++;
    if (line[p] !== '=' || line[p + 1] !== '"') return null;
    p += 2;
    let value = '';
    for (;;) {
      const c = line[p];
      if (c === undefined) return null;
      if (c === '"') break;
      if (c === '\\') {
        const n = line[p + 1];
        value += n === 'n' ? '\n' : (n ?? '');
        p += 2;
        continue;
      }
      value += c;
      p++;
    }
    labels[m[0]] = value;
    p++;
    while (line[p] === ' ') p++;
    if (line[p] === ',') p++;
  }
}

export function parseExposition(text: string): Exposition {
  const out: Exposition = { samples: [], types: {}, unparsed: [] };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const t = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (t) out.types[t[1]!] = t[2]!;
      continue;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) {
      out.unparsed.push(line);
      continue;
    }
    let p = name.length;
    let labels: Record<string, string> = {};
    if (line[p] === '{') {
      const parsed = parseLabels(line, p);
      if (!parsed) {
        out.unparsed.push(line);
        continue;
      }
      [labels, p] = parsed;
    }
    const rest = line.slice(p).trim().split(/\s+/);
    const value = parseValue(rest[0] ?? '');
    const ts = rest[1] === undefined ? undefined : Number(rest[1]);
    if (value === null || rest.length > 2 || (ts !== undefined && !Number.isInteger(ts))) {
      out.unparsed.push(line);
      continue;
    }
    out.samples.push({ name, labels, value, ...(ts !== undefined ? { timestampMs: ts } : {}) });
  }
  return out;
}

/** The samples of one metric, optionally only those whose labels include `match`. */
export function samplesOf(e: Exposition, name: string, match: Record<string, string> = {}): Sample[] {
  return e.samples.filter(
    (s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v),
  );
}
