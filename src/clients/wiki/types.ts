import { attachSaid, englishOf, type Said, said } from '../../core/said.js';

/*
 * What docs.coverage asks of a wiki, whatever its engine: every page it may
 * read, with when it was last edited. DokuWiki (XML-RPC) and MediaWiki
 * (Action API) implement it.
 */

export interface WikiPage {
  /** The page's name as the wiki normalises it (`services:mattermost`, `Mattermost`). */
  id: string;
  /** Last edit. */
  modified: Date;
}

export interface WikiSource {
  /** Where the page is read by a person. */
  pageUrl(id: string): string;
  /** The name this wiki gives to `name` (DokuWiki: lower case, `_` for spaces; MediaWiki: first letter up). */
  normalise(name: string): string;
  pages(signal?: AbortSignal): Promise<WikiPage[]>;
}

/**
 * Why a wiki could not be read, so the UNKNOWN says what to fix:
 * `auth` (user, password, or rights), `transient` (network, 5xx, time),
 * `protocol` (an answer that is not the documented one, a disabled API).
 */
export class WikiError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly failure: 'auth' | 'transient' | 'protocol',
  ) {
    super(englishOf(message));
    this.name = 'WikiError';
    attachSaid(this, message);
  }
}

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** fetch with a time limit and the caller's signal; network failures and time-outs are WikiError. */
export async function fetchWiki(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await fetchFn(url, {
      ...init,
      redirect: 'follow',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const origin = new URL(url).origin;
    throw new WikiError(
      timeout.aborted
        ? said('client.wiki.noAnswer', { origin, sec: timeoutMs / 1000 })
        : said('client.wiki.unreachable', {
            origin,
            error: cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)),
          }),
      'transient',
    );
  }
}
