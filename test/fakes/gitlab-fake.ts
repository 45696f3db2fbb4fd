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
}

export async function startGitlabFake(): Promise<GitlabFake> {
  const fake = {
    releases: new Map([['group/app', loadFixture('gitlab-releases-app.json')]]),
    tags: new Map([['group/app', loadFixture('gitlab-tags-app.json')]]),
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
    const id = m?.groups ? decodeURIComponent(m.groups.id!) : '';
    const list = m?.groups && (m.groups.what === 'releases' ? fake.releases : fake.tags).get(id);
    if (!list) return sendJson(res, 404, { message: '404 Project Not Found' });
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 20));
    const page = Number(url.searchParams.get('page') ?? 1);
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    const next = page < pages ? String(page + 1) : '';
    const base = `${fake.url}${raw}?per_page=${perPage}`;
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
