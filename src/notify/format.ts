import { severity as rank, type Status } from '../core/status.js';
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
}

/**
 * Text from checks and the config is shown literally: markdown in a summary
 * must not bold half the post, and `@all` in one must not ping the channel.
 */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
    .replace(/@/g, '@\u200b');
}

function code(name: string): string {
  return `\`${name.replaceAll('`', "'")}\``;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Worse changes on one host in one round: one message, worst first. */
export function problemMessage(target: string, changes: readonly CheckChange[]): Draft {
  const sorted = [...changes].sort((a, b) => rank(b.to) - rank(a.to) || a.check.localeCompare(b.check));
  const severity: Severity = sorted.some((c) => c.to === 'CRIT') ? 'critical' : 'warning';
  const title =
    sorted.length === 1
      ? `${target}: ${sorted[0]!.check} is ${sorted[0]!.to}`
      : `${target}: ${count(sorted.length, 'problem')}`;
  const lines = sorted.map(
    (c) => `- **${c.to}** ${code(c.check)} — ${md(c.summary)}${c.from ? ` _(was ${c.from})_` : ''}`,
  );
  return { event: 'check.problem', title, text: lines.join('\n'), severity };
}

/** Checks of one host back to OK in one round. */
export function recoveryMessage(target: string, changes: readonly CheckChange[]): Draft {
  const sorted = [...changes].sort((a, b) => a.check.localeCompare(b.check));
  const title =
    sorted.length === 1
      ? `${target}: ${sorted[0]!.check} is OK again`
      : `${target}: ${count(sorted.length, 'check')} OK again`;
  const lines = sorted.map(
    (c) => `- ${code(c.check)} — ${md(c.summary)}${c.from ? ` _(was ${c.from})_` : ''}`,
  );
  return { event: 'check.recovery', title, text: lines.join('\n'), severity: 'info' };
}

/**
 * Checks of one host that can no longer tell. Grouped by reason, so an
 * unreachable host reads as one line naming every check it hides.
 */
export function unknownMessage(target: string, changes: readonly CheckChange[]): Draft {
  const byReason = new Map<string, string[]>();
  for (const c of changes) byReason.set(c.summary, [...(byReason.get(c.summary) ?? []), c.check]);
  const title =
    changes.length === 1
      ? `${target}: cannot check ${changes[0]!.check}`
      : `${target}: cannot check ${count(changes.length, 'check')}`;
  const lines = [...byReason].map(
    ([reason, checks]) => `- ${md(reason)} — ${checks.sort().map(code).join(', ')}`,
  );
  const text = `The status of these checks is unknown: a problem may be hidden.\n${lines.join('\n')}`;
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
export function summaryMessage(lines: readonly CheckLine[], extra?: string): Draft {
  const hosts = new Set(lines.map((l) => l.target)).size;
  const tally = (['CRIT', 'WARN', 'UNKNOWN', 'OK'] as const)
    .map((s) => [s, lines.filter((l) => l.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const problems = checkList(lines);
  const parts = [
    `ronde now watches ${count(lines.length, 'check')} on ${count(hosts, 'host')}${tally ? `: ${tally}` : ''}.`,
    problems ? `Current problems:\n${problems}` : 'Everything is OK.',
    'From now on you hear only about changes.',
  ];
  if (extra) parts.splice(2, 0, extra);
  const severity: Severity = lines.some((l) => l.status === 'CRIT')
    ? 'critical'
    : lines.some((l) => l.status !== 'OK')
      ? 'warning'
      : 'info';
  return { event: 'summary', title: 'ronde is on its rounds', text: parts.join('\n\n'), severity };
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

function routineBody(r: RoutineInfo): string {
  const parts: string[] = [];
  if (r.person)
    parts.push(
      r.person.assigned
        ? `Assigned to ${who(r.person.member)}.`
        : `Suggested: ${who(r.person.member)} (has not taken a routine for longest).`,
    );
  parts.push(r.lastDone ? `Last done ${r.lastDone.at} by ${md(r.lastDone.by)}.` : 'Never done yet.');
  if (r.checklist.length > 0) parts.push(r.checklist.map((s, i) => `${i + 1}. ${md(s)}`).join('\n'));
  parts.push(`When done: \`ronde done ${r.id} --by NAME\``);
  return parts.join('\n\n');
}

export function routineDueMessage(r: RoutineInfo): Draft {
  return {
    event: 'routine.due',
    title: `Due today: ${r.title}`,
    text: `${md(r.title)} is due today (${r.dueDate}).\n\n${routineBody(r)}`,
    severity: 'info',
  };
}

export function routineOverdueMessage(r: RoutineInfo): Draft {
  const days = count(r.overdueDays ?? 1, 'day');
  return {
    event: 'routine.overdue',
    title: `Overdue by ${days}: ${r.title}`,
    text: `${md(r.title)} was due on ${r.dueDate}, ${days} ago.\n\n${routineBody(r)}`,
    severity: 'warning',
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
}

export function digestMessage(d: DigestInput): Draft {
  const sections: string[] = [];
  sections.push(
    d.overdue.length === 0
      ? '**Overdue routines:** none.'
      : `**Overdue routines:**\n${d.overdue
          .map((r) => `- ${md(r.title)} — due ${r.dueDate}, ${count(r.overdueDays ?? 1, 'day')} ago`)
          .join('\n')}`,
  );
  const problems = checkList(d.problems);
  sections.push(problems ? `**Open problems:**\n${problems}` : '**Open problems:** none.');
  sections.push(
    d.done.length === 0
      ? '**Done last week:** nothing.'
      : `**Done last week:**\n${d.done.map((s) => `- ${md(s.title)} — ${md(s.by)}, ${s.at}`).join('\n')}`,
  );
  if (d.longest.length > 0)
    sections.push(
      `**Longest without a routine:** ${d.longest
        .map((l) => `${md(l.member.name)} (${l.lastAt ? `since ${l.lastAt}` : 'never'})`)
        .join(', ')}`,
    );
  const bad = d.overdue.length + d.problems.filter((p) => p.status !== 'OK').length;
  return {
    event: 'digest',
    title: `Weekly digest ${d.week}`,
    text: sections.join('\n\n'),
    severity: bad > 0 ? 'warning' : 'info',
  };
}
