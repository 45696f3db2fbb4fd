import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitlabIssues } from '../../src/checks/gitlab/issues/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { suggestionsOf } from '../../src/core/suggestions.js';
import { fakeIssue, type GitlabFake, startGitlabFake } from '../fakes/gitlab-fake.js';

// The registered kind over real HTTP to the GitLab API fake on 127.0.0.1.
let fake: GitlabFake;
const NOW = new Date('2026-03-02T08:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

beforeAll(async () => {
  fake = await startGitlabFake();
  process.env.RONDE_TEST_GITLAB_TOKEN = 'glpat-test-token';
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.issues.clear();
  fake.requests.length = 0;
  delete fake.issuesToken;
});

function run(options: Record<string, unknown> = {}): Promise<CheckOutcome> {
  const o = gitlabIssues.options.parse({ url: fake.url, projects: ['team/infra'], ...options });
  return Promise.resolve(
    gitlabIssues.evaluate({
      lang: 'en',
      options: o,
      target: { name: 'ronde', transport: 'local' },
      outputs: [],
      now: NOW,
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

describe('gitlab.issues against the GitLab API fake', () => {
  it('lists only open issues idle past stale_after, oldest first, as OK suggestions', async () => {
    fake.issues.set('team/infra', [
      fakeIssue('team/infra', 1, 'Renew the wildcard certificate', daysAgo(100), { labels: ['tls'] }),
      fakeIssue('team/infra', 2, 'Move the pads to the new VM', daysAgo(200), { assignees: ['alice'] }),
      fakeIssue('team/infra', 3, 'Touched last week', daysAgo(7)),
      fakeIssue('team/infra', 4, 'Closed long ago', daysAgo(300), { state: 'closed' }),
    ]);
    const r = await run();
    expect(r.status).toBe('OK');
    expect(r.summary).toBe('2 open issues idle for 90+ days in 1 project, oldest 200 days (team/infra#2)');
    expect(suggestionsOf(r.details)).toEqual([
      {
        text: 'team/infra#2 Move the pads to the new VM',
        url: 'https://gitlab.example.org/team/infra/-/issues/2',
        since: daysAgo(200).slice(0, 10),
        group: '(no label)',
      },
      {
        text: 'team/infra#1 Renew the wildcard certificate',
        url: 'https://gitlab.example.org/team/infra/-/issues/1',
        since: daysAgo(100).slice(0, 10),
        group: 'tls',
      },
    ]);
    // The server is asked for open issues untouched since the limit, oldest first.
    const q = new URL(fake.requests[0]!.path, fake.url).searchParams;
    expect(q.get('state')).toBe('opened');
    expect(q.get('updated_before')).toBe(daysAgo(90));
    expect([q.get('order_by'), q.get('sort')]).toEqual(['updated_at', 'asc']);
  });

  it('follows the pages (250 issues: 3 requests) and groups by assignee', async () => {
    fake.issues.set(
      'team/infra',
      Array.from({ length: 250 }, (_, n) =>
        fakeIssue('team/infra', n + 1, `Issue ${n + 1}`, daysAgo(91 + n), {
          assignees: n % 2 ? ['bob'] : [],
        }),
      ),
    );
    const r = await run({ group_by: 'assignee', max_listed: 3 });
    expect(fake.requests.filter((q) => q.path.includes('/issues'))).toHaveLength(3);
    expect(r.details).toMatchObject({
      count: 250,
      complete: true,
      groups: [
        { name: '(unassigned)', count: 125 },
        { name: '@bob', count: 125 },
      ],
    });
    expect(suggestionsOf(r.details).map((s) => s.text)).toEqual([
      'team/infra#250 Issue 250',
      'team/infra#249 Issue 249',
      'team/infra#248 Issue 248',
    ]);
  });

  it('WARN only past warn_count', async () => {
    fake.issues.set('team/infra', [fakeIssue('team/infra', 1, 'Old', daysAgo(120))]);
    expect((await run({ warn_count: 1 })).status).toBe('OK');
    const over = await run({ warn_count: 0 });
    expect(over.status).toBe('WARN');
    expect(over.reasons).toEqual(['1 forgotten issue, more than the 0 allowed (warn_count)']);
  });

  it('a private project: the token is sent; without it or with a wrong one, UNKNOWN, never OK', async () => {
    fake.issues.set('team/infra', [fakeIssue('team/infra', 1, 'Old', daysAgo(120))]);
    fake.issuesToken = 'glpat-test-token';
    const ok = await run({ token: '${env:RONDE_TEST_GITLAB_TOKEN}' });
    expect(ok.details?.count).toBe(1);
    const none = await run();
    expect(none.status).toBe('UNKNOWN');
    expect(none.summary).toContain('project team/infra not found (or not visible to the token)');
    process.env.RONDE_TEST_GITLAB_WRONG = 'nope';
    const wrong = await run({ token: '${env:RONDE_TEST_GITLAB_WRONG}' });
    expect(wrong.status).toBe('UNKNOWN');
    expect(wrong.summary).toContain('HTTP 401');
    expect(JSON.stringify(wrong)).not.toContain('nope');
  });

  it('groups: every project of the group and its subgroups, each issue once even when its project is named too', async () => {
    fake.issues.set('team/infra', [fakeIssue('team/infra', 1, 'Old infra', daysAgo(120))]);
    fake.issues.set('team/web/site', [
      fakeIssue('team/web/site', 7, 'Old site', daysAgo(150), { labels: ['web'] }),
      fakeIssue('team/web/site', 8, 'Fresh site', daysAgo(3)),
    ]);
    fake.issues.set('other/x', [fakeIssue('other/x', 2, 'Not in the group', daysAgo(400))]);
    const r = await run({ projects: ['team/infra'], groups: ['team'] });
    expect(r.status).toBe('OK');
    expect(r.details).toMatchObject({ count: 2, projects: { 'team/infra': 1, 'team/web/site': 1 } });
    expect(suggestionsOf(r.details).map((x) => x.text)).toEqual([
      'team/web/site#7 Old site',
      'team/infra#1 Old infra',
    ]);
    const asked = fake.requests.map((q) => new URL(q.path, fake.url).pathname);
    expect(asked).toEqual(['/api/v4/projects/team%2Finfra/issues', '/api/v4/groups/team/issues']);
    const q = new URL(fake.requests[1]!.path, fake.url).searchParams;
    expect([q.get('state'), q.get('updated_before')]).toEqual(['opened', daysAgo(90)]);
  });

  it('a group alone, none forgotten: OK; a missing group: UNKNOWN naming it', async () => {
    fake.issues.set('team/infra', [fakeIssue('team/infra', 1, 'Fresh', daysAgo(2))]);
    const ok = await run({ projects: [], groups: ['team'] });
    expect(ok).toMatchObject({ status: 'OK', details: { count: 0 } });
    const missing = await run({ projects: [], groups: ['nope'] });
    expect(missing.status).toBe('UNKNOWN');
    expect(missing.summary).toContain('group nope not found (or not visible to the token)');
  });

  it('refuses a configuration with neither projects nor groups', () => {
    expect(gitlabIssues.options.safeParse({ url: fake.url }).success).toBe(false);
  });
});
