import { describe, expect, it } from 'vitest';
import type { StaleIssue } from '../../../clients/gitlab/issues.js';
import { judgeIssues } from './judge.js';

const now = new Date('2026-03-02T00:00:00Z');
const issue = (iid: number, updatedAt: string, more: Partial<StaleIssue> = {}): StaleIssue => ({
  project: 'team/infra',
  iid,
  title: `Issue ${iid}`,
  url: `https://gitlab.example.org/team/infra/-/issues/${iid}`,
  updatedAt,
  labels: [],
  assignees: [],
  ...more,
});
const policy = { staleDays: 90, groupBy: 'label' as const, maxListed: 10 };

describe('judgeIssues', () => {
  it('no forgotten issue is OK and says where it looked', () => {
    const r = judgeIssues('en', [{ project: 'team/infra', issues: [], complete: true }], policy, now);
    expect(r).toMatchObject({ status: 'OK', summary: 'no open issue idle for 90 days in 1 project' });
    expect(r.details?.suggestions).toEqual([]);
  });

  it('an issue with two labels counts in both groups; the oldest leads the summary', () => {
    const r = judgeIssues(
      'en',
      [
        {
          project: 'team/infra',
          issues: [
            issue(1, '2025-11-01T00:00:00Z', { labels: ['tls', 'docs'] }),
            issue(2, '2025-10-01T00:00:00Z'),
          ],
          complete: true,
        },
      ],
      policy,
      now,
    );
    expect(r.summary).toBe('2 open issues idle for 90+ days in 1 project, oldest 152 days (team/infra#2)');
    expect(r.details?.groups).toEqual([
      { name: '(no label)', count: 1 },
      { name: 'docs', count: 1 },
      { name: 'tls', count: 1 },
    ]);
  });

  it('an incomplete listing says its count is a floor', () => {
    const r = judgeIssues(
      'en',
      [{ project: 'a/b', issues: [issue(1, '2025-01-01T00:00:00Z')], complete: false }],
      { ...policy, warnCount: 0 },
      now,
    );
    expect(r.summary).toMatch(/^1\+ open issue idle/);
    expect(r.status).toBe('WARN');
  });
});

describe('judgeIssues in French', () => {
  it('says the count and the oldest in the team language', () => {
    const r = judgeIssues(
      'fr',
      [{ project: 'team/infra', issues: [issue(2, '2025-10-01T00:00:00Z')], complete: true }],
      { ...policy, warnCount: 0 },
      now,
    );
    expect(r.summary).toBe(
      '1 issue ouverte sans activité depuis 90 jours ou plus dans 1 projet, la plus ancienne depuis 152 jours (team/infra#2)',
    );
    expect(r.reasons).toEqual(['1 issue oubliée, plus que les 0 admises (warn_count)']);
    expect(r.details?.groups).toEqual([{ name: '(sans label)', count: 1 }]);
  });
});
