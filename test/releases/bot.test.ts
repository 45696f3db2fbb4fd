import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkReleases } from '../../src/releases/bot.js';
import { Releases, type ReleaseWatch } from '../../src/releases/schema.js';
import { GithubSource } from '../../src/sources/github.js';
import { GitlabSource } from '../../src/sources/gitlab.js';
import { EtagCache, RateGate } from '../../src/sources/http.js';
import { openStore } from '../../src/store/db.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import type { Store } from '../../src/store/types.js';
import { type GithubFake, loadFixture, startGithubFake } from '../fakes/github-fake.js';
import { type GitlabFake, startGitlabFake } from '../fakes/gitlab-fake.js';
import { outboxRows } from '../notify/outbox-helpers.js';
import { type Backend, postgresBackend, result, sqliteBackend } from '../store/helpers.js';

let github: GithubFake;
let gitlab: GitlabFake;
const notifiers = [
  { name: 'chat', type: 'mattermost' as const, url: 'http://127.0.0.1:9/hooks/x', timeout: 10 },
  { name: 'ops', type: 'mattermost' as const, url: 'http://127.0.0.1:9/hooks/y', timeout: 10 },
];
const watches = (extra: Partial<ReleaseWatch> = {}) =>
  Releases.parse([
    { name: 'redis', source: 'github', repo: 'redis/redis', images: ['redis'], ...extra },
    { name: 'app', source: 'gitlab', repo: 'group/app' },
  ]);
// A new process each time: a fresh rate gate and ETag cache, as after a restart.
const sourceFor = (w: ReleaseWatch) => {
  const o = { gate: new RateGate(), cache: new EtagCache() };
  return w.source === 'github'
    ? new GithubSource({ ...o, baseUrl: github.url })
    : new GitlabSource({ ...o, baseUrl: gitlab.url });
};
const t0 = Date.parse('2026-11-25T08:00:00Z');
const at = (h: number) => new Date(t0 + h * 3_600_000);

beforeAll(async () => {
  [github, gitlab] = await Promise.all([startGithubFake(), startGitlabFake()]);
});
afterAll(() => Promise.all([github.close(), gitlab.close()]));
beforeEach(() => {
  github.releases.set('redis/redis', loadFixture('github-releases-redis.json'));
  github.remaining = 60;
  github.reset = Math.floor(t0 / 1000) + 5 * 3600;
  github.requests.length = 0;
});

describe.each<Backend>([sqliteBackend(), postgresBackend()])('release bot on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  let loc: DatabaseLocation;
  let store: Store;
  const tick = (h: number, config = { releases: watches(), notifiers, routes: [] }) =>
    checkReleases(store, config, at(h), { sourceFor });
  const restart = async () => {
    await store.close();
    store = await openStore(loc);
  };
  beforeEach(async () => {
    loc = await backend.fresh('releases');
    store = await openStore(loc);
  });

  it('first run records what exists silently: one summary message, then nothing while unchanged', async () => {
    const reports = await tick(0);
    expect(reports.map((r) => r.outcome)).toEqual(['first-look', 'first-look']);
    await tick(1);
    await tick(2);
    const rows = await outboxRows(store);
    expect(rows.map((r) => `${r.notifier} ${r.message.title}`)).toEqual([
      'chat Watching 2 upstream releases',
      'ops Watching 2 upstream releases',
    ]);
    expect(rows[0]!.message.text).toContain('**redis**: latest 7.4.1');
    expect(rows[0]!.message.text).toContain('**app**: latest 2.3.1');
    await store.close();
  });

  it('a new release is posted once, with its notes and the hosts running an older one; a restart does not re-post it', async () => {
    await store.saveRound(
      { startedAt: at(0), finishedAt: at(0), trigger: 'daemon', interrupted: false },
      ['web1', 'web2'].map((host, i) =>
        result('docker.updates', host, 'OK', at(0), {
          kind: 'docker.updates',
          details: { images: [{ image: 'redis:7.4.1-alpine', running: i === 0 ? '7.2.6' : '7.4.2' }] },
        }),
      ),
    );
    await tick(0);
    github.publish('redis/redis', '7.4.2');
    github.publish('redis/redis', '8.2.0-rc1', { prerelease: true });
    github.publish('redis/redis', '9.0.0', { draft: true });
    const reports = await tick(1);
    expect(reports[0]).toMatchObject({ outcome: 'new', versions: ['7.4.2'] });
    await tick(2);
    await restart();
    await tick(3);
    const posts = (await outboxRows(store)).filter((r) => r.notifier === 'chat').map((r) => r.message);
    expect(posts.map((m) => m.title)).toEqual(['Watching 2 upstream releases', 'redis 7.4.2 released']);
    expect(posts[1]!.text).toBe(
      '**redis** 7.4.2 — [release notes](https://github.com/redis/redis/releases/tag/7.4.2)\nRunning an older version: web1 (7.2.6).',
    );
    await store.close();
  });

  it('a burst of new versions is one message; notify sends to the named notifiers only', async () => {
    await tick(0);
    for (const v of ['7.4.2', '7.4.3', '7.4.4', '7.4.5']) github.publish('redis/redis', v);
    await tick(1, { releases: watches({ notify: ['ops'] }), notifiers, routes: [] });
    const rows = (await outboxRows(store)).slice(2);
    expect(rows.map((r) => `${r.notifier} ${r.message.title}`)).toEqual([
      'ops redis: 4 new releases, newest 7.4.5',
    ]);
    await store.close();
  });

  it('rate-limited: recorded with its reset, not asked again before it (even after a restart), nothing posted', async () => {
    await tick(0);
    github.remaining = 0;
    const [limited] = await tick(1);
    expect(limited).toMatchObject({
      outcome: 'rate-limited',
      resetAt: new Date(github.reset * 1000).toISOString(),
    });
    github.remaining = 60;
    github.publish('redis/redis', '7.4.2');
    await restart();
    const before = github.requests.length;
    expect((await tick(2))[0]?.outcome).toBe('rate-limited');
    expect(github.requests.length).toBe(before);
    // After the reset it asks again and posts the release, once.
    expect((await tick(6))[0]).toMatchObject({ outcome: 'new', versions: ['7.4.2'] });
    expect((await outboxRows(store)).filter((r) => r.notifier === 'chat')).toHaveLength(2);
    await store.close();
  });

  it('a watch added later gets its own silent first look and one summary; the others are untouched', async () => {
    await tick(0, { releases: watches().slice(0, 1), notifiers, routes: [] });
    await tick(1);
    const titles = (await outboxRows(store)).filter((r) => r.notifier === 'chat').map((r) => r.message.title);
    expect(titles).toEqual(['Watching 1 upstream release', 'Watching 1 upstream release']);
    await store.close();
  });
});
