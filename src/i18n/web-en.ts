import { count, days } from './format.js';

/*
 * The words of the team's page (src/web/pages), in English. It defines the
 * keys and their parameters (`PageWords`); web-fr.ts has the same (the
 * compiler and web-words.test.ts check). Values are plain text: the pages escape them.
 */
export const webEn = {
  'nav.home': 'Home',
  'nav.audit': 'Audit',
  'nav.logout': 'Log out',
  'nav.language': 'Language',
  'login.title': 'Log in',
  'login.user': 'User',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.wrong': 'Wrong user or password.',
  'login.limited': 'Too many failed logins: wait a few minutes.',
  'login.ldapDown': 'The directory (LDAP) does not answer: try again later. Local accounts still log in.',
  'login.noAccount': 'No account? An admin creates one on the monitoring host:',

  'home.routines': 'Routines',
  'home.noRoutines': 'No routine configured (routines: in ronde.yaml).',
  'home.problems': 'Problems',
  'home.noProblems': 'Every check is OK.',
  'home.covered': 'Acknowledged, silenced or in maintenance',
  'home.changes': 'Recent changes',
  'home.noChanges': 'No change recorded yet.',
  'home.self': 'ronde itself',
  'home.lastRound': 'Last round',
  'home.never': 'never',
  'home.outbox': (p: { pending: number; failed: number }) =>
    `Outbox: ${count('en', p.pending, 'message on the way', 'messages on the way')}, ${p.failed} failed`,
  'home.loopStuck': 'The daemon loop is stuck (see /healthz).',
  'home.moreHosts': (p: { n: number }) => `… and ${count('en', p.n, 'more host', 'more hosts')}.`,
  'home.allProblems': 'Every problem, by host',
  'home.counts': (p: {
    total: number;
    ok: number;
    warn: number;
    crit: number;
    unknown: number;
    na: number;
  }) =>
    `${count('en', p.total, 'check', 'checks')}: ${p.ok} OK · ${p.warn} WARN · ${p.crit} CRIT · ${p.unknown} UNKNOWN` +
    (p.na > 0 ? ` · ${p.na} not applicable` : ''),

  'routine.overdue': (p: { n: number }) => `OVERDUE ${days('en', p.n)}`,
  'routine.due': 'DUE',
  'routine.due_soon': 'DUE SOON',
  'routine.ok': 'OK',
  'routine.lastDone': (p: { who: string; when: string }) => `done by ${p.who}, ${p.when}`,
  'routine.neverDone': 'never signed off',
  'routine.nextDue': (p: { when: string }) => `next due ${p.when}`,
  'routine.assigned': (p: { who: string }) => `assigned to ${p.who}`,
  'routine.suggested': (p: { who: string }) => `suggested: ${p.who}`,
  'routine.checklist': 'Checklist',
  'routine.linked': 'Linked checks',
  'routine.unmatched': (p: { selectors: string }) => `No result yet for: ${p.selectors}`,
  'routine.history': 'Sign-off history',
  'routine.noHistory': 'Never signed off.',
  'routine.signoff': 'Sign off',
  'routine.note': 'What was done',
  'routine.submit': 'Record the sign-off',
  'routine.undo': (p: { id: string }) => `undo of #${p.id}`,
  'routine.recorded': (p: { id: string }) => `Recorded #${p.id}.`,
  'routine.needNote': 'Say what was done, or tick checklist items.',
  'routine.notMember': (p: { user: string }) =>
    `${p.user} is not a member of team: in ronde.yaml, so cannot sign off.`,
  'routine.readOnly': 'Signing off needs the operator role.',

  'check.status': 'Status',
  'check.since': (p: { when: string }) => `since ${p.when}`,
  'check.timeline': 'Last 30 days',
  'check.chart': (p: { name: string }) => `Trend: ${p.name}`,
  'check.recent': 'Latest results',
  // Suggestions of a check (wiki: gitlab.issues, docs.coverage).
  'check.suggestions': 'When you have time',
  'check.suggestion.since': (p: { date: string }) => `idle since ${p.date}`,
  'check.changes': 'Changes',
  'host.checks': 'Checks',
  'host.unknown': 'No result for this host.',
  'host.tags': (p: { tags: string }) => `tags: ${p.tags}`,

  'cover.ack': (p: { by: string; reason: string }) => `acknowledged by ${p.by}: ${p.reason}`,
  'cover.silence': (p: { by: string; reason: string }) => `silenced by ${p.by}: ${p.reason}`,
  'cover.maintenance': (p: { by: string; reason: string }) => `maintenance by ${p.by}: ${p.reason}`,
  'cover.until': (p: { when: string }) => `until ${p.when}`,
  'cover.untilRecovery': 'until it recovers',

  'ack.reason': 'Reason',
  'ack.reasonHint': 'disk ordered, until Friday',
  'ack.for': 'For how long (empty: until it recovers)',
  'ack.forHint': 'e.g. 4d',
  'ack.submit': 'Acknowledge',
  'ack.end': 'End the acknowledgement',
  'span.title': 'Silences and maintenance',
  'span.none': 'No silence or maintenance window in force.',
  'span.newSilence': 'New silence',
  'span.newMaintenance': 'New maintenance window',
  'span.selector': 'What it covers',
  'span.for': 'For how long',
  'span.endWhenOk': 'end early once everything it covers is OK again',
  'span.silence': 'Silence',
  'span.start': 'Start maintenance',
  'span.end': 'End now',
  'span.silenceLabel': 'silence',
  'span.maintenanceLabel': 'maintenance',
  'action.done': 'Done.',
  'nav.silences': 'Silences',

  'chat.usage':
    'Usage: `/ronde done ROUTINE [note]` · `/ronde ack HOST CHECK reason` · `/ronde status [HOST]`',
  'chat.notMember': (p: { user: string }) =>
    `@${p.user} is not in team: of ronde.yaml (by its mattermost: username), so ronde cannot act for you.`,
  'chat.needRole': (p: { role: string }) => `This needs the ${p.role} role in ronde (\`ronde users role\`).`,
  'chat.signedOff': (p: { who: string; title: string; note: string }) =>
    `${p.who} signed off **${p.title}**${p.note ? `: ${p.note}` : ''}`,
  'chat.unknownRoutine': (p: { id: string; ids: string }) => `No routine "${p.id}". Routines: ${p.ids}`,
  'chat.acked': (p: { who: string; host: string; check: string; reason: string }) =>
    `${p.who} acknowledged ${p.host} ${p.check}: ${p.reason}`,
  'chat.allOk': 'Every check is OK.',
  'chat.problems': (p: { n: number }) => `${count('en', p.n, 'problem', 'problems')}:`,

  'audit.title': 'Audit log',
  'audit.when': 'When',
  'audit.who': 'Who',
  'audit.what': 'What',
  'audit.subject': 'About',
  'audit.from': 'From',
  'audit.older': 'Older entries',

  'col.status': 'Status',
  'col.check': 'Check',
  'col.summary': 'Summary',
  'col.since': 'Since',
  'col.when': 'When',
  'col.host': 'Host',
  'col.change': 'Change',
  'col.by': 'By',
  'col.note': 'Note',

  // Backups and releases pages (issue 18, web)
  'nav.backups': 'Backups',
  'nav.releases': 'Releases',
  'backups.title': 'Backups',
  'backups.none':
    'No backup check has a result yet (backup.files, backup.borg, backup.restic, proxmox.backups).',
  'backups.set': 'Set',
  'backups.newest': 'Newest',
  'backups.size': 'Size',
  'backups.trend': 'Size trend',
  'backups.noBackup': 'none',
  'backups.trendLabel': (p: { n: number; from: string; to: string }) =>
    `${count('en', p.n, 'backup', 'backups')}: ${p.from} → ${p.to}`,
  'releases.title': 'Releases',
  'releases.none': 'No release watched (releases: in ronde.yaml).',
  'releases.watch': 'Watch',
  'releases.latest': 'Latest seen',
  'releases.checked': (p: { when: string }) => `checked ${p.when}`,
  'releases.neverChecked': 'not checked yet',
  'releases.limited': (p: { when: string }) => `rate-limited until ${p.when}`,
  'releases.error': (p: { error: string }) => `last error: ${p.error}`,
  'releases.announced': 'announced',
  'releases.silent': 'recorded without a message (first look or burst)',
  'releases.older': 'Hosts running an older version',
  'releases.allCurrent': 'No host runs an older version (as far as docker.updates saw).',
  'releases.noImages': 'No image of this software to compare (images: of the watch).',
  'releases.history': 'Seen',
};

export type PageWords = typeof webEn;
