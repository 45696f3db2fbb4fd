/**
 * Parsers of `curl -sS -i -L` / `curl -sS -I -L` output: one header block per hop (redirects,
 * `100 Continue`), then the body. The last block is the answer that counts.
 */
export interface HttpResponse {
  status: number;
  /** Lower-cased names; the last value of a repeated header. */
  headers: Map<string, string>;
  body: string;
}

export function parseHttp(stdout: string): HttpResponse | null {
  let rest = stdout;
  let last: HttpResponse | null = null;
  while (/^HTTP\/[\d.]+ \d{3}/.test(rest)) {
    const m = /\r?\n\r?\n/.exec(rest);
    const head = m ? rest.slice(0, m.index) : rest;
    rest = m ? rest.slice(m.index + m[0].length) : '';
    const [statusLine = '', ...lines] = head.split(/\r?\n/);
    const headers = new Map<string, string>();
    for (const line of lines) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    last = { status: Number(statusLine.split(' ')[1]), headers, body: rest };
  }
  return last;
}

/** An HTTP date (`Last-Modified`, `Date`) as epoch seconds, or null. */
export function httpDate(value: string | undefined): number | null {
  if (!value || !/^[A-Za-z]{3},? /.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** `data.updated_at`, `items.0.date`: a value in parsed JSON, or undefined. */
export function jsonField(json: unknown, path: string): unknown {
  let v: unknown = json;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** ISO 8601 text or an epoch (seconds, or milliseconds when that large) as epoch seconds. */
export function toEpoch(value: unknown): number | null {
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return toEpoch(Number(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return value > 1e11 ? value / 1000 : value;
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : null;
}
