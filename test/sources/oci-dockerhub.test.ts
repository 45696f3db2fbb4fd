import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EtagCache, RateGate } from '../../src/sources/http.js';
import { DOCKER_HUB, MANIFEST_ACCEPT, OciSource, parseImage } from '../../src/sources/oci.js';
import type { SourceError } from '../../src/sources/types.js';
import { applyPolicy, sameVariantExtract } from '../../src/sources/version.js';
import { type DockerHubFake, startDockerHubFake } from '../fakes/dockerhub-fake.js';

let fake: DockerHubFake;
let gate: RateGate;
const source = () => new OciSource({ baseUrl: fake.url, gate, cache: new EtagCache() });

beforeAll(async () => {
  fake = await startDockerHubFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  gate = new RateGate();
  fake.remaining = 100;
  fake.requests.length = 0;
});

describe('OCI source against a Docker Hub fake', () => {
  it('follows the Bearer challenge to the token realm with service and scope, then lists tags', async () => {
    const got = await source().getReleases({ repo: 'library/redis' });
    const token = fake.requests.find((r) => r.path.startsWith('/token'));
    expect(token?.path).toBe('/token?service=registry.docker.io&scope=repository%3Alibrary%2Fredis%3Apull');
    expect(applyPolicy(got!.releases).map((r) => r.version)).toEqual(['7.4.1', '7.4.0', '7.2.6', '6.2']);
  });

  it('pages with n/last through Link rel="next"', async () => {
    const s = new OciSource({ baseUrl: fake.url, gate, cache: new EtagCache() });
    // A page size of 1000 fits all; shrink the fake's answer by asking through a tiny repo of many tags.
    const many = new Map<string, string>();
    for (let i = 0; i < 1500; i++) many.set(`1.${i}.0`, `sha256:${String(i).padStart(64, '0')}`);
    fake.repos.set('team/many', many);
    const got = await s.getReleases({ repo: 'team/many' });
    expect(got?.releases).toHaveLength(1500);
    const lists = fake.requests.filter((r) => r.path.includes('tags/list') && r.headers.authorization);
    expect(lists.map((r) => r.path)).toEqual([
      '/v2/team/many/tags/list?n=1000',
      expect.stringMatching(/^\/v2\/team\/many\/tags\/list\?last=1\.\d+\.0&n=1000$/),
    ]);
  });

  it('reads the digest of a moving tag by HEAD with the manifest Accept list, and sees a rebuild', async () => {
    const s = source();
    const before = await s.getReleases({ repo: 'library/redis', digestTags: ['latest'] });
    const head = fake.requests.find((r) => r.method === 'HEAD');
    expect(head?.headers.accept).toBe(MANIFEST_ACCEPT);
    const rebuilt = fake.retag('library/redis', 'latest');
    const after = await s.getReleases({ repo: 'library/redis', digestTags: ['latest'] });
    const digest = (l: typeof before) => l?.releases.find((r) => r.tag === 'latest')?.digest;
    expect(digest(before)).toMatch(/^sha256:/);
    expect(digest(after)).toBe(rebuilt);
    expect(digest(after)).not.toBe(digest(before));
  });

  it('a variant tag is compared with tags of the same variant only', async () => {
    const got = await source().getReleases({ repo: 'library/redis' });
    const offered = applyPolicy(got!.releases, { extract: sameVariantExtract('7.4.0-alpine')! });
    expect(offered.map((r) => r.tag)).toEqual(['7.4.1-alpine', '7.4.0-alpine']);
  });

  it('429 with ratelimit-remaining 0 is rate-limited with a reset time, and not retried before it', async () => {
    fake.remaining = 0;
    const s = source();
    const t0 = Date.now();
    await expect(s.getReleases({ repo: 'library/redis' })).rejects.toMatchObject({ kind: 'rate-limited' });
    const err = (await s.getReleases({ repo: 'library/redis' }).catch((e: unknown) => e)) as SourceError;
    expect(err.resetAt!.getTime()).toBeGreaterThanOrEqual(t0 + 3_599_000);
    expect(fake.requests.filter((r) => r.path.startsWith('/v2/') && r.headers.authorization)).toHaveLength(1);
  });

  it('is null for an unknown repository', async () => {
    expect(await source().getReleases({ repo: 'library/nothing' })).toBeNull();
  });
});

describe('parseImage', () => {
  it.each([
    ['redis:7.4', { registry: DOCKER_HUB, name: 'library/redis', tag: '7.4' }],
    ['bitnami/redis', { registry: DOCKER_HUB, name: 'bitnami/redis' }],
    ['docker.io/library/redis:latest', { registry: DOCKER_HUB, name: 'library/redis', tag: 'latest' }],
    [
      'reg.example.org:5000/team/app:1.2',
      { registry: 'https://reg.example.org:5000', name: 'team/app', tag: '1.2' },
    ],
    ['localhost/app@sha256:ab', { registry: 'http://localhost', name: 'app', digest: 'sha256:ab' }],
    ['ghcr.io/owner/x:v1.0.0-debian', { registry: 'https://ghcr.io', name: 'owner/x', tag: 'v1.0.0-debian' }],
  ])('%s', (image, want) => {
    expect(parseImage(image)).toEqual(want);
  });
});
