/** Per-result budget of stored JSON (details + evidence). */
export const MAX_RESULT_JSON_BYTES = 64 * 1024;

const CUT_MARK = '…[truncated]';

/**
 * Serialises `value` (an object) in at most `maxBytes` bytes of UTF-8 JSON.
 * When it is too large, long strings and arrays are shortened, halving the
 * allowance until it fits, and `truncated: true` is set on the top object and
 * on every object that lost something — so a reader knows the data is partial
 * and the JSON stays valid.
 */
export function capJson(value: Record<string, unknown>, maxBytes = MAX_RESULT_JSON_BYTES): string {
  const full = JSON.stringify(value);
  if (Buffer.byteLength(full) <= maxBytes) return full;
  let limit = longest(value);
  while (limit > 0) {
    limit = Math.floor(limit / 2);
    const [shrunk] = shrink(value, limit);
    const json = JSON.stringify({ ...(shrunk as object), truncated: true });
    if (Buffer.byteLength(json) <= maxBytes) return json;
  }
  return JSON.stringify({ truncated: true, originalBytes: Buffer.byteLength(full) });
}

/** Length of the longest string or array anywhere in the value. */
function longest(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.reduce((m: number, x) => Math.max(m, longest(x)), v.length);
  if (v && typeof v === 'object')
    return Object.values(v).reduce((m: number, x) => Math.max(m, longest(x)), 0);
  return 0;
}

function shrink(v: unknown, limit: number): [unknown, boolean] {
  if (typeof v === 'string') {
    return v.length > limit ? [v.slice(0, limit) + CUT_MARK, true] : [v, false];
  }
  if (Array.isArray(v)) {
    let cut = v.length > limit;
    const out = v.slice(0, limit).map((x) => {
      const [y, c] = shrink(x, limit);
      cut ||= c;
      return y;
    });
    return [out, cut];
  }
  if (v && typeof v === 'object') {
    let cut = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const [y, c] = shrink(x, limit);
      cut ||= c;
      out[k] = y;
    }
    if (cut) out.truncated = true;
    return [out, cut];
  }
  return [v, false];
}
