import { en as checks } from './checks/index.js';
import { en as commands } from './cli/index.js';
import { en as configWords } from './config.js';
import { count, days } from './format.js';
import { en as notifyErrors } from './notify-errors.js';

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
  // The note of a sign-off a routine made itself (src/routines/auto.ts, done_when: checks_ok).
  'routine.autoNote': (p: { checks: string }) => `completed by its checks: ${p.checks} all OK`,
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
  // Digest suggestions (wiki: gitlab.issues, docs.coverage).
  'digest.suggestions': '**When you have time:**',
  'digest.suggestion.since': (p: { date: string }) => `idle since ${p.date}`,

  // Release bot (src/releases/format.ts).
  'release.title': (p: { watch: string; version: string }) => `${p.watch} ${p.version} released`,
  'release.tag': (p: { tag: string }) => `(tag ${p.tag})`,
  'release.notes': 'release notes',
  'release.notesShort': 'notes',
  'release.older': (p: { hosts: string }) => `Running an older version: ${p.hosts}.`,
  'release.more': (p: { n: number }) => `… and ${p.n} more`,
  'release.burst.title': (p: { watch: string; n: number; newest: string }) =>
    `${p.watch}: ${p.n} new releases, newest ${p.newest}`,
  'release.latest': (p: { version: string }) => `latest ${p.version}`,
  'release.none': 'no release yet',
  'release.watching.title': (p: { n: number }) =>
    `Watching ${count('en', p.n, 'upstream release', 'upstream releases')}`,
  'release.watching.text': 'New releases will be posted here once each.',

  // `ronde notify test`.
  'test.title': 'ronde test message',
  'test.text': (p: { command: string; host: string; at: string }) =>
    `This is a test sent by ${p.command} on ${p.host} at ${p.at}.\nIf you read this, notifications through this channel work.`,

  /** `hint`: the did-you-mean part, or empty. */
  'cli.notify.unknown': (p: { name: string; hint: string; known: string }) =>
    `no notifier named "${p.name}"${p.hint || ';'} ${p.known ? `configured: ${p.known}` : 'none is configured (`notifiers:` in ronde.yaml)'}`,
  'cli.notify.ok': (p: { type: string; name: string }) =>
    `ok: ${p.type} "${p.name}" accepted the test message`,
  'cli.notify.failed': (p: { why: string }) => `failed: ${p.why}`,
  'cli.notify.permanent': 'this will not pass by retrying: check the notifier settings',
  'cli.notify.later': (p: { retryAfter: string }) =>
    `this may pass later${p.retryAfter ? ` (retry after ${p.retryAfter} s)` : ''}`,

  // `ronde init`.
  'cli.init.wrote': (p: { path: string; n: number }) =>
    `ronde: wrote ${p.path} with ${count('en', p.n, 'routine', 'routines')}.\nNext: add your hosts and team, link your wiki pages, then run \`ronde check\`.`,
  'cli.init.exists': (p: { file: string }) =>
    `${p.file} already exists; ronde init never overwrites a file (use --output FILE to write elsewhere)`,
  'cli.init.cannot': (p: { file: string; why: string }) => `cannot create ${p.file}: ${p.why}`,

  // `ronde history`.
  'cli.history.none': 'No status change recorded.',
  'cli.history.new': 'new',
  /** Column heads, tab-separated. */
  'cli.history.head': 'TIME\tTARGET\tCHECK\tCHANGE\tSUMMARY',

  // `ronde routines`.
  'cli.routines.none':
    'No routine configured: add `routines:` to ronde.yaml (see docs/routines.md, or `ronde init`).',
  'cli.routines.status.overdue': (p: { days: number }) => `OVERDUE ${p.days} d`,
  'cli.routines.status.due': 'DUE',
  'cli.routines.status.due_soon': 'DUE SOON',
  'cli.routines.status.ok': 'OK',
  'cli.ago.now': 'just now',
  'cli.ago': (p: { d: string }) => `${p.d} ago`,
  'cli.routines.head': 'STATUS\tROUTINE\tTITLE\tWHO\tLAST DONE\tNEXT DUE\tCHECKS',
  'cli.routines.lastBy': (p: { ago: string; by: string }) => `${p.ago} by ${p.by}`,
  'cli.routines.never': 'never',
  'cli.routines.checks.ok': (p: { n: number }) => `OK (${p.n})`,
  'cli.routines.checks.bad': (p: { status: string; bad: number; n: number }) =>
    `${p.status}: ${p.bad} of ${p.n} not OK`,
  'cli.routines.checks.missing': (p: { n: number }) => `, ${p.n} without result`,
  'cli.routines.checks.na': (p: { n: number }) => `, ${p.n} n/a`,
  'cli.routines.checks.allNa': (p: { n: number }) => `n/a (${p.n})`,
  'cli.routines.checks.noResult': 'no result yet',
  'cli.routines.every': (p: { every: string }) => `every ${p.every}`,
  'cli.routines.undoOf': (p: { id: string | number }) => `undo of #${p.id}`,
  'cli.routines.doneAuto': 'done (checks OK)',
  'cli.routines.done': 'done',
  'cli.routines.signoff': (p: { what: string; by: string; osUser: string }) =>
    `${p.what} by ${p.by} (OS user ${p.osUser})`,
  'cli.routines.items': (p: { items: string }) => ` items ${p.items}`,
  'cli.routines.undone': '[undone]',
  'cli.routines.show.status': 'status',
  'cli.routines.show.next': 'next due',
  'cli.routines.show.cadence': 'cadence',
  'cli.routines.show.selfCompletes': ', completes itself when its checks are OK',
  'cli.routines.show.assignee': 'assignee',
  'cli.routines.show.suggested': 'suggested',
  'cli.routines.show.suggestedWhy': (p: { name: string }) =>
    `${p.name} (fewest routines lately; see docs/routines.md)`,
  'cli.routines.show.lastDone': 'last done',
  'cli.routines.show.lastDoneAt': (p: { at: string; ago: string; by: string }) =>
    `${p.at} (${p.ago}) by ${p.by}`,
  'cli.routines.show.neverSince': (p: { at: string }) => `never (configured ${p.at})`,
  'cli.routines.show.checklist': 'Checklist (ticks of the last sign-off):',
  'cli.routines.show.history': 'History (newest first):',
  'cli.routines.show.noSignoff': 'no sign-off yet',
  'cli.routines.show.linked': (p: { checks: string }) => `Linked checks (${p.checks}):`,
  'cli.routines.show.checkLine': (p: { check: string; target: string; since: string; summary: string }) =>
    `${p.check} on ${p.target} since ${p.since}: ${p.summary}`,
  'cli.routines.show.naLine': (p: { check: string; target: string; summary: string }) =>
    `${p.check} on ${p.target}: ${p.summary}`,
  'cli.routines.show.noResultFor': (p: { selector: string }) => `no result yet for ${p.selector}`,

  // `ronde done` and `ronde undo`.
  'cli.done.noteRequired': '--note is required: say what was done (or tick checklist items with --item N)',
  'cli.done.recorded': (p: {
    n: string;
    id: string;
    by: string;
    osUser: string;
    at: string;
    ticked: string;
  }) => `Recorded #${p.n}: ${p.id} done by ${p.by} (OS user ${p.osUser}) at ${p.at}${p.ticked}.`,
  'cli.done.ticked': (p: { items: string; of: number }) => `, items ${p.items} of ${p.of}`,
  'cli.done.note': (p: { note: string }) => `Note: ${p.note}`,
  'cli.done.next': (p: { at: string; zone: string; status: string }) =>
    `Next due: ${p.at} (${p.zone}), now ${p.status}.`,
  'cli.undo.nothing': (p: { id: string }) => `${p.id} has no sign-off to undo`,
  'cli.undo.recorded': (p: { n: string; of: string; id: string; by: string; at: string }) =>
    `Recorded #${p.n}: undo of #${p.of} (${p.id} done by ${p.by} at ${p.at}).`,
  'cli.undo.now': (p: { id: string; status: string; at: string; zone: string }) =>
    `${p.id} is now ${p.status}, next due ${p.at} (${p.zone}).`,

  // `ronde outbox`.
  'cli.outbox.empty': 'Nothing waiting: every message was sent.',
  'cli.outbox.times': (p: { tz: string }) => `Times in ${p.tz}.`,
  'cli.outbox.lastError': (p: { error: string }) => `last error: ${p.error}`,
  'cli.outbox.nextTry': (p: { at: string }) => `next try: ${p.at}`,
  'cli.outbox.hint': 'Retry: ronde outbox retry ID (or --all)   Give up: ronde outbox drop ID --reason TEXT',
  'cli.outbox.retried': (p: { id: number; before: string }) => `#${p.id}: queued again (was ${p.before})`,
  'cli.outbox.dropped': (p: { id: number }) => `#${p.id}: dropped`,
  'cli.outbox.refused': (p: { id: number; why: string }) => `#${p.id}: not changed: ${p.why}`,
  'cli.outbox.daemonSends':
    'ronde serve sends it at its next delivery (within 15 s), with the same idempotency key.',
  'cli.outbox.noneFailed': 'No failed message to retry.',
  'cli.outbox.idsOrAll': 'give message ids (as `ronde outbox` lists them) or --all',
  'cli.outbox.badId': (p: { s: string }) =>
    `"${p.s}" is not a message id: expected a number such as 12 (see \`ronde outbox\`)`,
  'cli.outbox.noActions': 'No retry or drop recorded.',
  'cli.outbox.notBoth': 'give message ids or --all, not both',
  'cli.outbox.reason': '--reason must say why',

  // Channels.
  'post.open': 'Open in ronde',
  'post.cut': (p: { n: number; max: number }) => `cut: ${p.n} characters, Mattermost takes ${p.max}`,

  // `ronde check`'s text output (src/cli/render.ts, src/cli/check.ts).
  'cli.check.local': ' (local)',
  'cli.check.na': 'n/a    ',
  'cli.check.ranIn': (p: { ms: number }) => `ran in ${p.ms} ms:`,
  'cli.check.timedOut': 'timed out',
  'cli.check.didNotFinish': 'did not finish',
  'cli.check.exit': (p: { code: number }) => `exit ${p.code}`,
  'cli.check.more': (p: { n: number }) => `… ${p.n} more (--json for all)`,
  'cli.check.notApplicable': (p: { n: number }) => `${p.n} not applicable`,
  'cli.check.noChecks': 'no checks',
  'cli.check.interrupted': ' (interrupted: partial results)',

  // Sign-offs told to the team (src/notify/signoff.ts).
  'signoff.title': (p: { title: string }) => `Done: ${p.title}`,
  'signoff.line': (p: { by: string; title: string; id: string; note: string }) =>
    `${p.by} signed off ${p.title} (${p.id})${p.note ? `: ${p.note}` : '.'}`,
  'signoff.auto': (p: { title: string; id: string }) =>
    `${p.title} (${p.id}) completed itself: its linked checks are all OK.`,
  // A sign-off cancelled with `ronde undo`, told the same way.
  'undo.title': (p: { title: string }) => `Not done after all: ${p.title}`,
  'undo.line': (p: { by: string; title: string; id: string; of: string; at: string; note: string }) =>
    `${p.by} cancelled the sign-off of ${p.title} (${p.id}) by ${p.of} on ${p.at}${p.note ? `: ${p.note}` : ''}. The routine is due again as before.`,

  // `ronde done` when a linked check is not OK (src/cli/done.ts).
  'done.notOk': (p: { id: string; n: number }) =>
    `${p.id}: ${count('en', p.n, 'linked check is', 'linked checks are')} not OK:`,
  'done.ask': 'Sign it off anyway? [y/N] ',
  'done.refused': 'Not signed off. If it is done all the same, say why in --note and add --force.',
  'done.declined': 'Not signed off.',

  // `ronde access` (src/cli/access.ts).
  'access.none': 'no access.review check is configured (docs/access.md)',
  'access.noSuchSource': (p: { wanted: string }) => `no access.review check matches ${p.wanted}`,
  'access.noSnapshot': (p: { source: string }) =>
    `nothing reviewed for ${p.source}: run \`ronde access review\` first, then approve what it shows`,
  'access.count': (p: { n: number }) => count('en', p.n, 'access', 'accesses'),
  'access.since': (p: { by: string; at: string }) => `last approved by ${p.by} on ${p.at}`,
  'access.neverApproved': 'never approved',
  'access.cannotRead': (p: { why: string }) => `cannot read: ${p.why}`,
  'access.toLookAt': 'to look at:',
  'access.lastLogin': (p: { at: string }) => `last login ${p.at}`,
  'access.expires': (p: { at: string }) => `expires ${p.at}`,
  'access.approveHint': (p: { source: string }) => `ronde access approve ${p.source} --by NAME --note "…"`,
  'access.unchanged': 'unchanged since the approval',
  'access.md.title': (p: { n: number }) =>
    p.n === 0
      ? 'Access review: everything as approved'
      : `Access review: ${count('en', p.n, 'source needs', 'sources need')} approval`,
  'access.approved': (p: { source: string; snapshot: number; n: number; by: string }) =>
    `${p.source}: snapshot ${p.snapshot} (${count('en', p.n, 'access', 'accesses')}) approved by ${p.by}`,
  'access.noApproval': 'no approval yet',
  // access review: authorized_keys options (gaps)
  'access.options': (p: { options: string }) => `options ${p.options}`,
  'access.keysFiles': (p: { files: string; from: string }) => `keys read from ${p.files} (${p.from})`,
  // sshd reads no authorized_keys file at all (AuthorizedKeysFile none).
  'access.keysFilesNone': 'none',
  'access.keysFilesMatch': (p: { files: string; from: string }) =>
    `keys read from ${p.files} (${p.from}; a Match block names other files for some logins, not read)`,

  // The check kinds' summaries and reasons, one file per domain (src/i18n/checks/).
  ...checks,
  ...commands,
  ...configWords,
  ...notifyErrors,
  // `ronde upgrade` (src/actions/upgrade/, src/cli/upgrade.ts).
  'upgrade.refuse.simulation': (p: { detail: string }) => `the simulation could not be run: ${p.detail}`,
  'upgrade.refuse.unparsed': (p: { detail: string }) =>
    `apt-get -s said something not understood: ${p.detail}`,
  'upgrade.refuse.removes': (p: { detail: string }) =>
    `the upgrade would remove ${p.detail} (--allow-remove to accept)`,
  'upgrade.refuse.held': (p: { detail: string }) => `held package(s) the upgrade needs: ${p.detail}`,
  'upgrade.refuse.docker': (p: { detail: string }) => `an expected Docker service is down: ${p.detail}`,
  'upgrade.refuse.disk': (p: { detail: string }) => `a disk is over its threshold: ${p.detail}`,
  'upgrade.refuse.backup': (p: { detail: string }) => `its backups are not OK: ${p.detail}`,
  'upgrade.refuse.backupAge': (p: { detail: string }) => `its newest backup is too old (${p.detail})`,
  'upgrade.refuse.noBackup': 'no backup of it is known (proxmox.backups results)',
  'upgrade.refuse.window': (p: { detail: string }) => `the maintenance window "${p.detail}" is not open`,
  'upgrade.refuse.local': 'the machine ronde runs on: upgrade it by hand',
  'upgrade.plan.host': (p: { host: string; n: number; security: number }) =>
    `${p.host}: ${count('en', p.n, 'package', 'packages')} (${p.security} security)`,
  'upgrade.plan.reboot.kernel': 'reboot (new kernel)',
  'upgrade.plan.reboot.required': 'reboot (reboot-required)',
  'upgrade.plan.removes': (p: { names: string }) => `removes: ${p.names}`,
  'upgrade.plan.upToDate': (p: { host: string }) => `${p.host}: up to date`,
  'upgrade.plan.refused': (p: { host: string }) => `${p.host}: REFUSED`,
  'upgrade.plan.batches': 'Order (the hosts of a batch at once; the first failure stops the run):',
  'upgrade.plan.batch': (p: { n: number; hosts: string }) => `  batch ${p.n}: ${p.hosts}`,
  'upgrade.plan.nothing': 'Nothing to upgrade.',
  'upgrade.confirm': 'Upgrade these hosts now? [y/N] ',
  'upgrade.declined': 'Nothing done.',
  'upgrade.start.title': (p: { n: number }) => `Upgrade starting: ${count('en', p.n, 'host', 'hosts')}`,
  'upgrade.start.text': (p: { id: number; by: string; hosts: string }) =>
    `${p.by} started upgrade run #${p.id}:\n${p.hosts}\n\n\`ronde upgrade history\` shows each step.`,
  'upgrade.end.title': (p: { outcome: string }) => `Upgrade ${p.outcome}`,
  'upgrade.end.text': (p: { id: number; hosts: string }) => `Run #${p.id}:\n${p.hosts}`,
  'upgrade.state.upgraded': 'upgraded',
  'upgrade.state.up-to-date': 'up to date',
  'upgrade.state.failed': 'FAILED',
  'upgrade.state.interrupted': 'interrupted',
  'upgrade.state.refused': 'refused',
  'upgrade.state.not-started': 'not started',
  'upgrade.outcome.ok': 'done',
  'upgrade.outcome.failed': 'FAILED',
  'upgrade.outcome.interrupted': 'interrupted',
  'upgrade.outcome.nothing': 'nothing to do',
  'upgrade.signedOff': (p: { id: string }) => `Routine ${p.id} signed off.`,
  'upgrade.interrupt': 'interrupted: stopping after the current step (it is never cut: apt-get must finish)',
  'upgrade.runEnd': (p: { id: number; outcome: string }) => `Run #${p.id}: ${p.outcome}`,
  'upgrade.notTty': 'not a terminal: nothing was asked nor done; add --yes for an unattended run',
  'upgrade.unknownHost': (p: { host: string }) => `no host "${p.host}" in the inventory`,
  'upgrade.noMatch': 'no host of `upgrade.hosts` matches the selection',
  'upgrade.history.none': 'No upgrade run recorded (`ronde upgrade run`).',
  'upgrade.history.run': (p: {
    id: number;
    at: string;
    by: string;
    osUser: string;
    outcome: string;
    took: string;
  }) => `#${p.id} ${p.at} by ${p.by} (${p.osUser}): ${p.outcome}${p.took}`,
  'upgrade.history.rebooted': 'rebooted',
  'upgrade.history.rebootSkipped': 'needed, not done',
  'upgrade.history.noReboot': 'not needed',
  'upgrade.history.new': '(new)',
  'upgrade.history.removed': '(removed)',
};

export type Catalogue = typeof en;
