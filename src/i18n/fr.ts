import type { Catalogue } from './en.js';
import { count, days } from './format.js';

/*
 * Le catalogue français : mêmes clés et paramètres que en.ts. On vouvoie
 * l'équipe ; un espace simple avant les deux-points (jamais un caractère
 * invisible, qui casserait un copier-coller).
 */
export const fr: Catalogue = {
  'time.in': (p) => `dans ${p.d}`,
  'time.since': (p) => `depuis ${p.d}`,
  'time.ago': (p) => `il y a ${p.d}`,

  'problem.title.one': (p) => `${p.target} : ${p.check} est ${p.status}`,
  'problem.title.many': (p) => `${p.target} : ${count('fr', p.n, 'problème', 'problèmes')}`,
  'change.was': (p) => `(était ${p.status})`,
  'problem.help': (p) => `Que faire : ${p.docs}`,
  'problem.routine': (p) => `Routine : ${p.routines}`,
  'problem.mention': (p) => `Pour : ${p.who}`,
  'recovery.title.one': (p) => `${p.target} : ${p.check} est de nouveau OK`,
  'recovery.title.many': (p) =>
    `${p.target} : ${count('fr', p.n, 'vérification', 'vérifications')} de nouveau OK`,
  'unknown.title.one': (p) => `${p.target} : impossible de vérifier ${p.check}`,
  'unknown.title.many': (p) =>
    `${p.target} : ${count('fr', p.n, 'vérification impossible', 'vérifications impossibles')}`,
  'unknown.intro': 'L’état de ces vérifications est inconnu : un problème peut être caché.',

  'summary.title': 'ronde commence sa ronde',
  'summary.watches': (p) =>
    `ronde surveille désormais ${count('fr', p.checks, 'vérification', 'vérifications')} sur ${count('fr', p.hosts, 'hôte', 'hôtes')}${p.tally ? ` : ${p.tally}` : ''}.`,
  'summary.problems': 'Problèmes actuels :',
  'summary.allOk': 'Tout est OK.',
  'summary.onlyChanges': 'Désormais, vous n’entendrez parler que des changements.',
  'summary.routines': 'Routines à faire :',
  'summary.overdueSince': (p) => `en retard depuis le ${p.date}`,
  'summary.dueToday': 'à faire aujourd’hui',
  'summary.dueNever': 'à faire (jamais faite)',

  'routine.assigned': (p) => `Assignée à ${p.who}.`,
  'routine.suggested': (p) =>
    `Suggestion : ${p.who} (au tour de rôle : le moins de routines ces derniers temps).`,
  'routine.lastDone': (p) => `Dernière fois le ${p.at} par ${p.by}.`,
  'routine.neverDone': 'Jamais faite.',
  'routine.whenDone': (p) => `Une fois fait : \`ronde done ${p.id} --by NOM\``,
  'due.title': (p) => `À faire aujourd’hui : ${p.title}`,
  'due.text': (p) => `${p.title} est à faire aujourd’hui (${p.date}).`,
  'overdue.title': (p) => `En retard de ${days('fr', p.days)} : ${p.title}`,
  'overdue.text': (p) => `${p.title} était à faire le ${p.date}, il y a ${days('fr', p.days)}.`,

  'reminders.title': (p) =>
    `Routines : ${[p.overdue > 0 ? `${p.overdue} en retard` : '', p.due > 0 ? `${p.due} à faire aujourd’hui` : ''].filter(Boolean).join(', ')}`,
  'reminders.overdue': '**En retard**',
  'reminders.due': '**À faire aujourd’hui**',
  'reminders.line.overdue': (p) => `à faire le ${p.date}, il y a ${days('fr', p.days)}`,
  'reminders.line.due': 'à faire aujourd’hui',
  'reminders.assigned': (p) => `${p.who} (assignée)`,
  'reminders.suggested': (p) => `suggestion : ${p.who}`,
  'reminders.lastDone': (p) => `dernière fois le ${p.at} par ${p.by}`,
  'reminders.neverDone': 'jamais faite',
  'reminders.footer':
    'Les suggestions répartissent les routines dans l’équipe (qui en a fait le moins ces derniers temps d’abord). Une fois fait : `ronde done ID --by NOM` ; la liste des étapes : `ronde routines show ID`.',

  'digest.title': (p) => `Bilan de la semaine ${p.week}`,
  'digest.overdue': '**Routines en retard :**',
  'digest.overdue.none': '**Routines en retard :** aucune.',
  'digest.overdue.line': (p) => `${p.title} — à faire le ${p.date}, il y a ${days('fr', p.days)}`,
  'digest.problems': '**Problèmes en cours :**',
  'digest.problems.none': '**Problèmes en cours :** aucun.',
  'digest.done': '**Fait la semaine passée :**',
  'digest.done.none': '**Fait la semaine passée :** rien.',
  'digest.longest': '**Sans routine depuis le plus longtemps :**',
  'digest.since': (p) => `depuis le ${p.date}`,
  'digest.never': 'jamais',

  'release.title': (p) => `${p.watch} ${p.version} est sortie`,
  'release.tag': (p) => `(étiquette ${p.tag})`,
  'release.notes': 'notes de version',
  'release.notesShort': 'notes',
  'release.older': (p) => `Version plus ancienne en service : ${p.hosts}.`,
  'release.more': (p) => `… et ${p.n} de plus`,
  'release.burst.title': (p) =>
    `${p.watch} : ${count('fr', p.n, 'nouvelle version', 'nouvelles versions')}, la plus récente ${p.newest}`,
  'release.latest': (p) => `dernière : ${p.version}`,
  'release.none': 'aucune version pour l’instant',
  'release.watching.title': (p) =>
    `${count('fr', p.n, 'logiciel suivi', 'logiciels suivis')} pour leurs nouvelles versions`,
  'release.watching.text': 'Chaque nouvelle version sera annoncée ici, une fois.',

  'test.title': 'Message de test de ronde',
  'test.text': (p) =>
    `Ceci est un test envoyé par ${p.command} depuis ${p.host} le ${p.at}.\nSi vous le lisez, les notifications passent par ce canal.`,

  'cli.notify.unknown': (p) =>
    `aucune notification nommée « ${p.name} »${p.hint || ' ;'} ${p.known ? `configurées : ${p.known}` : 'aucune n’est configurée (`notifiers:` dans ronde.yaml)'}`,
  'cli.notify.ok': (p) => `ok : ${p.type} « ${p.name} » a accepté le message de test`,
  'cli.notify.failed': (p) => `échec : ${p.why}`,
  'cli.notify.permanent': 'réessayer n’y changera rien : vérifiez les réglages de ce canal',
  'cli.notify.later': (p) =>
    `cela peut passer plus tard${p.retryAfter ? ` (réessayer dans ${p.retryAfter} s)` : ''}`,

  'cli.init.wrote': (p) =>
    `ronde : ${p.path} écrit, avec ${count('fr', p.n, 'routine', 'routines')}.\nEnsuite : ajoutez vos hôtes et l’équipe, reliez vos pages de wiki, puis lancez \`ronde check\`.`,
  'cli.init.exists': (p) =>
    `${p.file} existe déjà ; ronde init n’écrase jamais un fichier (--output FICHIER pour écrire ailleurs)`,
  'cli.init.cannot': (p) => `impossible de créer ${p.file} : ${p.why}`,

  'cli.history.none': 'Aucun changement d’état enregistré.',
  'cli.history.new': 'nouveau',
  'cli.history.head': 'HEURE\tHÔTE\tVÉRIFICATION\tCHANGEMENT\tRÉSUMÉ',

  'post.open': 'Ouvrir dans ronde',
  'post.cut': (p) => `coupé : ${p.n} caractères, Mattermost en accepte ${p.max}`,
};
