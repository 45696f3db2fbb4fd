import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GithubSource } from '../../src/sources/github.js';
import { EtagCache, RateGate } from '../../src/sources/http.js';
import { SourceError } from '../../src/sources/types.js';
import { applyPolicy } from '../../src/sources/version.js';
import { type GithubFake, loadFixture, startGithubFake } from '../fakes/github-fake.js';

let fake: GithubFake;
let gate: RateGate;
let cache: EtagCache;
const source = () => new GithubSource({ baseUrl: fake.url, gate, cache });

beforeAll(async () => {
  fake = await startGithubFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  gate = new RateGate();
  cache = new EtagCache();
  fake.remaining = 60;
  fake.requests.length = 0;
  fake.releases.set('redis/redis', loadFixture('github-releases-redis.json'));
});

describe('GitHub releases', () => {
  it('offers published releases, never drafts; pre-releases only when the policy asks', async () => {
    const got = await source().getReleases({ repo: 'redis/redis' });
    expect(got?.releases.map((r) => r.tag)).not.toContain('8.0.0');
    expect(applyPolicy(got!.releases)[0]).toMatchObject({
      version: '7.4.1',
      url: 'https://github.com/redis/redis/releases/tag/7.4.1',
      publishedAt: '2026-10-02T10:00:00Z',
    });
    expect(applyPolicy(got!.releases, { prerelease: true })[0]?.version).toBe('8.0-rc1');
    expect(fake.requests[0]?.headers.accept).toBe('application/vnd.github+json');
  });

  it('follows Link rel="next" through every page', async () => {
    for (let i = 0; i < 120; i++) fake.publish('redis/redis', `7.5.${i}`);
    const got = await source().getReleases({ repo: 'redis/redis' });
    expect(got?.releases).toHaveLength(125); // 126 minus the draft
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/repos/redis/redis/releases?per_page=100',
      '/repos/redis/redis/releases?per_page=100&page=2',
    ]);
  });

  it('reads tags for projects that only tag', async () => {
    const got = await source().getReleases({ repo: 'redis/redis', useTags: true });
    expect(applyPolicy(got!.releases).map((r) => r.version)).toEqual(['7.4.1', '7.4.0', '7.2.6']);
  });

  it('asks again with If-None-Match and gets the same list from a 304 that costs no quota', async () => {
    const s = source();
    const first = await s.getReleases({ repo: 'redis/redis' });
    const left = fake.remaining;
    const second = await s.getReleases({ repo: 'redis/redis' });
    expect(fake.requests[1]?.headers['if-none-match']).toBe(first?.etag);
    expect(second?.releases).toEqual(first?.releases);
    expect(fake.remaining).toBe(left);
    fake.publish('redis/redis', '7.4.2');
    expect(applyPolicy((await s.getReleases({ repo: 'redis/redis' }))!.releases)[0]?.version).toBe('7.4.2');
  });

  it('is null for a repository that does not exist', async () => {
    expect(await source().getReleases({ repo: 'nobody/nothing' })).toBeNull();
  });

  it('rate limit: a 403 at X-RateLimit-Remaining 0 is rate-limited until X-RateLimit-Reset, and not asked again before', async () => {
    fake.remaining = 0;
    const s = source();
    const err = await s.getReleases({ repo: 'redis/redis' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).kind).toBe('rate-limited');
    expect((err as SourceError).resetAt?.getTime()).toBe(fake.reset * 1000);
    fake.remaining = 60; // even if the server would answer now, we wait for the reset it gave
    await expect(s.getReleases({ repo: 'redis/redis' })).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(fake.requests).toHaveLength(1);
  });

  it('the last request of the quota succeeds, and the next one waits for the reset without asking', async () => {
    fake.remaining = 1;
    const s = source();
    expect(await s.getReleases({ repo: 'redis/redis' })).not.toBeNull();
    await expect(s.getReleases({ repo: 'redis/redis', useTags: true })).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('a server error is transient; a repo that is not OWNER/NAME is permanent', async () => {
    const down = new GithubSource({ baseUrl: 'http://127.0.0.1:9', gate, cache, timeoutMs: 2000 });
    await expect(down.getReleases({ repo: 'redis/redis' })).rejects.toMatchObject({ kind: 'transient' });
    await expect(source().getReleases({ repo: 'redis' })).rejects.toMatchObject({ kind: 'permanent' });
  });
});
