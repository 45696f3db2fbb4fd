import { said, saidIn, sayError } from '../../core/said.js';
import { type FetchFn, fetchWiki, WikiError, type WikiPage, type WikiSource } from './types.js';
import { decodeResponse, encodeCall, type RpcValue, XmlRpcError } from './xmlrpc.js';

/*
 * DokuWiki's remote API over XML-RPC (`lib/exe/xmlrpc.php`,
 * www.dokuwiki.org/devel:xmlrpc), the API of every release up to
 * 2023-04-04 and still there after (JSON-RPC came in 2024-02-06 "Kaos").
 * `dokuwiki.getPagelist('', {depth: 0})` walks the pages directory (with
 * the ACLs of the user): every page with its `mtime`, the time of its last
 * edit. `wiki.getAllPages` is not used: it lists only pages the search index
 * already knows. The user logs in with HTTP Basic, which DokuWiki accepts
 * on every request (inc/auth.php); it needs read rights and to be listed in
 * `remoteuser`.
 */

export interface DokuwikiOptions {
  /** The wiki's base URL, `https://wiki.example.org/` (where doku.php is). */
  url: string;
  user?: string;
  /** Resolved at use by the caller; never logged. */
  password?: string;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export class DokuwikiClient implements WikiSource {
  readonly base: string;
  readonly #o: DokuwikiOptions;

  constructor(o: DokuwikiOptions) {
    this.base = o.url.endsWith('/') ? o.url : `${o.url}/`;
    this.#o = o;
  }

  pageUrl(id: string): string {
    return `${this.base}doku.php?id=${encodeURIComponent(id)}`;
  }

  /** DokuWiki's cleanID, for ASCII names: lower case, spaces and odd characters to `_`, `/` to `:`. */
  normalise(name: string): string {
    return name
      .trim()
      .toLowerCase()
      .replace(/[/;]/g, ':')
      .replace(/[^\p{L}\p{N}:._-]+/gu, '_')
      .replace(/:{2,}/g, ':')
      .replace(/_{2,}/g, '_')
      .replace(/(^|:)[._-]+|[._-]+($|:)/g, '$1$2');
  }

  async call(method: string, params: readonly RpcValue[], signal?: AbortSignal): Promise<RpcValue> {
    const o = this.#o;
    const headers: Record<string, string> = { 'content-type': 'text/xml', 'user-agent': 'ronde' };
    if (o.user !== undefined)
      headers.authorization = `Basic ${Buffer.from(`${o.user}:${o.password ?? ''}`).toString('base64')}`;
    const url = `${this.base}lib/exe/xmlrpc.php`;
    const res = await fetchWiki(
      o.fetch ?? ((u, i) => fetch(u, i)),
      url,
      { method: 'POST', headers, body: encodeCall(method, params) },
      o.timeoutMs ?? 15_000,
      signal,
    );
    const text = await res.text();
    if (res.status === 401)
      throw new WikiError(said('client.wiki.dokuRefused', { user: o.user ?? '' }), 'auth');
    if (res.status === 403)
      throw new WikiError(said('client.wiki.dokuForbidden', { user: o.user ?? '' }), 'auth');
    if (res.status === 404)
      throw new WikiError(said('client.wiki.notBase', { url, base: this.base }), 'protocol');
    if (res.status >= 500)
      throw new WikiError(said('client.wiki.http', { url, status: res.status }), 'transient');
    try {
      return decodeResponse(text);
    } catch (err) {
      if (!(err instanceof XmlRpcError)) throw err;
      // -32604: remote disabled, or the user not in remoteuser (xmlrpc.php answers 200 then).
      const disabled = err.faultCode === -32604;
      const fault = err.faultCode !== undefined ? String(err.faultCode) : '';
      throw new WikiError(
        saidIn('client.wiki.dokuFault', (lang) => [{ method, error: sayError(lang, err), fault, disabled }]),
        err.faultCode === -32604 ? 'auth' : 'protocol',
      );
    }
  }

  async pages(signal?: AbortSignal): Promise<WikiPage[]> {
    const list = await this.call('dokuwiki.getPagelist', ['', { depth: 0 }], signal);
    // DokuWiki 2022-07-31 returns a failed call's exception object instead of a <fault>,
    // which XML-RPC encodes as an empty <struct> (an empty page list is an empty <array>).
    if (list && typeof list === 'object' && !Array.isArray(list) && Object.keys(list).length === 0)
      throw new WikiError(said('client.wiki.dokuEmpty'), 'protocol');
    if (!Array.isArray(list)) throw new WikiError(said('client.wiki.dokuNotList'), 'protocol');
    return list.flatMap((p): WikiPage[] => {
      if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
      const id = p.id;
      const mtime = typeof p.mtime === 'number' ? p.mtime : p.rev;
      if (typeof id !== 'string' || typeof mtime !== 'number') return [];
      return [{ id, modified: new Date(mtime * 1000) }];
    });
  }
}
