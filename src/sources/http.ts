import { said } from '../core/said.js';
import { SourceError } from './types.js';

/*
 * The HTTP part every source shares (style guide §3: the core does the
 * cross-cutting work): time limit, error classification, conditional
 * requests (ETag), and a rate gate that refuses to ask a host again before
 * the reset time it gave, so a rate-limited lookup is never retried in a loop.
 */

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** Per origin: no request before this time. Process-wide by default, so daemon ticks share it. */
export class RateGate {
  readonly #until = new Map<string, Date>();

  block(key: string, until: Date): void {
    const cur = this.#until.get(key);
    if (!cur || cur < until) this.#until.set(key, until);
  }

  /** Forgets every block (what a process restart does to the shared gate). */
  clear(): void {
    this.#until.clear();
  }

  until(key: string, now: Date): Date | undefined {
    const u = this.#until.get(key);
    if (u && u <= now) this.#until.delete(key);
    return u && u > now ? u : undefined;
  }
}

interface Cached {
  etag: string;
  text: string;
  link: string | null;
}

/** Bodies by URL with their ETag; a 304 answer costs no rate-limit quota on GitHub. */
export class EtagCache {
  readonly #entries = new Map<string, Cached>();
  constructor(readonly max = 500) {}
  get(url: string): Cached | undefined {
    return this.#entries.get(url);
  }
  set(url: string, c: Cached): void {
    this.#entries.delete(url);
    this.#entries.set(url, c);
    // Oldest first out: a Map iterates in insertion order.
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export const sharedGate = new RateGate();
export const sharedCache = new EtagCache();

export interface HttpOptions {
  fetch?: FetchFn;
  now?: () => Date;
  timeoutMs?: number;
  gate?: RateGate;
  cache?: EtagCache;
}

export interface RequestSpec {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** The source's rate-limit headers: when exhausted, the time asking makes sense again. */
  rateLimit?: (res: Response, now: Date) => Date | undefined;
  /** Statuses handed back instead of thrown (404 always is; OCI handles its own 401). */
  pass?: readonly number[];
  /** Send If-None-Match and keep the body by ETag. */
  conditional?: boolean;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The Link header (kept with a cached body, so pagination survives a 304). */
  link: string | null;
  fromCache: boolean;
}

const HOUR_MS = 3_600_000;

/** `Retry-After`: seconds or an HTTP date. */
export function retryAfter(res: Response, now: Date): Date | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return new Date(now.getTime() + Number(v) * 1000);
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The reset time of an exhausted quota, from a `<prefix>-remaining: 0` and
 * `<prefix>-reset: <epoch seconds>` header pair (GitHub `x-ratelimit`,
 * GitLab `ratelimit`); undefined while requests remain.
 */
export function quotaReset(res: Response, prefix: string): Date | undefined {
  if (res.headers.get(`${prefix}-remaining`) !== '0') return undefined;
  const reset = Number(res.headers.get(`${prefix}-reset`));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
}

export class Http {
  readonly #fetch: FetchFn;
  readonly now: () => Date;
  readonly #timeoutMs: number;
  readonly #gate: RateGate;
  readonly #cache: EtagCache;

  constructor(o: HttpOptions = {}) {
    this.#fetch = o.fetch ?? ((input, init) => fetch(input, init));
    this.now = o.now ?? (() => new Date());
    this.#timeoutMs = o.timeoutMs ?? 15_000;
    this.#gate = o.gate ?? sharedGate;
    this.#cache = o.cache ?? sharedCache;
  }

  async request(spec: RequestSpec, signal?: AbortSignal): Promise<Answer> {
    const now = this.now();
    const url = new URL(spec.url);
    const shown = `${url.origin}${url.pathname}`;
    const blocked = this.#gate.until(url.origin, now);
    if (blocked)
      throw new SourceError(
        said('client.source.rateLimited', { host: url.host, until: iso(blocked) }),
        'rate-limited',
        blocked,
      );
    const headers: Record<string, string> = { 'user-agent': 'ronde', ...spec.headers };
    const cached = spec.conditional ? this.#cache.get(spec.url) : undefined;
    if (cached) headers['if-none-match'] = cached.etag;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let res: Response;
    try {
      res = await this.#fetch(spec.url, {
        method: spec.method ?? 'GET',
        headers,
        redirect: 'follow',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      throw new SourceError(
        timeout.aborted
          ? said('client.source.noAnswer', { url: shown, sec: this.#timeoutMs / 1000 })
          : said('client.source.unreachable', { url: shown, error: errText(err) }),
        'transient',
      );
    }
    if (res.status === 304 && cached)
      return { status: 200, headers: res.headers, text: cached.text, link: cached.link, fromCache: true };
    const exhausted = spec.rateLimit?.(res, now);
    // GitHub's secondary limits are a 403 with Retry-After, the quota not being spent.
    if (res.status === 429 || (res.status === 403 && (exhausted || res.headers.has('retry-after')))) {
      await res.body?.cancel();
      const reset = exhausted ?? retryAfter(res, now) ?? new Date(now.getTime() + HOUR_MS);
      this.#gate.block(url.origin, reset);
      throw new SourceError(
        said('client.source.rateReached', { host: url.host, until: iso(reset) }),
        'rate-limited',
        reset,
      );
    }
    // Answered, but the quota is spent: the next request would be refused.
    if (exhausted) this.#gate.block(url.origin, exhausted);
    if (!res.ok && res.status !== 404 && !spec.pass?.includes(res.status)) {
      await res.body?.cancel();
      const kind = res.status >= 500 || res.status === 408 ? 'transient' : 'permanent';
      throw new SourceError(said('client.source.http', { url: shown, status: res.status }), kind);
    }
    const text = spec.method === 'HEAD' ? '' : await res.text();
    const link = res.headers.get('link');
    const etag = res.headers.get('etag');
    if (spec.conditional && res.ok && etag) this.#cache.set(spec.url, { etag, text, link });
    return { status: res.status, headers: res.headers, text, link, fromCache: false };
  }

  /** GET and parse JSON; null on 404. */
  async json(spec: RequestSpec, signal?: AbortSignal): Promise<{ body: unknown; answer: Answer } | null> {
    const answer = await this.request(spec, signal);
    if (answer.status === 404) return null;
    try {
      return { body: JSON.parse(answer.text), answer };
    } catch {
      throw new SourceError(
        said('client.source.notJson', { url: spec.url.split('?')[0] ?? '' }),
        'permanent',
      );
    }
  }
}

/** `Link: <https://…?page=2>; rel="next"` → the next URL, resolved against the request's. */
export function nextLink(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<(?<url>[^>]*)>\s*;(?<params>.*)/.exec(part.trim());
    if (!m?.groups || !/\brel="?next"?/.test(m.groups.params!)) continue;
    try {
      return new URL(m.groups.url!, base).toString();
    } catch {
      return undefined; // a broken link ends the listing; never a throw from a header
    }
  }
  return undefined;
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function errText(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
