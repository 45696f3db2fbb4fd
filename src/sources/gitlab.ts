import { z } from 'zod';
import { Http, type HttpOptions, nextLink, quotaReset } from './http.js';
import { type Release, type ReleaseList, type ReleaseRef, type ReleaseSource, SourceError } from './types.js';

/*
 * GitLab releases (`GET /api/v4/projects/:id/releases`) or tags
 * (`/api/v4/projects/:id/repository/tags`), `:id` being the URL-encoded
 * project path. Pages follow `x-next-page` (or `Link: rel="next"`).
 * Rate limit: 429 with `RateLimit-Reset` (epoch s) or `Retry-After`.
 */

const GlRelease = z.looseObject({
  tag_name: z.string(),
  released_at: z.string().nullable().optional(),
  upcoming_release: z.boolean().optional(),
  _links: z.looseObject({ self: z.string().optional() }).optional(),
});
const GlTag = z.looseObject({ name: z.string() });

const MAX_PAGES = 3;

export function gitlabRateLimit(res: Response): Date | undefined {
  return quotaReset(res, 'ratelimit');
}

export interface GitlabOptions extends HttpOptions {
  /** Default `https://gitlab.com`; a self-hosted instance: its URL. */
  baseUrl?: string;
  /** Personal or project access token (read_api), for private projects. */
  token?: string;
}

export class GitlabSource implements ReleaseSource {
  readonly id = 'gitlab' as const;
  readonly baseUrl: string;
  readonly #http: Http;
  readonly #token: string | undefined;

  constructor(o: GitlabOptions = {}) {
    this.baseUrl = (o.baseUrl ?? 'https://gitlab.com').replace(/\/+$/, '');
    this.#http = new Http(o);
    this.#token = o.token;
  }

  async getReleases(ref: ReleaseRef, signal?: AbortSignal): Promise<ReleaseList | null> {
    const id = encodeURIComponent(ref.repo.replace(/^\/+|\/+$/g, ''));
    const project = `${this.baseUrl}/api/v4/projects/${id}`;
    let url: string | undefined = `${project}/${ref.useTags ? 'repository/tags' : 'releases'}?per_page=100`;
    const releases: Release[] = [];
    let etag: string | undefined;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const got = await this.#http.json(
        {
          url,
          conditional: true,
          rateLimit: gitlabRateLimit,
          headers: this.#token ? { 'private-token': this.#token } : {},
        },
        signal,
      );
      if (!got) return null;
      if (page === 0) etag = got.answer.headers.get('etag') ?? undefined;
      releases.push(...(ref.useTags ? tags(got.body, this.baseUrl, ref.repo) : fromReleases(got.body)));
      const next = got.answer.headers.get('x-next-page');
      url = next
        ? `${project}/${ref.useTags ? 'repository/tags' : 'releases'}?per_page=100&page=${encodeURIComponent(next)}`
        : nextLink(got.answer.link, url);
    }
    return etag ? { releases, etag } : { releases };
  }
}

function fromReleases(body: unknown): Release[] {
  const list = z.array(GlRelease).safeParse(body);
  if (!list.success) throw new SourceError('GitLab releases: unexpected answer', 'permanent');
  return list.data.map((r) => ({
    version: r.tag_name,
    tag: r.tag_name,
    // An upcoming release (released_at in the future) is not out yet.
    prerelease: r.upcoming_release === true,
    ...(r.released_at ? { publishedAt: r.released_at } : {}),
    ...(r._links?.self ? { url: r._links.self } : {}),
  }));
}

function tags(body: unknown, base: string, repo: string): Release[] {
  const list = z.array(GlTag).safeParse(body);
  if (!list.success) throw new SourceError('GitLab tags: unexpected answer', 'permanent');
  return list.data.map((t) => ({
    version: t.name,
    tag: t.name,
    prerelease: false,
    url: `${base}/${repo}/-/tags/${encodeURIComponent(t.name)}`,
  }));
}
