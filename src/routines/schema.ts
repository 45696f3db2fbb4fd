import { Cron } from 'croner';
import { z } from 'zod';
import { type Lang, t } from '../i18n/index.js';

/** `every:` units. Calendar units (not seconds): `1mo` from Jan 31 is the end of February. */
export type EveryUnit = 'd' | 'w' | 'mo' | 'y';
export interface Every {
  n: number;
  unit: EveryUnit;
}

const EVERY_RE = /^(?<n>[1-9]\d{0,3})(?<unit>d|w|mo|y)$/;
const WINDOW_RE = /^(?<n>\d{1,4})(?<unit>h|d|w)$/;

export function parseEvery(text: string): Every {
  const m = EVERY_RE.exec(text.trim());
  if (!m?.groups) throw new Error(`invalid cadence "${text}": expected e.g. 3d, 1w, 1mo, 3mo, 1y`);
  return { n: Number(m.groups.n), unit: m.groups.unit as EveryUnit };
}

/** `due_soon:` window (`12h`, `3d`, `1w`) in milliseconds. */
export function parseWindow(text: string): number {
  const m = WINDOW_RE.exec(text.trim());
  if (!m?.groups) throw new Error(`invalid due_soon "${text}": expected e.g. 12h, 3d, 1w`);
  const hours = { h: 1, d: 24, w: 168 }[m.groups.unit as 'h' | 'd' | 'w'];
  return Number(m.groups.n) * hours * 3_600_000;
}

/** Why a cron pattern is unusable, or undefined when it is fine. */
export function cronProblem(pattern: string): string | undefined {
  return cronIssue(pattern)?.message;
}

/** cronProblem with its catalogue key (src/i18n/config.ts), for the configuration's language. */
function cronIssue(pattern: string): { message: string; params: Record<string, string> } | undefined {
  try {
    // A pattern that never fires (`0 0 30 2 *`) would leave a routine silently never due.
    if (new Cron(pattern, { paused: true }).nextRun() === null)
      return { message: 'this cron pattern never fires', params: { key: 'config.routine.cronNever' } };
    return undefined;
  } catch (err) {
    const error = (err as Error).message;
    return {
      message: `invalid cron pattern: ${error}`,
      params: { key: 'config.routine.cronInvalid', error },
    };
  }
}

const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'expected a slug: lower-case letters, digits and dashes, e.g. vm-updates',
  );

/**
 * `apt.pending`, `apt.pending@tag:web`, `disk-root@web1`: a check kind or a named
 * instance, optionally narrowed to a host or `tag:NAME` (the hosts selectors of `checks: on:`).
 */
const CheckSelector = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*(@(tag:)?[A-Za-z0-9._-]+)?$/,
    'expected a check selector: a kind or check name, optionally @HOST or @tag:TAG (e.g. apt.pending@tag:web)',
  );

export const Routine = z
  .object({
    id: Slug.describe('Stable identifier, used by `ronde done ID` and kept in the sign-off history.'),
    title: z.string().min(1).describe('One line shown in lists, reminders and the dashboard.'),
    description: z
      .string()
      .optional()
      .describe('Markdown: why and how; may link to the wiki page that explains the procedure.'),
    every: z
      .string()
      .regex(EVERY_RE, 'expected a cadence such as 3d, 1w, 1mo, 3mo, 1y')
      .optional()
      .describe(
        'Cadence counted from the last sign-off, in calendar terms in the configured timezone: Nd, Nw, Nmo, Ny.',
      ),
    cron: z
      .string()
      .optional()
      .describe(
        'Calendar cadence (5-field cron, e.g. "0 9 1 * *"): due at the first occurrence after the last sign-off.',
      ),
    checklist: z.array(z.string().min(1)).default([]).describe('Steps a person ticks when signing off.'),
    checks: z
      .array(CheckSelector)
      .default([])
      .describe('Checks that back this routine: a kind or check name, optionally @HOST or @tag:TAG.'),
    done_when: z
      .literal('checks_ok')
      .optional()
      .describe(
        'checks_ok: the routine completes itself when its linked checks have all been OK since it became due.',
      ),
    assignee: z
      .string()
      .min(1)
      .optional()
      .describe('A team member name (from `team:`) this routine is given to.'),
    due_soon: z
      .string()
      .regex(WINDOW_RE, 'expected a window such as 12h, 3d, 1w')
      .optional()
      .describe(
        'How long before the due date it shows as due soon (default: the last 15 % of the cadence, at most 7 days).',
      ),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.every === undefined) === (r.cron === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of `every:` or `cron:`',
        params: { key: 'config.routine.everyOrCron' },
        path: ['every'],
      });
    }
    const problem = r.cron === undefined ? undefined : cronIssue(r.cron);
    if (problem) ctx.addIssue({ code: 'custom', ...problem, path: ['cron'] });
    if (r.done_when === 'checks_ok' && r.checks.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: '`done_when: checks_ok` needs at least one entry in `checks:`',
        params: { key: 'config.routine.checksOkNeedsChecks' },
        path: ['done_when'],
      });
    }
  })
  .describe('A recurring human duty: its cadence, checklist, backing checks and who it is given to.');
export type Routine = z.output<typeof Routine>;

export const TeamMember = z
  .object({
    name: z.string().min(1).describe('How the member signs off (`ronde done ID --by NAME`).'),
    mattermost: z.string().min(1).optional().describe('Mattermost username, without @, for mentions.'),
    email: z.email().optional().describe('Address for e-mail reminders.'),
    on_duty: z
      .boolean()
      .optional()
      .describe(
        'On duty: @-mentioned on a CRIT problem whose check backs no assigned routine. Hand over by moving this line to the next member.',
      ),
  })
  .strict();
export type TeamMember = z.output<typeof TeamMember>;

export const Team = z
  .array(TeamMember)
  .superRefine((team, ctx) => {
    const seen = new Set<string>();
    for (const [i, m] of team.entries()) {
      if (seen.has(m.name))
        ctx.addIssue({
          code: 'custom',
          message: `team member "${m.name}" listed twice`,
          params: { key: 'config.team.twice', name: m.name },
          path: [i, 'name'],
        });
      seen.add(m.name);
    }
  })
  .describe('The people who share the routines; the order breaks ties when ronde suggests who is next.');
export type Team = z.output<typeof Team>;

export const Routines = z
  .array(Routine)
  .superRefine((routines, ctx) => {
    const seen = new Set<string>();
    for (const [i, r] of routines.entries()) {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          message: `routine id "${r.id}" used twice`,
          params: { key: 'config.routine.idTwice', id: r.id },
          path: [i, 'id'],
        });
      seen.add(r.id);
    }
  })
  .describe('The recurring human duties of the team.');
export type Routines = z.output<typeof Routines>;

/**
 * Cross-section checks the config loader runs once both sections are parsed:
 * an assignee must be a team member (a typo would silently assign to nobody).
 */
export function routineTeamIssues(
  routines: readonly Routine[],
  team: Team,
  lang: Lang = 'en',
): { path: (string | number)[]; message: string }[] {
  const names = new Set(team.map((m) => m.name));
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [i, r] of routines.entries()) {
    if (r.assignee !== undefined && !names.has(r.assignee)) {
      issues.push({
        path: ['routines', i, 'assignee'],
        message: t(lang, 'config.routine.notMember', { name: r.assignee }),
      });
    }
  }
  return issues;
}
