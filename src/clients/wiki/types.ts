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
  constructor(
    message: string,
    readonly failure: 'auth' | 'transient' | 'protocol',
  ) {
    super(message);
    this.name = 'WikiError';
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
    const why = timeout.aborted
      ? `no answer within ${timeoutMs / 1000} s`
      : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
    throw new WikiError(`${new URL(url).origin}: ${why}`, 'transient');
  }
}
