import { randomBytes } from 'node:crypto';
import { type Served, sendJson, serve } from './serve.js';

/*
 * A fake of Docker Hub: its registry (`/v2/…`) answers 401 with
 * `WWW-Authenticate: Bearer realm="<fake>/token",service="registry.docker.io",
 * scope="repository:library/x:pull"`, and its token service (`/token`, like
 * auth.docker.io) hands a short token. Tag lists page by `n`/`last` with a
 * `Link` header; manifest answers carry `ratelimit-limit`/`ratelimit-remaining`
 * (`N;w=21600`), and 429 TOOMANYREQUESTS once the quota is spent
 * (docs.docker.com/docker-hub/usage/pulls/, distribution spec "content discovery").
 */

export interface DockerHubFake extends Served {
  /** Tags per repository, and the digest each tag points to. */
  repos: Map<string, Map<string, string>>;
  /** Pulls left in the window (GETs count; HEAD does not, as on Docker Hub). */
  remaining: number;
  tokensIssued: number;
  /** Points a tag at a new digest (a rebuilt `latest`). */
  retag(repo: string, tag: string): string;
}

const digest = () => `sha256:${randomBytes(32).toString('hex')}`;

export async function startDockerHubFake(): Promise<DockerHubFake> {
  const tags = [
    '6.2',
    '7.2.6',
    '7.4.0',
    '7.4.1',
    '7.4.1-alpine',
    '7.4.0-alpine',
    '8.0-rc1',
    'latest',
    'alpine',
  ];
  const fake = {
    repos: new Map([['library/redis', new Map(tags.map((t) => [t, digest()]))]]),
    remaining: 100,
    tokensIssued: 0,
  } as DockerHubFake;
  const valid = new Set<string>();
  const limits = () => ({
    'ratelimit-limit': '100;w=21600',
    'ratelimit-remaining': `${fake.remaining};w=21600`,
  });
  const served = await serve((req, res, url) => {
    if (url.pathname === '/token') {
      const token = randomBytes(16).toString('hex');
      valid.add(token);
      fake.tokensIssued++;
      return sendJson(res, 200, {
        token,
        access_token: token,
        expires_in: 300,
        issued_at: new Date().toISOString(),
      });
    }
    const m = /^\/v2\/(?<name>.+?)\/(?<what>tags\/list|manifests\/(?<ref>[^/]+))$/.exec(url.pathname);
    const name = m?.groups?.name ?? '';
    const auth = req.headers.authorization ?? '';
    if (!valid.has(auth.replace(/^Bearer /, ''))) {
      return sendJson(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }] },
        {
          'www-authenticate': `Bearer realm="${fake.url}/token",service="registry.docker.io",scope="repository:${name}:pull"`,
        },
      );
    }
    const repo = fake.repos.get(name);
    if (!m?.groups || !repo)
      return sendJson(res, 404, {
        errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }],
      });
    // Counted GETs (tag lists too, here, so the limit path is exercised by a tags-only client).
    if (req.method === 'GET') {
      if (fake.remaining <= 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600', ...limits() });
        res.end(
          JSON.stringify({
            errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }],
          }),
        );
        return;
      }
      fake.remaining--;
    }
    if (m.groups.what === 'tags/list') {
      const all = [...repo.keys()].sort();
      const n = Number(url.searchParams.get('n') ?? 100);
      const last = url.searchParams.get('last');
      const from = last ? all.findIndex((t) => t > last) : 0;
      const page = from < 0 ? [] : all.slice(from, from + n);
      const more = from >= 0 && from + n < all.length;
      const link = `</v2/${name}/tags/list?last=${encodeURIComponent(page.at(-1) ?? '')}&n=${n}>; rel="next"`;
      return sendJson(res, 200, { name, tags: page }, { ...limits(), ...(more ? { link } : {}) });
    }
    const d = repo.get(decodeURIComponent(m.groups.ref!));
    if (!d)
      return sendJson(
        res,
        404,
        { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] },
        limits(),
      );
    res.writeHead(200, {
      'content-type': 'application/vnd.oci.image.index.v1+json',
      'docker-content-digest': d,
      ...limits(),
    });
    res.end(req.method === 'HEAD' ? undefined : '{"schemaVersion":2,"manifests":[]}');
  });
  fake.retag = (repo, tag) => {
    const d = digest();
    fake.repos.get(repo)?.set(tag, d);
    return d;
  };
  return Object.assign(fake, served);
}
