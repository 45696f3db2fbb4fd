import type { StaleIssue } from '../../../clients/gitlab/issues.js';
import type { CheckOutcome } from '../../../core/check.js';
import type { Suggestion } from '../../../core/suggestions.js';
import { type Lang, t } from '../../../i18n/index.js';

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
/** The group names of an issue: each of its labels (or assignees), or the "none" group. */
function groupsOf(lang: Lang, i: StaleIssue, by: IssuesPolicy['groupBy']): string[] {
  const names = by === 'label' ? i.labels : i.assignees.map((a) => `@${a}`);
  return names.length > 0
    ? names
    : [t(lang, by === 'label' ? 'gitlab.issues.noLabel' : 'gitlab.issues.unassigned')];
}

export function judgeIssues(
  lang: Lang,
  projects: readonly ProjectIssues[],
  p: IssuesPolicy,
  now: Date,
): CheckOutcome {
  const all = projects
    .flatMap((x) => x.issues)
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.iid - b.iid);
  const complete = projects.every((x) => x.complete);
  const groups = new Map<string, number>();
  for (const i of all) for (const g of groupsOf(lang, i, p.groupBy)) groups.set(g, (groups.get(g) ?? 0) + 1);
  const idle = (i: StaleIssue) => Math.floor((now.getTime() - Date.parse(i.updatedAt)) / DAY_MS);
  const oldest = all[0];
  const summary = oldest
    ? t(lang, 'gitlab.issues.summary', {
        n: all.length,
        floor: !complete,
        days: p.staleDays,
        projects: projects.length,
        oldest: idle(oldest),
        ref: `${oldest.project}#${oldest.iid}`,
      })
    : t(lang, 'gitlab.issues.none', { days: p.staleDays, projects: projects.length });
  const suggestions: Suggestion[] = all.slice(0, p.maxListed).map((i) => ({
    text: `${i.project}#${i.iid} ${i.title}`,
    url: i.url,
    since: i.updatedAt.slice(0, 10),
    group: groupsOf(lang, i, p.groupBy).join(', '),
  }));
  const over = p.warnCount !== undefined && all.length > p.warnCount;
  return {
    status: over ? 'WARN' : 'OK',
    summary,
    ...(over
      ? {
          reasons: [t(lang, 'gitlab.issues.tooMany', { n: all.length, floor: !complete, max: p.warnCount! })],
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
