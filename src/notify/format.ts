import { fileURLToPath } from 'node:url';
import { severity as rank, type Status } from '../core/status.js';
import { type Lang, t } from '../i18n/index.js';
import type { TeamMember } from '../routines/schema.js';
import type { Message, Severity } from './types.js';

/** A message before it is addressed to one notifier (the outbox adds the key). */
export type Draft = Omit<Message, 'key'>;

/** One check whose announced status changes in this round. */
export interface CheckChange {
  check: string;
  target: string;
  /** The status announced before (null: never announced). */
  from: Status | null;
  to: Status;
  summary: string;
  /** Where the kind's page is (see docsLink): what to do about it. */
  docs?: string;
  /** Routines whose `checks:` link this check on this host: the human duty it backs. */
  routines?: readonly { id: string; title: string }[];
  /** Who is called on CRIT: the linked routines' assignees, else the members on duty (help.ts). */
  mention?: readonly TeamMember[];
}

/**
 * Text from checks and the config is shown literally: markdown in a summary
 * must not bold half the post, and `@all` in one must not ping the channel.
 * A mention starts a word, so only a word-initial `@` is put in a code span
 * (Mattermost never mentions from code); `root@10.0.0.5` stays as it is,
 * with no invisible character to break a copy-paste.
 */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])@/gu, '$1`@`');
}

function code(name: string): string {
  return `\`${name.replaceAll('`', "'")}\``;
}

/** The docs folder installed with ronde (the package ships `docs/`): dist/notify → ../../docs. */
const INSTALLED_DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

/**
 * The kind's page: a link under `notify.docs_url` when set, else the path
 * of the installed page, as code, for whoever reads the post on the server.
 */
export function docsLink(kind: string, docsUrl?: string): string {
  if (docsUrl) {
    const url = `${docsUrl.replace(/\/*$/, '/')}checks/${encodeURIComponent(kind)}.md`;
    return `[${kind}](${url})`;
  }
  return code(`${INSTALLED_DOCS}checks/${kind}.md`);
}

/** "What to do" and "Routine" under a problem line, when known. */
function helpLines(lang: Lang, c: CheckChange): string[] {
  const out: string[] = [];
  if (c.to === 'CRIT' && c.mention && c.mention.length > 0)
    out.push(`  - ${t(lang, 'problem.mention', { who: c.mention.map(who).join(', ') })}`);
  if (c.docs) out.push(`  - ${t(lang, 'problem.help', { docs: c.docs })}`);
  if (c.routines && c.routines.length > 0)
    out.push(
      `  - ${t(lang, 'problem.routine', {
        routines: c.routines.map((r) => `${md(r.title)} (${code(`ronde routines show ${r.id}`)})`).join(', '),
      })}`,
    );
  return out;
}

function was(lang: Lang, from: Status | null): string {
  return from ? ` _${t(lang, 'change.was', { status: from })}_` : '';
}

/** Worse changes on one host in one round: one message, worst first. */
export function problemMessage(lang: Lang, target: string, changes: readonly CheckChange[]): Draft {
  const sorted = [...changes].sort((a, b) => rank(b.to) - rank(a.to) || a.check.localeCompare(b.check));
  const severity: Severity = sorted.some((c) => c.to === 'CRIT') ? 'critical' : 'warning';
  const title =
    sorted.length === 1
      ? t(lang, 'problem.title.one', { target, check: sorted[0]!.check, status: sorted[0]!.to })
      : t(lang, 'problem.title.many', { target, n: sorted.length });
  const lines = sorted.flatMap((c) => [
    `- **${c.to}** ${code(c.check)} — ${md(c.summary)}${was(lang, c.from)}`,
    ...helpLines(lang, c),
  ]);
  return { event: 'check.problem', title, text: lines.join('\n'), severity };
}

/** Checks of one host back to OK in one round. */
export function recoveryMessage(lang: Lang, target: string, changes: readonly CheckChange[]): Draft {
  const sorted = [...changes].sort((a, b) => a.check.localeCompare(b.check));
  const title =
    sorted.length === 1
      ? t(lang, 'recovery.title.one', { target, check: sorted[0]!.check })
      : t(lang, 'recovery.title.many', { target, n: sorted.length });
  const lines = sorted.map((c) => `- ${code(c.check)} — ${md(c.summary)}${was(lang, c.from)}`);
  return { event: 'check.recovery', title, text: lines.join('\n'), severity: 'info' };
}

