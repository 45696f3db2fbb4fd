import type { Secret } from '../../config/secrets.js';
import { said } from '../../core/said.js';
import { PrometheusError } from './errors.js';

/** Where a Prometheus-family server answers, and how to authenticate. */
export interface PromConnection {
  /** `http://host:9090`, with a path prefix when behind a proxy (`https://h/prometheus`). */
  url: string;
  /** Sent as `Authorization: Bearer …` (a reverse proxy's token). */
  token?: Secret;
  timeoutMs?: number;
}

/** The text of a GET, or what went wrong; bodies over `maxBytes` are refused. */
export type PromFetcher = (
  path: string,
  query?: Record<string, string | undefined>,
  signal?: AbortSignal,
) => Promise<{ status: number; body: string }>;

const MAX_BODY = 32 << 20;

/** A fetcher over Node's fetch: one GET, a time limit, the body size capped. */
export function httpFetcher(conn: PromConnection): PromFetcher {
  const base = conn.url.replace(/\/+$/, '');
  const timeoutMs = conn.timeoutMs ?? 15_000;
  return async (path, query = {}, signal) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, v);
    const url = `${base}${path}${qs.size > 0 ? `?${qs}` : ''}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const all = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetch(url, {
        signal: all,
        redirect: 'error',
        headers: {
          Accept: 'application/json, text/plain;q=0.9',
          ...(conn.token ? { Authorization: `Bearer ${conn.token.reveal()}` } : {}),
        },
      });
      const body = await readCapped(res, MAX_BODY);
      return { status: res.status, body };
    } catch (err) {
      if (timeout.aborted)
        throw new PrometheusError(
          said('client.prometheus.noAnswer', { base, sec: timeoutMs / 1000, path }),
          'timeout',
        );
      if (signal?.aborted)
        throw new PrometheusError(said('client.prometheus.interrupted', { base, path }), 'timeout');
      if (err instanceof PrometheusError) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusError(
        said('client.prometheus.unreachable', {
          base,
          error: cause?.code ?? cause?.message ?? (err as Error).message,
        }),
        'unreachable',
      );
    }
  };
}

async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new PrometheusError(
        said('client.prometheus.tooLarge', { mib: max >> 20 }),
        'protocol',
        res.status,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Refuses a non-200 answer with a message saying what to fix. */
export function expectOk(base: string, path: string, r: { status: number; body: string }): string {
  if (r.status === 200) return r.body;
  if (r.status === 401 || r.status === 403)
    throw new PrometheusError(
      said('client.prometheus.auth', { url: `${base}${path}`, status: r.status }),
      'auth',
      r.status,
    );
  const text = r.body.trim().slice(0, 200);
  throw new PrometheusError(
    said('client.prometheus.http', { url: `${base}${path}`, status: r.status, body: text }),
    'http',
    r.status,
  );
}
