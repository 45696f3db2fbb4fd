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
    const r = judgeIssues([{ project: 'team/infra', issues: [], complete: true }], policy, now);
    expect(r).toMatchObject({ status: 'OK', summary: 'no open issue idle for 90 days in 1 project' });
    expect(r.details?.suggestions).toEqual([]);
  });

  it('an issue with two labels counts in both groups; the oldest leads the summary', () => {
    const r = judgeIssues(
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
      [{ project: 'a/b', issues: [issue(1, '2025-01-01T00:00:00Z')], complete: false }],
      { ...policy, warnCount: 0 },
      now,
    );
    expect(r.summary).toMatch(/^1\+ open issue idle/);
    expect(r.status).toBe('WARN');
  });
});
