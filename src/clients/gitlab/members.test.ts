import { describe, expect, it } from 'vitest';
import { RateGate } from '../../sources/http.js';
import { SourceError } from '../../sources/types.js';
import { GitlabMembersClient, GlMember, membershipOf, nextPage } from './members.js';

// Members as GitLab's API documents them (docs.gitlab.com/api/members/): the fields ronde reads.
const member = (over: Record<string, unknown> = {}) =>
  GlMember.parse({
    id: 7,
    username: 'alice',
    name: 'Alice Admin',
    state: 'active',
    access_level: 40,
    expires_at: null,
    last_activity_on: '2026-11-30',
    membership_state: 'active',
    web_url: 'https://gitlab.example.test/alice',
    ...over,
  });

describe('membershipOf', () => {
  it('names the level, keeps the user’s state, the expiry date and the last activity', () => {
    expect(membershipOf('group:team', member())).toEqual({
      scope: 'group:team',
      username: 'alice',
      name: 'Alice Admin',
      state: 'active',
      level: 'Maintainer',
      lastActivityOn: '2026-11-30',
    });
    const m = membershipOf(
      'project:team/infra',
      member({ access_level: 10, expires_at: '2026-12-31', state: 'blocked' }),
    );
    expect(m).toMatchObject({ level: 'Guest', expiresAt: '2026-12-31', state: 'blocked' });
  });

  it('reads an expiry given with a time as its date, and an unknown level by number', () => {
    expect(membershipOf('group:g', member({ expires_at: '2026-12-31T00:00:00.000Z' })).expiresAt).toBe(
      '2026-12-31',
    );
    expect(membershipOf('group:g', member({ access_level: 60 })).level).toBe('level 60');
    const bare = membershipOf('group:g', GlMember.parse({ id: 1, username: 'bot', access_level: 30 }));
    expect(bare).toEqual({ scope: 'group:g', username: 'bot', level: 'Developer' });
  });
});

describe('nextPage', () => {
  const base = 'https://gitlab.example.test/api/v4/groups/team/members/all?per_page=100';
  it('follows x-next-page, ends on an empty one, else follows Link rel="next"', () => {
    expect(nextPage(base, '3', null, `${base}&page=2`)).toBe(`${base}&page=3`);
    expect(nextPage(base, '', null, `${base}&page=4`)).toBeUndefined();
    const link =
      '<https://gitlab.example.test/api/v4/groups/team/members/all?id_after=42&per_page=100>; rel="next", <https://gitlab.example.test/x>; rel="first"';
    expect(nextPage(base, null, link, `${base}&page=1`)).toBe(
      'https://gitlab.example.test/api/v4/groups/team/members/all?id_after=42&per_page=100',
    );
    expect(nextPage(base, null, '<https://gitlab.example.test/x>; rel="prev"', base)).toBeUndefined();
  });
});

describe('GitlabMembersClient.members', () => {
  type Page = { status?: number; body: unknown; headers?: Record<string, string> };
  /** A fetch that answers the pages in turn and records what was asked. */
  const fetchOf = (pages: Page[]) => {
    const asked: { url: string; token: string | null }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      asked.push({ url, token: new Headers(init.headers).get('private-token') });
      const p = pages.shift();
      if (!p) throw new Error(`unexpected request ${url}`);
      return new Response(JSON.stringify(p.body), {
        status: p.status ?? 200,
        headers: { 'content-type': 'application/json', ...p.headers },
      });
    };
    return { fetch, asked };
  };
  const client = (fetch: ReturnType<typeof fetchOf>['fetch'], maxPages?: number) =>
    new GitlabMembersClient({
      baseUrl: 'https://gitlab.example.test/',
      token: 'glpat-test',
      fetch,
      gate: new RateGate(),
      ...(maxPages ? { maxPages } : {}),
    });

  it('reads every page of a group, its path encoded, the token sent', async () => {
    const f = fetchOf([
      { body: [{ id: 1, username: 'alice', access_level: 50 }], headers: { 'x-next-page': '2' } },
      { body: [{ id: 2, username: 'bob', access_level: 30 }], headers: { 'x-next-page': '' } },
    ]);
    const got = await client(f.fetch).members('group', '/team/infra/');
    expect(got.map((m) => `${m.username} ${m.level} ${m.scope}`)).toEqual([
      'alice Owner group:team/infra',
      'bob Developer group:team/infra',
    ]);
    expect(f.asked).toEqual([
      {
        url: 'https://gitlab.example.test/api/v4/groups/team%2Finfra/members/all?per_page=100&page=1',
        token: 'glpat-test',
      },
      {
        url: 'https://gitlab.example.test/api/v4/groups/team%2Finfra/members/all?per_page=100&page=2',
        token: 'glpat-test',
      },
    ]);
  });

  it('follows Link when x-next-page is left out', async () => {
    const next = 'https://gitlab.example.test/api/v4/projects/42/members/all?per_page=100&id_after=1';
    const f = fetchOf([
      { body: [{ id: 1, username: 'alice', access_level: 20 }], headers: { link: `<${next}>; rel="next"` } },
      { body: [{ id: 2, username: 'bob', access_level: 20 }] },
    ]);
    expect((await client(f.fetch).members('project', '42')).map((m) => m.username)).toEqual(['alice', 'bob']);
    expect(f.asked[1]?.url).toBe(next);
  });

  it('stops at maxPages, and says a missing group or an unexpected answer', async () => {
    const endless = { body: [], headers: { 'x-next-page': '2' } };
    await expect(
      client(fetchOf([endless, endless, endless]).fetch, 2).members('group', 'team'),
    ).rejects.toThrow(new SourceError('group team: more than 2 pages of members', 'permanent'));
    await expect(
      client(fetchOf([{ status: 404, body: { message: '404 Group Not Found' } }]).fetch).members(
        'group',
        'nope',
      ),
    ).rejects.toThrow('group nope not found (or not visible to the token)');
    await expect(
      client(fetchOf([{ body: { message: 'not a list' } }]).fetch).members('group', 'team'),
    ).rejects.toThrow('members of group team: unexpected answer');
  });
});
