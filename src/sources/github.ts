import { z } from 'zod';
import { Http, type HttpOptions, nextLink, quotaReset } from './http.js';
import { type Release, type ReleaseList, type ReleaseRef, type ReleaseSource, SourceError } from './types.js';

/*
 * GitHub releases (`GET /repos/{owner}/{repo}/releases`) or tags
 * (`/repos/{owner}/{repo}/tags`), paginated by `Link: rel="next"`.
 * Drafts are never offered; GitHub's pre-release flag is kept for the policy.
 * Rate limit: `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (epoch s).
 */

const GhRelease = z.looseObject({
  tag_name: z.string(),
  html_url: z.string().optional(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  published_at: z.string().nullable().optional(),
});
const GhTag = z.looseObject({ name: z.string() });

const MAX_PAGES = 3;

export function githubRateLimit(res: Response): Date | undefined {
  return quotaReset(res, 'x-ratelimit');
}

export interface GithubOptions extends HttpOptions {
  /** Default `https://api.github.com`; GitHub Enterprise: `https://HOST/api/v3`. */
  baseUrl?: string;
  /** A token raises the limit from 60 to 5,000 requests an hour. */
  token?: string;
}

export class GithubSource implements ReleaseSource {
  readonly id = 'github' as const;
  readonly baseUrl: string;
  readonly #http: Http;
  readonly #token: string | undefined;

  constructor(o: GithubOptions = {}) {
    this.baseUrl = (o.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.#http = new Http(o);
    this.#token = o.token;
  }

  async getReleases(ref: ReleaseRef, signal?: AbortSignal): Promise<ReleaseList | null> {
    if (!/^[\w.-]+\/[\w.-]+$/.test(ref.repo))
      throw new SourceError(`GitHub repo must be OWNER/NAME, not ${ref.repo}`, 'permanent');
    const what = ref.useTags ? 'tags' : 'releases';
    let url: string | undefined = `${this.baseUrl}/repos/${ref.repo}/${what}?per_page=100`;
    const releases: Release[] = [];
    let etag: string | undefined;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const got = await this.#http.json(
        {
          url,
          conditional: true,
          rateLimit: githubRateLimit,
          headers: {
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
          },
        },
        signal,
      );
      if (!got) return null;
      if (page === 0) etag = got.answer.headers.get('etag') ?? undefined;
      releases.push(...(ref.useTags ? tags(got.body, ref.repo) : fromReleases(got.body)));
      url = nextLink(got.answer.link, url);
    }
    return etag ? { releases, etag } : { releases };
  }
}

function fromReleases(body: unknown): Release[] {
  const list = z.array(GhRelease).safeParse(body);
  if (!list.success) throw new SourceError('GitHub releases: unexpected answer', 'permanent');
  return list.data
    .filter((r) => !r.draft)
    .map((r) => ({
      version: r.tag_name,
      tag: r.tag_name,
      prerelease: r.prerelease,
      ...(r.published_at ? { publishedAt: r.published_at } : {}),
      ...(r.html_url ? { url: r.html_url } : {}),
    }));
}

function tags(body: unknown, repo: string): Release[] {
  const list = z.array(GhTag).safeParse(body);
  if (!list.success) throw new SourceError('GitHub tags: unexpected answer', 'permanent');
  return list.data.map((t) => ({
    version: t.name,
    tag: t.name,
    prerelease: false,
    url: `https://github.com/${repo}/releases/tag/${encodeURIComponent(t.name)}`,
  }));
}
