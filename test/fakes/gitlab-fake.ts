import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { loadFixture } from './github-fake.js';
import { type Served, sendJson, serve } from './serve.js';

/*
 * A fake of GitLab's REST API v4 for releases and tags, after
 * docs.gitlab.com/api/releases/ and /api/tags/: the project id is the
 * URL-encoded path, pages by `per_page`/`page` with `x-next-page`,
 * `x-total-pages` and `Link`; over the limit, 429 with `RateLimit-*` and
 * `Retry-After` (docs.gitlab.com/administration/settings/user_and_ip_rate_limits/).
 */

type Json = Record<string, unknown>;

export interface GitlabFake extends Served {
  releases: Map<string, Json[]>;
  tags: Map<string, Json[]>;
  /** While set, every request gets 429 until this epoch second. */
  limitedUntil?: number;
  /** Default page size when the client sends none (GitLab's is 20). */
  publish(project: string, tag: string): void;
  // --- issues (gitlab.issues) ---
  /** Issues by project path, as GitLab returns them (`iid`, `state`, `updated_at`…). */
  issues: Map<string, Json[]>;
  /** When set, the issues endpoints want this `PRIVATE-TOKEN` (none: 404 as for a private project; wrong: 401). */
  issuesToken?: string;
  // --- members (access.review, gitlab.members) ---
  /** Direct members by `groups/PATH` or `projects/PATH`, as GitLab returns them (`access_level`, `expires_at`…). */
  members: Map<string, Json[]>;
  /** When set, the members endpoints want this `PRIVATE-TOKEN` (else 401). */
  membersToken?: string;
}

export async function startGitlabFake(): Promise<GitlabFake> {
  const fake = {
    releases: new Map([['group/app', loadFixture('gitlab-releases-app.json')]]),
    tags: new Map([['group/app', loadFixture('gitlab-tags-app.json')]]),
    issues: new Map(),
    members: new Map(),
  } as GitlabFake;
  const served = await serve((req, res, url) => {
    // The raw path keeps %2F: GitLab needs the encoded project path as one segment.
    const raw = (req.url ?? '').split('?')[0]!;
    const m = /^\/api\/v4\/projects\/(?<id>[^/]+)\/(?<what>releases|repository\/tags)$/.exec(raw);
    if (fake.limitedUntil && fake.limitedUntil > Date.now() / 1000) {
      const wait = String(Math.ceil(fake.limitedUntil - Date.now() / 1000));
      res.writeHead(429, {
        'content-type': 'text/plain',
        'ratelimit-limit': '2000',
        'ratelimit-observed': '2001',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(fake.limitedUntil),
        'retry-after': wait,
      });
      res.end('Retry later');
      return;
    }
    if (serveIssues(fake, req.headers, raw, url, res)) return;
    if (serveMembers(fake, req.headers, raw, url, res)) return;
    const id = m?.groups ? decodeURIComponent(m.groups.id!) : '';
    const list = m?.groups && (m.groups.what === 'releases' ? fake.releases : fake.tags).get(id);
    if (!list) return sendJson(res, 404, { message: '404 Project Not Found' });
    sendPage(res, `${fake.url}${raw}`, url.searchParams, list);
  });
  fake.publish = (project, tag) => {
    fake.releases.get(project)?.unshift({
      name: tag,
      tag_name: tag,
      description: `Notes of ${tag}`,
      created_at: '2026-11-25T10:00:00Z',
      released_at: '2026-11-25T10:00:00Z',
      upcoming_release: false,
      _links: { self: `https://gitlab.example.org/${project}/-/releases/${tag}` },
    });
  };
  return Object.assign(fake, served);
}

// --- issues (gitlab.issues) ---
/*
 * `GET /api/v4/projects/:id/issues` after docs.gitlab.com/api/issues/#list-project-issues,
 * and `GET /api/v4/groups/:id/issues` (#list-group-issues: the issues of the
 * group's projects, subgroups included; a group here is a path prefix of the
 * projects given):
 * `state` (opened|closed|all, default all), `updated_before`/`updated_after`
 * (ISO 8601), `order_by` (created_at default, updated_at), `sort` (desc
 * default, asc), pages by `per_page` (default 20, max 100) and `page` with
 * the `x-*` pagination headers and `Link`.
 */
function serveIssues(
  fake: GitlabFake,
  headers: IncomingHttpHeaders,
  raw: string,
  url: URL,
  res: ServerResponse,
): boolean {
  const m = /^\/api\/v4\/(?<kind>projects|groups)\/(?<id>[^/]+)\/issues$/.exec(raw);
  if (!m?.groups) return false;
  const id = decodeURIComponent(m.groups.id!);
  // A group's issues are those of its projects, its subgroups' included.
  const inGroup = [...fake.issues].filter(([project]) => project.startsWith(`${id}/`));
  const list =
    m.groups.kind === 'projects'
      ? fake.issues.get(id)
      : inGroup.length > 0
        ? inGroup.flatMap(([, l]) => l)
        : undefined;
  const token = headers['private-token'];
  if (fake.issuesToken && token !== undefined && token !== fake.issuesToken) {
    sendJson(res, 401, { message: '401 Unauthorized' });
    return true;
  }
  if (!list || (fake.issuesToken && token === undefined)) {
    sendJson(res, 404, {
      message: m.groups.kind === 'projects' ? '404 Project Not Found' : '404 Group Not Found',
    });
    return true;
  }
  const q = url.searchParams;
  const state = q.get('state') ?? 'all';
  const time = (name: string) => (q.has(name) ? Date.parse(q.get(name)!) : undefined);
  const [before, after] = [time('updated_before'), time('updated_after')];
  const key = q.get('order_by') === 'updated_at' ? 'updated_at' : 'created_at';
  const dir = q.get('sort') === 'asc' ? 1 : -1;
  const selected = list
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => before === undefined || Date.parse(String(i.updated_at)) <= before)
    .filter((i) => after === undefined || Date.parse(String(i.updated_at)) >= after)
    .sort((a, b) => dir * (Date.parse(String(a[key])) - Date.parse(String(b[key]))));
  sendPage(res, `${fake.url}${raw}`, q, selected);
  return true;
}

