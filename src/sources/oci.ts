import { z } from 'zod';
import { type Answer, Http, type HttpOptions, nextLink, retryAfter } from './http.js';
import { type Release, type ReleaseList, type ReleaseRef, type ReleaseSource, SourceError } from './types.js';

/*
 * Any OCI / Docker Registry HTTP API v2 registry: tags from
 * `/v2/<name>/tags/list` (paginated by `Link: rel="next"` with `n`/`last`),
 * digests of moving tags by `HEAD /v2/<name>/manifests/<tag>`. Auth follows
 * the server's `WWW-Authenticate: Bearer realm=…` challenge, so Docker Hub's
 * token service and any other registry's work the same, with no host names
 * hard-coded but the default base URL.
 */

export const DOCKER_HUB = 'https://registry-1.docker.io';

/** Manifest media types accepted, so a multi-arch tag answers with its index digest (what `docker pull` records). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const TagList = z.looseObject({ name: z.string().optional(), tags: z.array(z.string()).nullable() });
const Token = z.looseObject({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
});

const MAX_PAGES = 20;
const PAGE_SIZE = 1000;

export interface ImageRef {
  /** Registry base URL (`https://registry-1.docker.io` for Docker Hub). */
  registry: string;
  /** Repository path in it (`library/redis`). */
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * An image reference cut as written: `reg:5000/g/app:1.2@sha256:…` → repository
 * `reg:5000/g/app`, tag `1.2`, digest `sha256:…` (a port is not a tag). The one
 * parser of image references: the engine's, the config's and the registries'.
 */
