import type { StaleIssue } from '../../../clients/gitlab/issues.js';
import type { CheckOutcome } from '../../../core/check.js';
import type { Suggestion } from '../../../core/suggestions.js';

/*
 * Forgotten issues are suggestions, not alarms (seed R13): OK with the count,
 * WARN only past a count the team chose. The list travels in `details`, and
 * `details.suggestions` is what the weekly digest and the dashboard show.
 */

export interface IssuesPolicy {
  staleDays: number;
  groupBy: 'label' | 'assignee';
  /** WARN when more stale issues than this; undefined: never. */
  warnCount?: number;
  /** Issues listed as suggestions (the oldest first); the count covers them all. */
  maxListed: number;
}

export interface ProjectIssues {
  project: string;
  issues: StaleIssue[];
  complete: boolean;
}

const DAY_MS = 86_400_000;
const NONE = { label: '(no label)', assignee: '(unassigned)' } as const;

/** The group names of an issue: each of its labels (or assignees), or the "none" group. */
function groupsOf(i: StaleIssue, by: IssuesPolicy['groupBy']): string[] {
  const names = by === 'label' ? i.labels : i.assignees.map((a) => `@${a}`);
  return names.length > 0 ? names : [NONE[by]];
}

export function judgeIssues(projects: readonly ProjectIssues[], p: IssuesPolicy, now: Date): CheckOutcome {
  const all = projects
    .flatMap((x) => x.issues)
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.iid - b.iid);
  const complete = projects.every((x) => x.complete);
  const groups = new Map<string, number>();
  for (const i of all) for (const g of groupsOf(i, p.groupBy)) groups.set(g, (groups.get(g) ?? 0) + 1);
  const idle = (i: StaleIssue) => Math.floor((now.getTime() - Date.parse(i.updatedAt)) / DAY_MS);
  const count = `${all.length}${complete ? '' : '+'}`;
  const where = `${projects.length} project${projects.length === 1 ? '' : 's'}`;
  const summary =
    all.length === 0
      ? `no open issue idle for ${p.staleDays} days in ${where}`
      : `${count} open issue${all.length === 1 ? '' : 's'} idle for ${p.staleDays}+ days in ${where}${
          all[0] ? `, oldest ${idle(all[0])} days (${all[0].project}#${all[0].iid})` : ''
        }`;
  const suggestions: Suggestion[] = all.slice(0, p.maxListed).map((i) => ({
    text: `${i.project}#${i.iid} ${i.title}`,
    url: i.url,
    since: i.updatedAt.slice(0, 10),
    group: groupsOf(i, p.groupBy).join(', '),
  }));
  const over = p.warnCount !== undefined && all.length > p.warnCount;
  return {
    status: over ? 'WARN' : 'OK',
    summary,
    ...(over
      ? {
          reasons: [
            `${count} forgotten issue${all.length === 1 ? '' : 's'}, more than the ${p.warnCount} allowed (warn_count)`,
          ],
        }
      : {}),
    details: {
      stale_days: p.staleDays,
      count: all.length,
      complete,
      group_by: p.groupBy,
      projects: Object.fromEntries(projects.map((x) => [x.project, x.issues.length])),
      groups: [...groups]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, count: n })),
      issues: all.map((i) => ({
        project: i.project,
        iid: i.iid,
        title: i.title,
        url: i.url,
        updated_at: i.updatedAt,
        idle_days: idle(i),
        labels: i.labels,
        assignees: i.assignees,
      })),
      suggestions,
    },
  };
}
