import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitlabSource } from '../../src/sources/gitlab.js';
import { EtagCache, RateGate } from '../../src/sources/http.js';
import { applyPolicy } from '../../src/sources/version.js';
import { type GitlabFake, startGitlabFake } from '../fakes/gitlab-fake.js';

let fake: GitlabFake;
let gate: RateGate;
const source = () => new GitlabSource({ baseUrl: fake.url, gate, cache: new EtagCache() });

beforeAll(async () => {
  fake = await startGitlabFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  gate = new RateGate();
  delete fake.limitedUntil;
  fake.requests.length = 0;
});

describe('GitLab releases', () => {
  it('reads /api/v4/projects/<encoded path>/releases; an upcoming release is not offered', async () => {
    const got = await source().getReleases({ repo: 'group/app' });
    expect(fake.requests[0]?.path).toBe('/api/v4/projects/group%2Fapp/releases?per_page=100');
    expect(applyPolicy(got!.releases)[0]).toMatchObject({
      version: '2.3.1',
      tag: 'v2.3.1',
      url: 'https://gitlab.example.org/group/app/-/releases/v2.3.1',
    });
    expect(got!.releases.find((r) => r.tag === 'v3.0.0')?.prerelease).toBe(true);
  });

  it('follows x-next-page', async () => {
    for (let i = 0; i < 150; i++) fake.publish('group/app', `v2.4.${i}`);
    const got = await source().getReleases({ repo: 'group/app' });
    expect(got?.releases).toHaveLength(155);
    expect(fake.requests.map((r) => r.path.split('?')[1])).toEqual(['per_page=100', 'per_page=100&page=2']);
  });

  it('reads tags', async () => {
    const got = await source().getReleases({ repo: 'group/app', useTags: true });
    expect(applyPolicy(got!.releases).map((r) => r.tag)).toEqual(['v2.3.1', 'v2.3.0']);
  });

  it('is null for an unknown project', async () => {
    expect(await source().getReleases({ repo: 'group/none' })).toBeNull();
  });

  it('429 is rate-limited until RateLimit-Reset, and the source does not ask again before', async () => {
    const until = Math.floor(Date.now() / 1000) + 600;
    fake.limitedUntil = until;
    const s = source();
    await expect(s.getReleases({ repo: 'group/app' })).rejects.toMatchObject({
      kind: 'rate-limited',
      resetAt: new Date(until * 1000),
    });
    await expect(s.getReleases({ repo: 'group/app' })).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(fake.requests).toHaveLength(1);
  });
});
