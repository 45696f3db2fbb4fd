import { z } from 'zod';
import { said } from '../../core/said.js';
import { gitlabRateLimit } from '../../sources/gitlab.js';
import { Http, type HttpOptions, nextLink } from '../../sources/http.js';
import { SourceError } from '../../sources/types.js';

/*
 * Members of GitLab groups and projects, inherited ones included:
 * `GET /api/v4/groups/:id/members/all` and `/projects/:id/members/all`
 * (docs.gitlab.com/api/members/#list-all-members-of-a-group-or-project-including-inherited-and-invited-members),
 * `:id` a numeric id or the URL-encoded path; pages by `per_page`/`page`,
 * following `x-next-page` (or `Link: rel="next"` when the instance leaves it
 * out for large lists). `expires_at` is a date (`2026-12-31`); `state` is the
 * user's (`active`, `blocked`…); `last_activity_on` is read when the instance
 * gives it.
 */

export const GlMember = z.looseObject({
  id: z.number(),
  username: z.string(),
  name: z.string().optional(),
  state: z.string().optional(),
  access_level: z.number(),
  expires_at: z.string().nullish(),
  last_activity_on: z.string().nullish(),
  membership_state: z.string().optional(),
});

export const ACCESS_LEVELS: Record<number, string> = {
  0: 'No access',
  5: 'Minimal access',
  10: 'Guest',
  15: 'Planner',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
};

export interface Membership {
  /** `group:team` or `project:team/infra`. */
  scope: string;
  username: string;
  name?: string;
  state?: string;
  level: string;
  /** `YYYY-MM-DD`, GitLab's date. */
  expiresAt?: string;
  lastActivityOn?: string;
}

export interface GitlabMembersOptions extends HttpOptions {
  baseUrl: string;
  token?: string;
  /** Pages of 100 per group or project at most (default 50). */
  maxPages?: number;
}

export class GitlabMembersClient {
  readonly baseUrl: string;
  readonly #http: Http;
  readonly #token: string | undefined;
  readonly #maxPages: number;

  constructor(o: GitlabMembersOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.#http = new Http(o);
    this.#token = o.token;
    this.#maxPages = o.maxPages ?? 50;
  }

  /** Every member of a group or project (`kind`), inherited and invited ones included. */
  async members(kind: 'group' | 'project', idOrPath: string, signal?: AbortSignal): Promise<Membership[]> {
    const path = idOrPath.replace(/^\/+|\/+$/g, '');
    const base = `${this.baseUrl}/api/v4/${kind}s/${encodeURIComponent(path)}/members/all?per_page=100`;
    const out: Membership[] = [];
    let url: string | undefined = `${base}&page=1`;
    for (let read = 0; url; read++) {
      if (read >= this.#maxPages)
        throw new SourceError(
          said('client.gitlab.tooManyPages', { group: kind === 'group', path, pages: this.#maxPages }),
          'permanent',
        );
      const got = await this.#http.json(
        { url, rateLimit: gitlabRateLimit, headers: this.#token ? { 'private-token': this.#token } : {} },
        signal,
      );
      if (!got)
        throw new SourceError(said('client.gitlab.notFound', { group: kind === 'group', path }), 'permanent');
      const list = z.array(GlMember).safeParse(got.body);
      if (!list.success)
        throw new SourceError(
          said('client.gitlab.unexpected', { what: 'members', group: kind === 'group', path }),
          'permanent',
        );
      for (const m of list.data) out.push(membershipOf(`${kind}:${path}`, m));
      url = nextPage(base, got.answer.headers.get('x-next-page'), got.answer.link, url);
    }
    return out;
  }
}

/** One member as the review reads it: the level by name, the expiry as GitLab's date. */
export function membershipOf(scope: string, m: z.output<typeof GlMember>): Membership {
  return {
    scope,
    username: m.username,
    ...(m.name ? { name: m.name } : {}),
    ...(m.state ? { state: m.state } : {}),
    level: ACCESS_LEVELS[m.access_level] ?? `level ${m.access_level}`,
    ...(m.expires_at ? { expiresAt: m.expires_at.slice(0, 10) } : {}),
    ...(m.last_activity_on ? { lastActivityOn: m.last_activity_on } : {}),
  };
}

/**
 * The next page's URL: `x-next-page` (empty on the last page), else
 * `Link: <…>; rel="next"`, the only pagination header of keyset or very large
 * lists (resolved against the page it came with); undefined: the last page.
 */
export function nextPage(base: string, xNextPage: string | null, link: string | null, current: string) {
  return xNextPage ? `${base}&page=${encodeURIComponent(xNextPage)}` : nextLink(link, current);
}