export function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  return { repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * Docker's rule for plain HTTP: a registry on a loopback address (127.0.0.0/8,
 * `localhost`, `[::1]`) or listed as insecure (`host` or `host:port`, like the
 * daemon's `insecure-registries`) is asked over `http://`; any other over HTTPS.
 */
export function plainHttpRegistry(host: string, insecure: readonly string[] = []): boolean {
  if (insecure.includes(host)) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  if (insecure.includes(name)) return true;
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * `redis:7`, `user/app`, `reg.example.org:5000/g/app:1.2@sha256:…` → where and what;
 * `insecure`: registries asked over plain HTTP besides loopback ones (plainHttpRegistry).
 */
export function parseImage(image: string, insecure: readonly string[] = []): ImageRef {
  const { repository: rest, tag, digest } = splitImage(image);
  const [first, ...others] = rest.split('/');
  const isHost = others.length > 0 && (/[.:]/.test(first!) || first === 'localhost');
  const host = isHost ? first! : 'docker.io';
  let name = isHost ? others.join('/') : rest;
  const hub = host === 'docker.io' || host === 'index.docker.io';
  if (hub && !name.includes('/')) name = `library/${name}`;
  const registry = hub ? DOCKER_HUB : `${plainHttpRegistry(host, insecure) ? 'http' : 'https'}://${host}`;
  return { registry, name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Docker Hub: `ratelimit-remaining: 0;w=21600` → exhausted until the window passes. */
export function dockerHubRateLimit(res: Response, now: Date): Date | undefined {
  const m = /^\s*(?<left>\d+)(?:;w=(?<w>\d+))?/.exec(res.headers.get('ratelimit-remaining') ?? '');
  const g = m?.groups;
  if (g?.left !== '0') return undefined;
  return retryAfter(res, now) ?? new Date(now.getTime() + Number(g.w ?? 3600) * 1000);
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenge(header: string | null): Challenge | undefined {
  const m = /^\s*(?<scheme>\w+)\s+(?<rest>.*)$/.exec(header ?? '');
  if (!m?.groups) return undefined;
  const params: Record<string, string> = {};
  for (const p of m.groups.rest!.matchAll(/(?<k>\w+)="(?<v>[^"]*)"/g)) params[p.groups!.k!] = p.groups!.v!;
  return { scheme: m.groups.scheme!.toLowerCase(), params };
}

export interface OciOptions extends HttpOptions {
  /** Registry base URL (default Docker Hub's); `http://127.0.0.1:5000` in tests. */
  baseUrl?: string;
  /** Registry login, sent only to the token realm or as Basic when the registry asks for it. */
  username?: string;
  password?: string;
  /** Tags asked per page (default 1000; registries may answer fewer and link the rest). */
  pageSize?: number;
}

export class OciSource implements ReleaseSource {
  readonly id = 'oci' as const;
  readonly baseUrl: string;
  readonly #http: Http;
  readonly #basic: string | undefined;
  readonly #pageSize: number;
  /** Bearer tokens by scope, with their expiry. */
  readonly #tokens = new Map<string, { token: string; until: number }>();

  constructor(o: OciOptions = {}) {
    this.baseUrl = (o.baseUrl ?? DOCKER_HUB).replace(/\/+$/, '');
    this.#http = new Http(o);
    this.#pageSize = o.pageSize ?? PAGE_SIZE;
    this.#basic =
      o.username !== undefined
        ? `Basic ${Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')}`
        : undefined;
  }

  async getReleases(ref: ReleaseRef, signal?: AbortSignal): Promise<ReleaseList | null> {
    const name = ref.repo;
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name))
      throw new SourceError(`not a repository name: ${name}`, 'permanent');
    let url: string | undefined = `${this.baseUrl}/v2/${name}/tags/list?n=${this.#pageSize}`;
    const tags: string[] = [];
    let etag: string | undefined;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const answer = await this.#get(url, name, 'GET', {}, signal);
      if (answer.status === 404) return null;
      const parsed = TagList.safeParse(safeJson(answer.text));
      if (!parsed.success)
        throw new SourceError(`${name}: tag list is not the documented shape`, 'permanent');
      if (page === 0) etag = answer.headers.get('etag') ?? undefined;
      tags.push(...(parsed.data.tags ?? []));
      url = nextLink(answer.link, url);
    }
    const hub = this.baseUrl === DOCKER_HUB;
    const page = hub
      ? `https://hub.docker.com/${name.startsWith('library/') ? `_/${name.slice(8)}` : `r/${name}`}/tags`
      : undefined;
    const releases: Release[] = tags.map((tag) => ({
      version: tag,
      tag,
      prerelease: false,
      ...(page ? { url: page } : {}),
    }));
    for (const tag of ref.digestTags ?? []) {
      const r = releases.find((x) => x.tag === tag);
      const digest = await this.digest(name, tag, signal);
      if (r && digest) r.digest = digest;
    }
    return etag ? { releases, etag } : { releases };
  }

  /** The manifest digest a tag points to now; undefined when the tag does not exist. */
  async digest(name: string, tag: string, signal?: AbortSignal): Promise<string | undefined> {
    const url = `${this.baseUrl}/v2/${name}/manifests/${encodeURIComponent(tag)}`;
    // HEAD: Docker Hub does not count it against the pull rate limit.
    const answer = await this.#get(url, name, 'HEAD', { accept: MANIFEST_ACCEPT }, signal);
    if (answer.status === 404) return undefined;
    return answer.headers.get('docker-content-digest') ?? undefined;
  }

  async #get(
    url: string,
    name: string,
    method: 'GET' | 'HEAD',
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const scope = `repository:${name}:pull`;
    const spec = (auth?: string) => ({
      url,
      method,
      conditional: method === 'GET',
      rateLimit: dockerHubRateLimit,
      pass: [401],
      headers: { ...headers, ...(auth ? { authorization: auth } : {}) },
    });
    const known = this.#tokens.get(scope);
    const first = await this.#http.request(
      spec(known && known.until > Date.now() ? `Bearer ${known.token}` : undefined),
      signal,
    );
    if (first.status !== 401) return first;
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    let auth: string | undefined;
    if (challenge?.scheme === 'bearer' && challenge.params.realm)
      auth = `Bearer ${await this.#token(challenge.params, scope, signal)}`;
    else if (challenge?.scheme === 'basic' && this.#basic) auth = this.#basic;
    if (!auth) throw new SourceError(`${name}: the registry asks for credentials`, 'permanent');
    const second = await this.#http.request(spec(auth), signal);
    if (second.status === 401) throw new SourceError(`${name}: access refused by the registry`, 'permanent');
    return second;
  }

  async #token(params: Record<string, string>, scope: string, signal?: AbortSignal): Promise<string> {
    const realm = new URL(params.realm!);
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? scope);
    const got = await this.#http.json(
      { url: realm.toString(), headers: this.#basic ? { authorization: this.#basic } : {} },
      signal,
    );
    const t = Token.safeParse(got?.body);
    const token = t.success ? (t.data.token ?? t.data.access_token) : undefined;
    if (!token) throw new SourceError(`token service ${realm.host} gave no token`, 'permanent');
    // Docker Hub's tokens last 300 s; keep a margin so a token never expires mid-lookup.
    const ttl = Math.max(0, ((t.success ? t.data.expires_in : undefined) ?? 60) - 30);
    this.#tokens.set(scope, { token, until: Date.now() + ttl * 1000 });
    return token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
