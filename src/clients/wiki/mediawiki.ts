import { z } from 'zod';
import { said } from '../../core/said.js';
import { type FetchFn, fetchWiki, WikiError, type WikiPage, type WikiSource } from './types.js';

/*
 * MediaWiki's Action API (www.mediawiki.org/wiki/API:Main_page):
 * `action=query&generator=allpages&prop=revisions&rvprop=timestamp` lists
 * the pages of a namespace with the timestamp of their latest revision
 * (their last edit; `touched` also moves when a template is edited, so it
 * is not used). Results come in batches: every key of `continue` goes into
 * the next request until no `continue` is returned (API:Continue). A wiki
 * that is not public is read after logging in with a bot password
 * (Special:BotPasswords, API:Login: a login token, then `action=login`),
 * the session held in cookies.
 */

export interface MediawikiOptions {
  /** The API endpoint, `https://wiki.example.org/w/api.php`. */
  url: string;
  /** Namespace whose pages count (0: the main namespace). */
  namespace?: number;
  /** A bot password's user (`Ronde@coverage`), for a wiki that is not public. */
  user?: string;
  password?: string;
  fetch?: FetchFn;
  timeoutMs?: number;
  /** Batches read at most (500 pages each). */
  maxBatches?: number;
}

const ApiError = z.looseObject({ error: z.looseObject({ code: z.string(), info: z.string().optional() }) });
const Batch = z.looseObject({
  continue: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  query: z
    .looseObject({
      pages: z
        .array(
          z.looseObject({
            title: z.string(),
            missing: z.boolean().optional(),
            revisions: z.array(z.looseObject({ timestamp: z.string() })).optional(),
          }),
        )
        .default([]),
    })
    .optional(),
});

/** Errors that mean "log in, or with more rights". */
const AUTH_CODES = new Set([
  'readapidenied',
  'permissiondenied',
  'assertuserfailed',
  'assertbotfailed',
  'notloggedin',
]);

export class MediawikiClient implements WikiSource {
  readonly api: string;
  readonly #o: MediawikiOptions;
  readonly #cookies = new Map<string, string>();

  constructor(o: MediawikiOptions) {
    this.api = o.url;
    this.#o = o;
  }

  pageUrl(id: string): string {
    return new URL(`index.php?title=${encodeURIComponent(id.replaceAll(' ', '_'))}`, this.api).toString();
  }

  /** MediaWiki's title form ($wgCapitalLinks, the default): `_` as spaces, first letter up. */
  normalise(name: string): string {
    const t = name.replaceAll('_', ' ').replace(/\s+/g, ' ').trim();
    return t.charAt(0).toUpperCase() + t.slice(1);
  }

  async #request(params: Record<string, string>, post: boolean, signal?: AbortSignal): Promise<unknown> {
    const o = this.#o;
    const query = new URLSearchParams({ ...params, format: 'json', formatversion: '2' });
    const headers: Record<string, string> = { 'user-agent': 'ronde (docs.coverage)' };
    if (this.#cookies.size > 0) headers.cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let url = this.api;
    const init: RequestInit = { method: post ? 'POST' : 'GET', headers };
    if (post) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = query.toString();
    } else url = `${this.api}${this.api.includes('?') ? '&' : '?'}${query}`;
    const res = await fetchWiki(o.fetch ?? ((u, i) => fetch(u, i)), url, init, o.timeoutMs ?? 15_000, signal);
    for (const c of res.headers.getSetCookie()) {
      const m = /^([^=;\s]+)=([^;]*)/.exec(c);
      if (m) this.#cookies.set(m[1]!, m[2]!);
    }
    const text = await res.text();
    if (res.status >= 500)
      throw new WikiError(said('client.wiki.http', { url: this.api, status: res.status }), 'transient');
    if (res.status === 401 || res.status === 403)
      throw new WikiError(said('client.wiki.http', { url: this.api, status: res.status }), 'auth');
    if (!res.ok)
      throw new WikiError(said('client.wiki.notApi', { api: this.api, status: res.status }), 'protocol');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new WikiError(said('client.wiki.notJson', { api: this.api }), 'protocol');
    }
    const err = ApiError.safeParse(body);
    if (err.success) {
      const { code, info } = err.data.error;
      throw new WikiError(
        said('client.wiki.mwError', { info: info ?? code, code }),
        AUTH_CODES.has(code) ? 'auth' : 'protocol',
      );
    }
    return body;
  }

  async #login(signal?: AbortSignal): Promise<void> {
    const o = this.#o;
    const t = z
      .object({ query: z.object({ tokens: z.object({ logintoken: z.string() }) }) })
      .safeParse(await this.#request({ action: 'query', meta: 'tokens', type: 'login' }, false, signal));
    if (!t.success) throw new WikiError(said('client.wiki.mwNoToken'), 'protocol');
    const r = z
      .object({ login: z.looseObject({ result: z.string(), reason: z.string().optional() }) })
      .safeParse(
        await this.#request(
          {
            action: 'login',
            lgname: o.user ?? '',
            lgpassword: o.password ?? '',
            lgtoken: t.data.query.tokens.logintoken,
          },
          true,
          signal,
        ),
      );
    if (!r.success)
      throw new WikiError(said('client.wiki.mwUnexpected', { action: 'action=login' }), 'protocol');
    if (r.data.login.result !== 'Success')
      throw new WikiError(
        said('client.wiki.mwLoginRefused', {
          user: o.user ?? '',
          reason: r.data.login.reason ?? r.data.login.result,
        }),
        'auth',
      );
  }

  async pages(signal?: AbortSignal): Promise<WikiPage[]> {
    const o = this.#o;
    if (o.user) await this.#login(signal);
    const latest = new Map<string, number>();
    let cont: Record<string, string> | undefined = { continue: '' };
    for (let i = 0; cont && i < (o.maxBatches ?? 40); i++) {
      const body = Batch.safeParse(
        await this.#request(
          {
            action: 'query',
            generator: 'allpages',
            gapnamespace: String(o.namespace ?? 0),
            gaplimit: 'max',
            prop: 'revisions',
            rvprop: 'timestamp',
            ...cont,
          },
          false,
          signal,
        ),
      );
      if (!body.success)
        throw new WikiError(said('client.wiki.mwUnexpected', { action: 'generator=allpages' }), 'protocol');
      // A page may come back in several batches, its revisions in one of them only.
      for (const p of body.data.query?.pages ?? []) {
        if (p.missing) continue;
        const t = Math.max(
          0,
          ...(p.revisions ?? []).map((r) => Date.parse(r.timestamp)).filter(Number.isFinite),
        );
        latest.set(p.title, Math.max(latest.get(p.title) ?? 0, t));
      }
      cont = body.data.continue
        ? Object.fromEntries(Object.entries(body.data.continue).map(([k, v]) => [k, String(v)]))
        : undefined;
    }
    if (cont) throw new WikiError(said('client.wiki.mwTooMany', { batches: o.maxBatches ?? 40 }), 'protocol');
    return [...latest].map(([id, t]) => ({ id, modified: new Date(t) }));
  }
}
