import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Served, sendJson, serve } from './serve.js';

/*
 * A fake of GitHub's REST API for releases and tags, after
 * docs.github.com/en/rest/releases/releases#list-releases and
 * /rest/repos/repos#list-repository-tags: pages by `per_page`/`page` with a
 * `Link` header, a strong `ETag` and 304 for `If-None-Match` (which costs no
 * quota), `X-RateLimit-*` on every answer, 403 "API rate limit exceeded" at 0.
 */

type Json = Record<string, unknown>;
const FIXTURES = new URL('../fixtures/sources/', import.meta.url);
export const loadFixture = (name: string): Json[] =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

export interface GithubFake extends Served {
  releases: Map<string, Json[]>;
  tags: Map<string, Json[]>;
  /** Requests left in this window; 0: the next counted request is refused. */
  remaining: number;
  /** Epoch seconds of the window's end. */
  reset: number;
  /** Publishes a release on top (GitHub lists newest first). */
  publish(repo: string, tag: string, o?: { prerelease?: boolean; draft?: boolean }): void;
}

export async function startGithubFake(): Promise<GithubFake> {
  const fake = {
    releases: new Map([['redis/redis', loadFixture('github-releases-redis.json')]]),
    tags: new Map([['redis/redis', loadFixture('github-tags-redis.json')]]),
    remaining: 60,
    reset: Math.floor(Date.now() / 1000) + 3600,
  } as GithubFake;
  let nextId = 900_000;
  const served = await serve((req, res, url) => {
    const m = /^\/repos\/(?<repo>[^/]+\/[^/]+)\/(?<what>releases|tags)$/.exec(url.pathname);
    const limits = () => ({
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': String(fake.remaining),
      'x-ratelimit-reset': String(fake.reset),
      'x-ratelimit-resource': 'core',
    });
    if (fake.remaining <= 0)
      return sendJson(
        res,
        403,
        {
          message: 'API rate limit exceeded for 127.0.0.1.',
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        },
        limits(),
      );
    const list = m?.groups && (m.groups.what === 'releases' ? fake.releases : fake.tags).get(m.groups.repo!);
    if (!m?.groups || !list) {
      fake.remaining--;
      return sendJson(
        res,
        404,
        { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
        limits(),
      );
    }
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const body = JSON.stringify(list.slice((page - 1) * perPage, page * perPage));
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const link = (p: number, rel: string) =>
      `<${fake.url}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links = [page < last && link(page + 1, 'next'), page < last && link(last, 'last')].filter(Boolean);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...limits() }).end();
      return;
    }
    fake.remaining--;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      etag,
      ...limits(),
      ...(links.length ? { link: links.join(', ') } : {}),
    });
    res.end(body);
  });
  fake.publish = (repo, tag, o = {}) => {
    const id = nextId++;
    fake.releases.get(repo)?.unshift({
      url: `https://api.github.com/repos/${repo}/releases/${id}`,
      html_url: `https://github.com/${repo}/releases/tag/${tag}`,
      id,
      tag_name: tag,
      target_commitish: 'unstable',
      name: tag,
      draft: o.draft ?? false,
      prerelease: o.prerelease ?? false,
      created_at: '2026-11-25T10:00:00Z',
      published_at: o.draft ? null : '2026-11-25T10:05:00Z',
      body: `Release notes of ${tag}`,
    });
  };
  return Object.assign(fake, served);
}
