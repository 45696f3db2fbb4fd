import { fr as checks } from './checks/index.js';
import { fr as commands } from './cli/index.js';
import { fr as configWords } from './config.js';
import type { Catalogue } from './en.js';
import { count, days } from './format.js';
import { fr as notifyErrors } from './notify-errors.js';

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
  'routine.autoNote': (p) => `faite d’elle-même : ses vérifications ${p.checks} sont toutes OK`,
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
  // Suggestions du bilan (wiki : gitlab.issues, docs.coverage).
  'digest.suggestions': '**Quand vous aurez un moment :**',
  'digest.suggestion.since': (p) => `sans activité depuis le ${p.date}`,

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

  'cli.routines.none':
    'Aucune routine configurée : ajoutez `routines:` à ronde.yaml (voir docs/routines.md, ou `ronde init`).',
  'cli.routines.status.overdue': (p) => `EN RETARD ${p.days} j`,
  'cli.routines.status.due': 'À FAIRE',
  'cli.routines.status.due_soon': 'BIENTÔT',
  'cli.routines.status.ok': 'À JOUR',
  'cli.ago.now': 'à l’instant',
  'cli.ago': (p) => `il y a ${p.d}`,
  'cli.routines.head': 'ÉTAT\tROUTINE\tTITRE\tQUI\tDERNIÈRE FOIS\tÉCHÉANCE\tVÉRIFICATIONS',
  'cli.routines.lastBy': (p) => `${p.ago} par ${p.by}`,
  'cli.routines.never': 'jamais',
  'cli.routines.checks.ok': (p) => `OK (${p.n})`,
  'cli.routines.checks.bad': (p) => `${p.status} : ${p.bad} sur ${p.n} pas OK`,
  'cli.routines.checks.missing': (p) => `, ${p.n} sans résultat`,
  'cli.routines.checks.na': (p) => `, ${p.n} sans objet`,
  'cli.routines.checks.allNa': (p) => `sans objet (${p.n})`,
  'cli.routines.checks.noResult': 'pas encore de résultat',
  'cli.routines.every': (p) => `tous les ${p.every}`,
  'cli.routines.undoOf': (p) => `annulation de #${p.id}`,
  'cli.routines.doneAuto': 'faite (vérifications OK)',
  'cli.routines.done': 'faite',
  'cli.routines.signoff': (p) => `${p.what} par ${p.by} (utilisateur système ${p.osUser})`,
  'cli.routines.items': (p) => ` points ${p.items}`,
  'cli.routines.undone': '[annulée]',
  'cli.routines.show.status': 'état',
  'cli.routines.show.next': 'échéance',
  'cli.routines.show.cadence': 'cadence',
  'cli.routines.show.selfCompletes': ', se valide seule quand ses vérifications sont OK',
  'cli.routines.show.assignee': 'assignée à',
  'cli.routines.show.suggested': 'suggestion',
  'cli.routines.show.suggestedWhy': (p) =>
    `${p.name} (le moins de routines ces derniers temps ; voir docs/routines.md)`,
  'cli.routines.show.lastDone': 'dernière fois',
  'cli.routines.show.lastDoneAt': (p) => `${p.at} (${p.ago}) par ${p.by}`,
  'cli.routines.show.neverSince': (p) => `jamais (configurée le ${p.at})`,
  'cli.routines.show.checklist': 'Liste (cochés lors de la dernière validation) :',
  'cli.routines.show.history': 'Historique (le plus récent d’abord) :',
  'cli.routines.show.noSignoff': 'pas encore de validation',
  'cli.routines.show.linked': (p) => `Vérifications liées (${p.checks}) :`,
  'cli.routines.show.checkLine': (p) => `${p.check} sur ${p.target} depuis le ${p.since} : ${p.summary}`,
  'cli.routines.show.naLine': (p) => `${p.check} sur ${p.target} : ${p.summary}`,
  'cli.routines.show.noResultFor': (p) => `pas encore de résultat pour ${p.selector}`,

  'cli.done.noteRequired':
    '--note est requis : dites ce qui a été fait (ou cochez des points de la liste avec --item N)',
  'cli.done.recorded': (p) =>
    `Enregistré #${p.n} : ${p.id} faite par ${p.by} (utilisateur système ${p.osUser}) le ${p.at}${p.ticked}.`,
  'cli.done.ticked': (p) => `, points ${p.items} sur ${p.of}`,
  'cli.done.note': (p) => `Note : ${p.note}`,
  'cli.done.next': (p) => `Prochaine échéance : ${p.at} (${p.zone}), état : ${p.status}.`,
  'cli.undo.nothing': (p) => `${p.id} n’a aucune validation à annuler`,
  'cli.undo.recorded': (p) =>
    `Enregistré #${p.n} : annulation de #${p.of} (${p.id} faite par ${p.by} le ${p.at}).`,
  'cli.undo.now': (p) => `${p.id} est maintenant ${p.status}, prochaine échéance ${p.at} (${p.zone}).`,

  'cli.outbox.empty': 'Rien en attente : tous les messages sont partis.',
  'cli.outbox.times': (p) => `Heures en ${p.tz}.`,
  'cli.outbox.lastError': (p) => `dernière erreur : ${p.error}`,
  'cli.outbox.nextTry': (p) => `prochain essai : ${p.at}`,
  'cli.outbox.hint':
    'Réessayer : ronde outbox retry ID (ou --all)   Abandonner : ronde outbox drop ID --reason TEXTE',
  'cli.outbox.retried': (p) => `#${p.id} : remis en file (était ${p.before})`,
  'cli.outbox.dropped': (p) => `#${p.id} : abandonné`,
  'cli.outbox.refused': (p) => `#${p.id} : inchangé : ${p.why}`,
  'cli.outbox.daemonSends':
    'ronde serve l’enverra à sa prochaine distribution (sous 15 s), avec la même clé d’idempotence.',
  'cli.outbox.noneFailed': 'Aucun message en échec à réessayer.',
  'cli.outbox.idsOrAll': 'donnez des numéros de message (tels que `ronde outbox` les liste) ou --all',
  'cli.outbox.badId': (p) =>
    `« ${p.s} » n’est pas un numéro de message : un nombre comme 12 est attendu (voir \`ronde outbox\`)`,
  'cli.outbox.noActions': 'Aucune relance ni abandon enregistré.',
  'cli.outbox.notBoth': 'donnez des numéros de message ou --all, pas les deux',
  'cli.outbox.reason': '--reason doit dire pourquoi',

  'post.open': 'Ouvrir dans ronde',
  'post.cut': (p) => `coupé : ${p.n} caractères, Mattermost en accepte ${p.max}`,

  'cli.check.local': ' (local)',
  'cli.check.na': 'sans objet',
  'cli.check.ranIn': (p) => `exécuté en ${p.ms} ms :`,
  'cli.check.timedOut': 'délai dépassé',
  'cli.check.didNotFinish': 'non terminé',
  'cli.check.exit': (p) => `code de sortie ${p.code}`,
  'cli.check.more': (p) => `… ${p.n} de plus (--json pour tout voir)`,
  'cli.check.notApplicable': (p) => `${p.n} sans objet`,
  'cli.check.noChecks': 'aucune vérification',
  'cli.check.interrupted': ' (interrompu : résultats partiels)',

  'signoff.title': (p) => `Fait : ${p.title}`,
  'signoff.line': (p) => `${p.by} a validé ${p.title} (${p.id})${p.note ? ` : ${p.note}` : '.'}`,
  'signoff.auto': (p) =>
    `${p.title} (${p.id}) s’est validée d’elle-même : ses vérifications liées sont toutes OK.`,
  'undo.title': (p) => `Finalement pas fait : ${p.title}`,
  'undo.line': (p) =>
    `${p.by} a annulé la validation de ${p.title} (${p.id}) faite par ${p.of} le ${p.at}${p.note ? ` : ${p.note}` : ''}. La routine est de nouveau due comme avant.`,

  'done.notOk': (p) =>
    `${p.id} : ${count('fr', p.n, 'vérification liée n’est pas OK', 'vérifications liées ne sont pas OK')} :`,
  'done.ask': 'La valider quand même ? [o/N] ',
  'done.refused': 'Non validée. Si c’est fait malgré tout, dites pourquoi dans --note et ajoutez --force.',
  'done.declined': 'Non validée.',

  // `ronde access` (src/cli/access.ts).
  'access.none': 'aucune vérification access.review n’est configurée (docs/access.md)',
  'access.noSuchSource': (p) => `aucune vérification access.review ne correspond à ${p.wanted}`,
  'access.noSnapshot': (p) =>
    `rien de revu pour ${p.source} : lancer d’abord \`ronde access review\`, puis approuver ce qu’elle montre`,
  'access.count': (p) => count('fr', p.n, 'accès', 'accès'),
  'access.since': (p) => `approuvés par ${p.by} le ${p.at}`,
  'access.neverApproved': 'jamais approuvés',
  'access.cannotRead': (p) => `lecture impossible : ${p.why}`,
  'access.toLookAt': 'à regarder :',
  'access.lastLogin': (p) => `dernière connexion le ${p.at}`,
  'access.expires': (p) => `expire le ${p.at}`,
  'access.approveHint': (p) => `ronde access approve ${p.source} --by NOM --note "…"`,
  'access.unchanged': 'inchangés depuis l’approbation',
  'access.md.title': (p) =>
    p.n === 0
      ? 'Revue des accès : tout est comme approuvé'
      : `Revue des accès : ${count('fr', p.n, 'source à approuver', 'sources à approuver')}`,
  'access.approved': (p) =>
    `${p.source} : instantané ${p.snapshot} (${count('fr', p.n, 'accès', 'accès')}) approuvé par ${p.by}`,
  'access.noApproval': 'aucune approbation pour l’instant',
  // access review: authorized_keys options (gaps)
  'access.options': (p) => `options : ${p.options}`,
  'access.keysFiles': (p) => `clés lues dans ${p.files} (${p.from})`,
  'access.keysFilesNone': 'aucun fichier',
  'access.keysFilesMatch': (p) =>
    `clés lues dans ${p.files} (${p.from} ; un bloc Match nomme d’autres fichiers pour certaines connexions, non lus)`,

  ...checks,
  ...commands,
  ...configWords,
  ...notifyErrors,
  // `ronde upgrade` (src/actions/upgrade/, src/cli/upgrade.ts).
  'upgrade.refuse.simulation': (p) => `la simulation n’a pas pu tourner : ${p.detail}`,
  'upgrade.refuse.unparsed': (p) => `apt-get -s a dit quelque chose d’incompris : ${p.detail}`,
  'upgrade.refuse.removes': (p) => `la mise à jour supprimerait ${p.detail} (--allow-remove pour l’accepter)`,
  'upgrade.refuse.held': (p) => `paquet(s) bloqué(s) dont la mise à jour a besoin : ${p.detail}`,
  'upgrade.refuse.docker': (p) => `un service Docker attendu est arrêté : ${p.detail}`,
  'upgrade.refuse.disk': (p) => `un disque dépasse son seuil : ${p.detail}`,
  'upgrade.refuse.backup': (p) => `ses sauvegardes ne sont pas OK : ${p.detail}`,
  'upgrade.refuse.backupAge': (p) => `sa dernière sauvegarde est trop ancienne (${p.detail})`,
  'upgrade.refuse.noBackup': 'aucune sauvegarde connue (résultats de proxmox.backups)',
  'upgrade.refuse.window': (p) => `la fenêtre de maintenance « ${p.detail} » n’est pas ouverte`,
  'upgrade.refuse.local': 'la machine où tourne ronde : à mettre à jour à la main',
  'upgrade.plan.host': (p) =>
    `${p.host} : ${count('fr', p.n, 'paquet', 'paquets')} (${p.security} de sécurité)`,
  'upgrade.plan.reboot.kernel': 'redémarrage (nouveau noyau)',
  'upgrade.plan.reboot.required': 'redémarrage (reboot-required)',
  'upgrade.plan.removes': (p) => `supprime : ${p.names}`,
  'upgrade.plan.upToDate': (p) => `${p.host} : à jour`,
  'upgrade.plan.refused': (p) => `${p.host} : REFUSÉ`,
  'upgrade.plan.batches': 'Ordre (les hôtes d’un lot ensemble ; le premier échec arrête tout) :',
  'upgrade.plan.batch': (p) => `  lot ${p.n} : ${p.hosts}`,
  'upgrade.plan.nothing': 'Rien à mettre à jour.',
  'upgrade.confirm': 'Mettre ces hôtes à jour maintenant ? [o/N] ',
  'upgrade.declined': 'Rien n’a été fait.',
  'upgrade.start.title': (p) => `Mise à jour : début, ${count('fr', p.n, 'hôte', 'hôtes')}`,
  'upgrade.start.text': (p) =>
    `${p.by} a lancé la mise à jour n° ${p.id} :\n${p.hosts}\n\n\`ronde upgrade history\` montre chaque étape.`,
  'upgrade.end.title': (p) => `Mise à jour : ${p.outcome}`,
  'upgrade.end.text': (p) => `Mise à jour n° ${p.id} :\n${p.hosts}`,
  'upgrade.state.upgraded': 'à jour (mis à jour)',
  'upgrade.state.up-to-date': 'déjà à jour',
  'upgrade.state.failed': 'ÉCHEC',
  'upgrade.state.interrupted': 'interrompu',
  'upgrade.state.refused': 'refusé',
  'upgrade.state.not-started': 'pas commencé',
  'upgrade.outcome.ok': 'terminée',
  'upgrade.outcome.failed': 'ÉCHEC',
  'upgrade.outcome.interrupted': 'interrompue',
  'upgrade.outcome.nothing': 'rien à faire',
  'upgrade.signedOff': (p) => `Routine ${p.id} validée.`,
  'upgrade.interrupt': 'interrompu : arrêt après l’étape en cours (jamais coupée : apt-get doit finir)',
  'upgrade.runEnd': (p) => `Mise à jour n° ${p.id} : ${p.outcome}`,
  'upgrade.notTty':
    'pas un terminal : rien n’a été demandé ni fait ; ajoutez --yes pour une exécution sans surveillance',
  'upgrade.unknownHost': (p) => `aucun hôte « ${p.host} » dans l’inventaire`,
  'upgrade.noMatch': 'aucun hôte de `upgrade.hosts` ne correspond à la sélection',
  'upgrade.history.none': 'Aucune mise à jour enregistrée (`ronde upgrade run`).',
  'upgrade.history.run': (p) => `n° ${p.id} ${p.at} par ${p.by} (${p.osUser}) : ${p.outcome}${p.took}`,
  'upgrade.history.rebooted': 'redémarré',
  'upgrade.history.rebootSkipped': 'nécessaire, pas fait',
  'upgrade.history.noReboot': 'pas nécessaire',
  'upgrade.history.new': '(nouveau)',
  'upgrade.history.removed': '(supprimé)',
};
