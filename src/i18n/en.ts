import { count, days } from './format.js';

/*
 * The English catalogue: every sentence ronde says to people, keyed. It
 * defines the keys and their parameters (`Catalogue`); fr.ts must have the
 * same (the compiler and i18n.test.ts check). Parameters that come from
 * checks or the config arrive already escaped for markdown by the caller.
 * A constant is a string; a sentence with parameters a function.
 */
export const en = {
  // Durations around a phrase.
  'time.in': (p: { d: string }) => `in ${p.d}`,
  'time.since': (p: { d: string }) => `since ${p.d}`,
  'time.ago': (p: { d: string }) => `${p.d} ago`,

  // Check announcements (src/notify/format.ts).
  'problem.title.one': (p: { target: string; check: string; status: string }) =>
    `${p.target}: ${p.check} is ${p.status}`,
  'problem.title.many': (p: { target: string; n: number }) =>
    `${p.target}: ${count('en', p.n, 'problem', 'problems')}`,
  'change.was': (p: { status: string }) => `(was ${p.status})`,
  'problem.help': (p: { docs: string }) => `What to do: ${p.docs}`,
  'problem.routine': (p: { routines: string }) => `Routine: ${p.routines}`,
  'problem.mention': (p: { who: string }) => `For: ${p.who}`,
  'recovery.title.one': (p: { target: string; check: string }) => `${p.target}: ${p.check} is OK again`,
  'recovery.title.many': (p: { target: string; n: number }) =>
    `${p.target}: ${count('en', p.n, 'check', 'checks')} OK again`,
  'unknown.title.one': (p: { target: string; check: string }) => `${p.target}: cannot check ${p.check}`,
  'unknown.title.many': (p: { target: string; n: number }) =>
    `${p.target}: cannot check ${count('en', p.n, 'check', 'checks')}`,
  'unknown.intro': 'The status of these checks is unknown: a problem may be hidden.',

  // First-run summary.
  'summary.title': 'ronde is on its rounds',
  'summary.watches': (p: { checks: number; hosts: number; tally: string }) =>
    `ronde now watches ${count('en', p.checks, 'check', 'checks')} on ${count('en', p.hosts, 'host', 'hosts')}${p.tally ? `: ${p.tally}` : ''}.`,
  'summary.problems': 'Current problems:',
  'summary.allOk': 'Everything is OK.',
  'summary.onlyChanges': 'From now on you hear only about changes.',
  'summary.routines': 'Routines to do:',
  'summary.overdueSince': (p: { date: string }) => `overdue since ${p.date}`,
  'summary.dueToday': 'due today',
  'summary.dueNever': 'due (never done yet)',

  // Routine reminders.
  'routine.assigned': (p: { who: string }) => `Assigned to ${p.who}.`,
  'routine.suggested': (p: { who: string }) =>
    `Suggested: ${p.who} (next in the fair rotation: fewest routines lately).`,
  'routine.lastDone': (p: { at: string; by: string }) => `Last done ${p.at} by ${p.by}.`,
  'routine.neverDone': 'Never done yet.',
  'routine.whenDone': (p: { id: string }) => `When done: \`ronde done ${p.id} --by NAME\``,
  'due.title': (p: { title: string }) => `Due today: ${p.title}`,
  'due.text': (p: { title: string; date: string }) => `${p.title} is due today (${p.date}).`,
  'overdue.title': (p: { title: string; days: number }) => `Overdue by ${days('en', p.days)}: ${p.title}`,
  'overdue.text': (p: { title: string; date: string; days: number }) =>
    `${p.title} was due on ${p.date}, ${days('en', p.days)} ago.`,

  // One reminder post for all the routines of a run (src/notify/format.ts remindersMessage).
  'reminders.title': (p: { overdue: number; due: number }) =>
    `Routines: ${[p.overdue > 0 ? `${p.overdue} overdue` : '', p.due > 0 ? `${p.due} due today` : ''].filter(Boolean).join(', ')}`,
  'reminders.overdue': '**Overdue**',
  'reminders.due': '**Due today**',
  'reminders.line.overdue': (p: { date: string; days: number }) => `due ${p.date}, ${days('en', p.days)} ago`,
  'reminders.line.due': 'due today',
  'reminders.assigned': (p: { who: string }) => `${p.who} (assigned)`,
  'reminders.suggested': (p: { who: string }) => `suggested: ${p.who}`,
  'reminders.lastDone': (p: { at: string; by: string }) => `last done ${p.at} by ${p.by}`,
  'reminders.neverDone': 'never done yet',
  'reminders.footer':
    'Suggestions spread the routines over the team (fewest done lately first). When done: `ronde done ID --by NAME`; the checklist: `ronde routines show ID`.',

  // Weekly digest.
  'digest.title': (p: { week: string }) => `Weekly digest ${p.week}`,
  'digest.overdue': '**Overdue routines:**',
  'digest.overdue.none': '**Overdue routines:** none.',
  'digest.overdue.line': (p: { title: string; date: string; days: number }) =>
    `${p.title} — due ${p.date}, ${days('en', p.days)} ago`,
  'digest.problems': '**Open problems:**',
  'digest.problems.none': '**Open problems:** none.',
  'digest.done': '**Done last week:**',
  'digest.done.none': '**Done last week:** nothing.',
  'digest.longest': '**Longest without a routine:**',
  'digest.since': (p: { date: string }) => `since ${p.date}`,
  'digest.never': 'never',

  // Channels.
  'post.open': 'Open in ronde',
  'post.cut': (p: { n: number; max: number }) => `cut: ${p.n} characters, Mattermost takes ${p.max}`,
};

export type Catalogue = typeof en;
