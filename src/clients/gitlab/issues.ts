import { z } from 'zod';
import { said } from '../../core/said.js';
import { gitlabRateLimit } from '../../sources/gitlab.js';
import { Http, type HttpOptions } from '../../sources/http.js';
import { SourceError } from '../../sources/types.js';

/*
 * Open issues of a GitLab project without activity since a date:
 * `GET /api/v4/projects/:id/issues?state=opened&updated_before=…&order_by=updated_at&sort=asc`
 * (docs.gitlab.com/api/issues/#list-project-issues), `:id` the URL-encoded
 * path, pages by `per_page`/`page` and `x-next-page`. `updated_before` is
 * also applied here: some GitLab versions ignored it (gitlab-ce#56286), and
 * an issue touched since must never be called forgotten. A group's issues
 * (its projects', subgroups' included) are `GET /api/v4/groups/:id/issues`
 * (docs.gitlab.com/api/issues/#list-group-issues), same parameters; each
 * names its project in `references.full` (`team/infra#12`).
 */

const GlIssue = z.looseObject({
  iid: z.number(),
  title: z.string(),
  web_url: z.string(),
  updated_at: z.string(),
  state: z.string().optional(),
  labels: z.array(z.string()).default([]),
  assignees: z.array(z.looseObject({ username: z.string() })).nullish(),
  assignee: z.looseObject({ username: z.string() }).nullish(),
  references: z.looseObject({ full: z.string() }).nullish(),
});

export interface StaleIssue {
  project: string;
  iid: number;
  title: string;
  url: string;
  /** ISO 8601, as GitLab gives it. */
  updatedAt: string;
  labels: string[];
  assignees: string[];
}

export interface IssuesPage {
  issues: StaleIssue[];
  /** False when more pages remained than `maxPages` allowed: the count is a floor. */
  complete: boolean;
}

export interface GitlabIssuesClientOptions extends HttpOptions {
  baseUrl: string;
  /** A `read_api` token, resolved by the caller at use (never logged). */
  token?: string;
  /** Pages of 100 read per project at most (default 10). */
  maxPages?: number;
}

export class GitlabIssuesClient {
  readonly baseUrl: string;
  readonly #http: Http;
  readonly #token: string | undefined;
  readonly #maxPages: number;

  constructor(o: GitlabIssuesClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    // No ETag cache: the answer moves with `updated_before`, a cache would only grow.
    this.#http = new Http(o);
    this.#token = o.token;
    this.#maxPages = o.maxPages ?? 10;
  }

  /** Open issues of `project` (a path such as `team/infra`) last updated before `before`, oldest first. */
  staleIssues(project: string, before: Date, signal?: AbortSignal): Promise<IssuesPage> {
    return this.#stale('project', project, before, signal);
  }

  /** The same for every project of `group` (a path such as `team`), its subgroups' included. */
  staleGroupIssues(group: string, before: Date, signal?: AbortSignal): Promise<IssuesPage> {
    return this.#stale('group', group, before, signal);
  }

  async #stale(
    kind: 'project' | 'group',
    of: string,
    before: Date,
    signal?: AbortSignal,
  ): Promise<IssuesPage> {
    const path = of.replace(/^\/+|\/+$/g, '');
    const base = `${this.baseUrl}/api/v4/${kind}s/${encodeURIComponent(path)}/issues`;
    const query = `state=opened&updated_before=${encodeURIComponent(before.toISOString())}&order_by=updated_at&sort=asc&per_page=100`;
    const issues: StaleIssue[] = [];
    let page: string | undefined = '1';
    let read = 0;
    while (page && read < this.#maxPages) {
      const got = await this.#http.json(
        {
          url: `${base}?${query}&page=${encodeURIComponent(page)}`,
          rateLimit: gitlabRateLimit,
          headers: this.#token ? { 'private-token': this.#token } : {},
        },
        signal,
      );
      if (!got)
        throw new SourceError(said('client.gitlab.notFound', { group: kind === 'group', path }), 'permanent');
      const list = z.array(GlIssue).safeParse(got.body);
      if (!list.success)
        throw new SourceError(
          said('client.gitlab.unexpected', { what: 'issues', group: kind === 'group', path }),
          'permanent',
        );
      for (const i of list.data) {
        const updated = Date.parse(i.updated_at);
        if (i.state && i.state !== 'opened') continue;
        if (!Number.isFinite(updated) || updated >= before.getTime()) continue;
        issues.push({
          project: kind === 'project' ? path : (projectOf(i) ?? path),
          iid: i.iid,
          title: i.title,
          url: i.web_url,
          updatedAt: i.updated_at,
          labels: i.labels,
          assignees: (i.assignees ?? (i.assignee ? [i.assignee] : [])).map((a) => a.username),
        });
      }
      read++;
      page = got.answer.headers.get('x-next-page') || undefined;
    }
    return { issues, complete: page === undefined };
  }
}

/** A group issue's project: `references.full` (`team/infra#12`), else its URL (`…/team/infra/-/issues/12`). */
export function projectOf(i: { references?: { full: string } | null; web_url: string }): string | undefined {
  const full = i.references?.full && /^(.+)#\d+$/.exec(i.references.full)?.[1];
  if (full) return full;
  return /^https?:\/\/[^/]+\/(.+?)\/-\/issues\/\d+$/.exec(i.web_url)?.[1];
}
