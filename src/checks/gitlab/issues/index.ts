import { z } from 'zod';
import { GitlabIssuesClient, type StaleIssue } from '../../../clients/gitlab/issues.js';
import { durationSchema } from '../../../config/duration.js';
import { resolveSecrets, SecretError } from '../../../config/secrets.js';
import { type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { secretString } from '../../../core/secret-ref.js';
import { sentence } from '../../../core/sentence.js';
import { type Lang, t } from '../../../i18n/index.js';
import type { FetchFn } from '../../../sources/http.js';
import { SourceError } from '../../../sources/types.js';
import { judgeIssues, type ProjectIssues } from './judge.js';

const DAY = 86_400;

const Options = z
  .object({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'the GitLab URL, e.g. https://gitlab.example.org')
      .default('https://gitlab.com')
      .describe('The GitLab instance, `https://gitlab.example.org`.'),
    token: secretString
      .optional()
      .describe(
        'An access token with `read_api`, as a reference (`${env:GITLAB_TOKEN}`); needed for private projects.',
      ),
    projects: z
      .array(z.string().regex(/^[^\s/][^\s]*$/, 'a project path such as team/infra'))
      .default([])
      .describe('Projects whose issues are read, by path: `team/infra`.'),
    groups: z
      .array(z.string().regex(/^[^\s/][^\s]*$/, 'a group path such as team'))
      .default([])
      .describe('Groups whose projects’ issues are read (subgroups included), by path: `team`.'),
    stale_after: durationSchema
      .prefault('90d')
      .refine((s) => s >= DAY, sentence('config.option.atLeastADay'))
      .describe('An open issue without any activity (comment, label, edit) for this long is forgotten.'),
    group_by: z
      .enum(['label', 'assignee'])
      .default('label')
      .describe('How the suggestions are grouped: by `label` or by `assignee`.'),
    warn_count: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        'WARN when more forgotten issues than this; absent: always OK (they are suggestions, not alerts).',
      ),
    max_listed: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Forgotten issues listed as suggestions (oldest first); the count covers them all.'),
    request_timeout: durationSchema.prefault('15s').describe('Time limit of each API request.'),
  })
  .strict()
  .refine((o) => o.projects.length + o.groups.length > 0, {
    ...sentence('config.option.gitlabWhat'),
    path: ['projects'],
  });
export type GitlabIssuesOptions = z.output<typeof Options>;

/** Reads each project's forgotten issues; any project that cannot be read makes it UNKNOWN. */
export async function evaluateIssues(
  lang: Lang,
  o: GitlabIssuesOptions,
  now: Date,
  signal: AbortSignal,
  fetch?: FetchFn,
): Promise<CheckOutcome> {
  let token: string | undefined;
  try {
    token = o.token ? resolveSecrets(o.token).reveal() : undefined;
  } catch (err) {
    if (err instanceof SecretError)
      return unknown(t(lang, 'gitlab.issues.token', { why: sayError(lang, err) }));
    throw err;
  }
  const client = new GitlabIssuesClient({
    baseUrl: o.url,
    ...(token ? { token } : {}),
    ...(fetch ? { fetch } : {}),
    timeoutMs: o.request_timeout * 1000,
  });
  const before = new Date(now.getTime() - o.stale_after * 1000);
  const read: ProjectIssues[] = [];
  const failed: string[] = [];
  // A project named and also in a named group: its issues counted once.
  const seen = new Set<string>();
  const sources = [
    ...o.projects.map((p) => () => client.staleIssues(p, before, signal)),
    ...o.groups.map((g) => () => client.staleGroupIssues(g, before, signal)),
  ];
  for (const [i, ask] of sources.entries()) {
    try {
      const got = await ask();
      const fresh = got.issues.filter((x) => !seen.has(`${x.project}#${x.iid}`));
      for (const x of fresh) seen.add(`${x.project}#${x.iid}`);
      if (i < o.projects.length)
        read.push({ project: o.projects[i]!, issues: fresh, complete: got.complete });
      else {
        const parts = byProject(fresh, got.complete);
        // Nothing forgotten in the group: still one source read.
        read.push(
          ...(parts.length > 0
            ? parts
            : [{ project: o.groups[i - o.projects.length]!, issues: [], complete: got.complete }]),
        );
      }
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      failed.push(t(lang, 'gitlab.issues.unreadable', { url: client.baseUrl, why: sayError(lang, err) }));
    }
  }
  const outcome = judgeIssues(
    lang,
    read,
    {
      staleDays: Math.round(o.stale_after / DAY),
      groupBy: o.group_by,
      maxListed: o.max_listed,
      ...(o.warn_count !== undefined ? { warnCount: o.warn_count } : {}),
    },
    now,
  );
  // A project not read could hide forgotten issues: never OK.
  return failed.length > 0 ? unknown(failed.join('; '), { details: outcome.details ?? {} }) : outcome;
}

/** A group's issues as the projects they belong to. */
function byProject(issues: StaleIssue[], complete: boolean): ProjectIssues[] {
  const out = new Map<string, StaleIssue[]>();
  for (const i of issues) out.set(i.project, [...(out.get(i.project) ?? []), i]);
  return [...out].map(([project, list]) => ({ project, issues: list, complete }));
}

/** The kind over a given fetch (tests); the registered one uses the global fetch. */
export function makeGitlabIssues(fetch?: FetchFn): CheckKind<GitlabIssuesOptions> {
  return defineCheck({
    id: 'gitlab.issues',
    title: 'GitLab issues forgotten for too long, as suggestions',
    options: Options,
    zeroConfig: false,
    required: ['projects|groups'],
    timeoutSec: 120,
    // Issues move slowly and the digest is weekly: a few reads a day are plenty.
    intervalSec: 6 * 3600,
    // Talks to the GitLab API from ronde's machine: nothing runs on the target.
    commands: () => [],
    evaluate: (ctx) => evaluateIssues(ctx.lang, ctx.options, ctx.now, ctx.signal, fetch),
  });
}

export const gitlabIssues = makeGitlabIssues();