/**
 * Checks of one host that can no longer tell. Grouped by reason, so an
 * unreachable host reads as one line naming every check it hides.
 */
export function unknownMessage(lang: Lang, target: string, changes: readonly CheckChange[]): Draft {
  const byReason = new Map<string, string[]>();
  for (const c of changes) byReason.set(c.summary, [...(byReason.get(c.summary) ?? []), c.check]);
  const title =
    changes.length === 1
      ? t(lang, 'unknown.title.one', { target, check: changes[0]!.check })
      : t(lang, 'unknown.title.many', { target, n: changes.length });
  const lines = [...byReason].map(
    ([reason, checks]) => `- ${md(reason)} — ${checks.sort().map(code).join(', ')}`,
  );
  const text = `${t(lang, 'unknown.intro')}\n${lines.join('\n')}`;
  return { event: 'check.unknown', title, text, severity: 'warning' };
}

export interface CheckLine {
  check: string;
  target: string;
  status: Status;
  summary: string;
}

/** Non-OK checks grouped by host, worst first. */
export function checkList(lines: readonly CheckLine[]): string {
  const byHost = new Map<string, CheckLine[]>();
  for (const l of lines) if (l.status !== 'OK') byHost.set(l.target, [...(byHost.get(l.target) ?? []), l]);
  const out: string[] = [];
  for (const host of [...byHost.keys()].sort()) {
    out.push(`**${md(host)}**`);
    const mine = byHost
      .get(host)!
      .sort((a, b) => rank(b.status) - rank(a.status) || a.check.localeCompare(b.check));
    for (const l of mine) out.push(`- **${l.status}** ${code(l.check)} — ${md(l.summary)}`);
  }
  return out.join('\n');
}