/** An issue as GitLab's API returns it (the fields the docs list that ronde reads, and a few more). */
export function fakeIssue(
  project: string,
  iid: number,
  title: string,
  updatedAt: string,
  more: { labels?: string[]; assignees?: string[]; state?: string; createdAt?: string } = {},
): Json {
  const assignees = (more.assignees ?? []).map((username, n) => ({ id: 100 + n, username, name: username }));
  return {
    id: 1000 + iid,
    iid,
    project_id: 42,
    title,
    description: '',
    state: more.state ?? 'opened',
    created_at: more.createdAt ?? updatedAt,
    updated_at: updatedAt,
    closed_at: null,
    labels: more.labels ?? [],
    assignees,
    assignee: assignees[0] ?? null,
    author: { id: 1, username: 'root', name: 'Administrator' },
    user_notes_count: 0,
    web_url: `https://gitlab.example.org/${project}/-/issues/${iid}`,
    references: { short: `#${iid}`, relative: `#${iid}`, full: `${project}#${iid}` },
  };
}

// --- members (access.review, gitlab.members) ---
/*
 * `GET /api/v4/groups/:id/members/all` and `/projects/:id/members/all` after
 * docs.gitlab.com/api/members/#list-all-members-of-a-group-or-project-including-inherited-and-invited-members:
 * the direct members plus those inherited from every ancestor group (a
 * project's namespace and its parents); a user in several keeps the highest
 * `access_level`. `expires_at` is a date; an expired membership stays listed
 * until GitLab's daily job removes it. Pages by `per_page` (default 20, max
 * 100) and `page`, with `x-next-page`, `x-total`… and `Link`.
 */
function serveMembers(
  fake: GitlabFake,
  headers: IncomingHttpHeaders,
  raw: string,
  url: URL,
  res: ServerResponse,
): boolean {
  const m = /^\/api\/v4\/(?<kind>groups|projects)\/(?<id>[^/]+)\/members\/all$/.exec(raw);
  if (!m?.groups) return false;
  if (fake.membersToken !== undefined && headers['private-token'] !== fake.membersToken) {
    sendJson(res, 401, { message: '401 Unauthorized' });
    return true;
  }
  const path = decodeURIComponent(m.groups.id!);
  const own = fake.members.get(`${m.groups.kind}/${path}`);
  if (!own) {
    sendJson(res, 404, { message: `404 ${m.groups.kind === 'groups' ? 'Group' : 'Project'} Not Found` });
    return true;
  }
  const parts = path.split('/');
  // Ancestor groups: a group's parents; a project's namespace and its parents.
  const ancestors: string[] = [];
  for (let i = parts.length - 1; i > 0; i--) ancestors.push(`groups/${parts.slice(0, i).join('/')}`);
  const byId = new Map<unknown, Json>();
  for (const list of [own, ...ancestors.map((a) => fake.members.get(a) ?? [])])
    for (const member of list) {
      const seen = byId.get(member.id);
      if (!seen || Number(seen.access_level) < Number(member.access_level)) byId.set(member.id, member);
    }
  const all = [...byId.values()];
  sendPage(res, `${fake.url}${raw}`, url.searchParams, all);
  return true;
}

/** A member as GitLab lists it. */
export function fakeMember(
  id: number,
  username: string,
  accessLevel: number,
  extra: { expires_at?: string | null; state?: string; name?: string } = {},
): Json {
  return {
    id,
    username,
    name: extra.name ?? username,
    state: extra.state ?? 'active',
    avatar_url: `https://gitlab.example.org/uploads/${username}.png`,
    web_url: `https://gitlab.example.org/${username}`,
    access_level: accessLevel,
    created_at: '2025-01-10T09:00:00.000Z',
    expires_at: extra.expires_at ?? null,
    membership_state: 'active',
  };
}

/**
 * One page of a list, as GitLab pages every list: `per_page` (default 20,
 * max 100) and `page`, the `x-*` headers, and a `Link` that keeps the other
 * query parameters.
 */
function sendPage(res: ServerResponse, path: string, q: URLSearchParams, list: Json[]): void {
  const perPage = Math.max(1, Math.min(100, Number(q.get('per_page') ?? 20)));
  const page = Math.max(1, Number(q.get('page') ?? 1));
  const pages = Math.max(1, Math.ceil(list.length / perPage));
  const next = page < pages ? String(page + 1) : '';
  const others = new URLSearchParams(q);
  others.delete('page');
  const base = `${path}?${others.toString()}`;
  sendJson(res, 200, list.slice((page - 1) * perPage, page * perPage), {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': next,
    'x-prev-page': page > 1 ? String(page - 1) : '',
    'x-total': String(list.length),
    'x-total-pages': String(pages),
    link: [next && `<${base}&page=${next}>; rel="next"`, `<${base}&page=1>; rel="first"`]
      .filter(Boolean)
      .join(', '),
  });
}