/** The one message of a new installation: where things stand, instead of a flood of old news. */
export function summaryMessage(lang: Lang, lines: readonly CheckLine[], extra?: string): Draft {
  // ronde's watch on itself is no host of the fleet: counted neither as a host
  // nor as a check (its problems are still listed).
  const watched = lines.filter((l) => l.check !== 'ronde.self');
  const hosts = new Set(watched.map((l) => l.target)).size;
  const tally = (['CRIT', 'WARN', 'UNKNOWN', 'OK'] as const)
    .map((s) => [s, watched.filter((l) => l.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const problems = checkList(lines);
  const parts = [
    t(lang, 'summary.watches', { checks: watched.length, hosts, tally }),
    problems ? `${t(lang, 'summary.problems')}\n${problems}` : t(lang, 'summary.allOk'),
    t(lang, 'summary.onlyChanges'),
  ];
  if (extra) parts.splice(2, 0, extra);
  const severity: Severity = lines.some((l) => l.status === 'CRIT')
    ? 'critical'
    : lines.some((l) => l.status !== 'OK')
      ? 'warning'
      : 'info';
  return { event: 'summary', title: t(lang, 'summary.title'), text: parts.join('\n\n'), severity };
}

/** `@handle` when the member has a Mattermost name (a mention notifies them), else the name. */
export function who(m: TeamMember): string {
  return m.mattermost ? `@${m.mattermost}` : md(m.name);
}

export interface RoutineInfo {
  id: string;
  title: string;
  checklist: readonly string[];
  /** Local due date, YYYY-MM-DD. */
  dueDate: string;
  overdueDays?: number;
  /** The assignee, else the fair suggestion. */
  person?: { member: TeamMember; assigned: boolean };
  lastDone?: { by: string; at: string };
}

function routineBody(lang: Lang, r: RoutineInfo): string {
  const parts: string[] = [];
  if (r.person)
    parts.push(
      t(lang, r.person.assigned ? 'routine.assigned' : 'routine.suggested', { who: who(r.person.member) }),
    );
  parts.push(
    r.lastDone
      ? t(lang, 'routine.lastDone', { at: r.lastDone.at, by: md(r.lastDone.by) })
      : t(lang, 'routine.neverDone'),
  );
  if (r.checklist.length > 0) parts.push(r.checklist.map((s, i) => `${i + 1}. ${md(s)}`).join('\n'));
  parts.push(t(lang, 'routine.whenDone', { id: r.id }));
  return parts.join('\n\n');
}

export function routineDueMessage(lang: Lang, r: RoutineInfo): Draft {
  return {
    event: 'routine.due',
    title: t(lang, 'due.title', { title: r.title }),
    text: `${t(lang, 'due.text', { title: md(r.title), date: r.dueDate })}\n\n${routineBody(lang, r)}`,
    severity: 'info',
  };
}

export function routineOverdueMessage(lang: Lang, r: RoutineInfo): Draft {
  const days = r.overdueDays ?? 1;
  return {
    event: 'routine.overdue',
    title: t(lang, 'overdue.title', { title: r.title, days }),
    text: `${t(lang, 'overdue.text', { title: md(r.title), date: r.dueDate, days })}\n\n${routineBody(lang, r)}`,
    severity: 'warning',
  };
}

/**
 * The routines of one reminder run in one message: overdue first (longest
 * overdue on top), then due today, one line each with who should take it.
 * Checklists stay in `ronde routines show ID`: twelve of them would bury the list.
 */
export function remindersMessage(lang: Lang, list: readonly RoutineInfo[]): Draft {
  const overdue = list.filter((r) => r.overdueDays !== undefined);
  const due = list.filter((r) => r.overdueDays === undefined);
  const line = (r: RoutineInfo) => {
    const when =
      r.overdueDays === undefined
        ? t(lang, 'reminders.line.due')
        : t(lang, 'reminders.line.overdue', { date: r.dueDate, days: r.overdueDays });
    const person = r.person
      ? ` — ${t(lang, r.person.assigned ? 'reminders.assigned' : 'reminders.suggested', { who: who(r.person.member) })}`
      : '';
    const last = r.lastDone
      ? t(lang, 'reminders.lastDone', { at: r.lastDone.at, by: md(r.lastDone.by) })
      : t(lang, 'reminders.neverDone');
    return `- **${md(r.title)}** (${code(r.id)}) — ${when}${person} — ${last}`;
  };
  const sections: string[] = [];
  if (overdue.length > 0) sections.push(`${t(lang, 'reminders.overdue')}\n${overdue.map(line).join('\n')}`);
  if (due.length > 0) sections.push(`${t(lang, 'reminders.due')}\n${due.map(line).join('\n')}`);
  sections.push(t(lang, 'reminders.footer'));
  return {
    event: overdue.length > 0 ? 'routine.overdue' : 'routine.due',
    title: t(lang, 'reminders.title', { overdue: overdue.length, due: due.length }),
    text: sections.join('\n\n'),
    severity: overdue.length > 0 ? 'warning' : 'info',
  };
}

export interface DigestInput {
  /** ISO week, e.g. 2025-W10. */
  week: string;
  overdue: readonly RoutineInfo[];
  problems: readonly CheckLine[];
  done: readonly { title: string; by: string; at: string }[];
  /** Members who have not taken a routine for longest, with their last date (null: never). */
  longest: readonly { member: TeamMember; lastAt: string | null }[];
  /** What checks suggest (forgotten issues, pages to write), already rendered; never counted as bad. */
  suggestions?: string;
}

export function digestMessage(lang: Lang, d: DigestInput): Draft {
  const sections: string[] = [];
  sections.push(
    d.overdue.length === 0
      ? t(lang, 'digest.overdue.none')
      : `${t(lang, 'digest.overdue')}\n${d.overdue
          .map(
            (r) =>
              `- ${t(lang, 'digest.overdue.line', { title: md(r.title), date: r.dueDate, days: r.overdueDays ?? 1 })}`,
          )
          .join('\n')}`,
  );
  const problems = checkList(d.problems);
  sections.push(problems ? `${t(lang, 'digest.problems')}\n${problems}` : t(lang, 'digest.problems.none'));
  sections.push(
    d.done.length === 0
      ? t(lang, 'digest.done.none')
      : `${t(lang, 'digest.done')}\n${d.done.map((s) => `- ${md(s.title)} — ${md(s.by)}, ${s.at}`).join('\n')}`,
  );
  if (d.longest.length > 0)
    sections.push(
      `${t(lang, 'digest.longest')} ${d.longest
        .map(
          (l) =>
            `${md(l.member.name)} (${l.lastAt ? t(lang, 'digest.since', { date: l.lastAt }) : t(lang, 'digest.never')})`,
        )
        .join(', ')}`,
    );
  if (d.suggestions) sections.push(d.suggestions);
  const bad = d.overdue.length + d.problems.filter((p) => p.status !== 'OK').length;
  return {
    event: 'digest',
    title: t(lang, 'digest.title', { week: d.week }),
    text: sections.join('\n\n'),
    severity: bad > 0 ? 'warning' : 'info',
  };
}
