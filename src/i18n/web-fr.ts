import { count, days } from './format.js';
import type { PageWords } from './web-en.js';

/*
 * Les mots de la page de l'équipe, en français : mêmes clés que web-en.ts.
 * Un espace simple avant les deux-points, comme dans fr.ts.
 */
export const webFr: PageWords = {
  'nav.home': 'Accueil',
  'nav.audit': 'Journal',
  'nav.logout': 'Se déconnecter',
  'nav.language': 'Langue',
  'login.title': 'Connexion',
  'login.user': 'Utilisateur',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.wrong': 'Utilisateur ou mot de passe incorrect.',
  'login.limited': 'Trop d’échecs de connexion : attendez quelques minutes.',
  'login.ldapDown':
    'L’annuaire (LDAP) ne répond pas : réessayez plus tard. Les comptes locaux se connectent toujours.',
  'login.noAccount': 'Pas de compte ? Un admin en crée un sur l’hôte de supervision :',

  'home.routines': 'Routines',
  'home.noRoutines': 'Aucune routine configurée (routines: dans ronde.yaml).',
  'home.problems': 'Problèmes',
  'home.noProblems': 'Toutes les vérifications sont OK.',
  'home.covered': 'Pris en compte, en silence ou en maintenance',
  'home.changes': 'Changements récents',
  'home.noChanges': 'Aucun changement enregistré.',
  'home.self': 'ronde lui-même',
  'home.lastRound': 'Dernière ronde',
  'home.never': 'jamais',
  'home.outbox': (p) =>
    `File d’envoi : ${count('fr', p.pending, 'message en route', 'messages en route')}, ${p.failed} en échec`,
  'home.loopStuck': 'La boucle du démon est bloquée (voir /healthz).',
  'home.moreHosts': (p: { n: number }) => `… et ${count('fr', p.n, 'autre hôte', 'autres hôtes')}.`,
  'home.allProblems': 'Tous les problèmes, par hôte',
  'home.counts': (p: {
    total: number;
    ok: number;
    warn: number;
    crit: number;
    unknown: number;
    na: number;
  }) =>
    `${count('fr', p.total, 'vérification', 'vérifications')} : ${p.ok} OK · ${p.warn} WARN · ${p.crit} CRIT · ${p.unknown} UNKNOWN` +
    (p.na > 0 ? ` · ${p.na} sans objet` : ''),

  'routine.overdue': (p) => `EN RETARD de ${days('fr', p.n)}`,
  'routine.due': 'À FAIRE',
  'routine.due_soon': 'BIENTÔT',
  'routine.ok': 'OK',
  'routine.lastDone': (p) => `fait par ${p.who}, ${p.when}`,
  'routine.neverDone': 'jamais validée',
  'routine.nextDue': (p) => `prochaine échéance ${p.when}`,
  'routine.assigned': (p) => `confiée à ${p.who}`,
  'routine.suggested': (p) => `suggestion : ${p.who}`,
  'routine.checklist': 'Liste de contrôle',
  'routine.linked': 'Vérifications liées',
  'routine.unmatched': (p) => `Pas encore de résultat pour : ${p.selectors}`,
  'routine.history': 'Historique des validations',
  'routine.noHistory': 'Jamais validée.',
  'routine.signoff': 'Valider',
  'routine.note': 'Ce qui a été fait',
  'routine.submit': 'Enregistrer la validation',
  'routine.undo': (p) => `annulation de #${p.id}`,
  'routine.recorded': (p) => `Validation #${p.id} enregistrée.`,
  'routine.needNote': 'Dites ce qui a été fait, ou cochez des éléments de la liste.',
  'routine.notMember': (p) => `${p.user} n’est pas membre de team: dans ronde.yaml, et ne peut pas valider.`,
  'routine.readOnly': 'Valider demande le rôle operator.',

  'check.status': 'État',
  'check.since': (p) => `depuis ${p.when}`,
  'check.timeline': '30 derniers jours',
  'check.chart': (p) => `Tendance : ${p.name}`,
  'check.recent': 'Derniers résultats',
  // Suggestions d'une vérification (wiki : gitlab.issues, docs.coverage).
  'check.suggestions': 'Quand vous aurez un moment',
  'check.suggestion.since': (p) => `sans activité depuis le ${p.date}`,
  'check.changes': 'Changements',
  'host.checks': 'Vérifications',
  'host.unknown': 'Aucun résultat pour cet hôte.',
  'host.tags': (p) => `étiquettes : ${p.tags}`,

  'cover.ack': (p) => `pris en compte par ${p.by} : ${p.reason}`,
  'cover.silence': (p) => `mis en silence par ${p.by} : ${p.reason}`,
  'cover.maintenance': (p) => `maintenance par ${p.by} : ${p.reason}`,
  'cover.until': (p) => `jusqu’au ${p.when}`,
  'cover.untilRecovery': 'jusqu’au retour à la normale',

  'ack.reason': 'Raison',
  'ack.reasonHint': 'disque commandé, d’ici vendredi',
  'ack.for': 'Pour combien de temps (vide : jusqu’au retour à la normale)',
  'ack.forHint': 'p. ex. 4d',
  'ack.submit': 'Prendre en compte',
  'ack.end': 'Lever la prise en compte',
  'span.title': 'Silences et maintenances',
  'span.none': 'Aucun silence ni maintenance en cours.',
  'span.newSilence': 'Nouveau silence',
  'span.newMaintenance': 'Nouvelle fenêtre de maintenance',
  'span.selector': 'Ce qu’elle couvre',
  'span.for': 'Pour combien de temps',
  'span.endWhenOk': 'finir plus tôt quand tout ce qu’elle couvre est de nouveau OK',
  'span.silence': 'Mettre en silence',
  'span.start': 'Commencer la maintenance',
  'span.end': 'Finir maintenant',
  'span.silenceLabel': 'silence',
  'span.maintenanceLabel': 'maintenance',
  'action.done': 'Fait.',
  'nav.silences': 'Silences',

  'chat.usage':
    'Usage : `/ronde done ROUTINE [note]` · `/ronde ack HÔTE VÉRIFICATION raison` · `/ronde status [HÔTE]`',
  'chat.notMember': (p) =>
    `@${p.user} n’est pas dans team: de ronde.yaml (par son nom mattermost:), ronde ne peut pas agir pour vous.`,
  'chat.needRole': (p) => `Il faut le rôle ${p.role} dans ronde (\`ronde users role\`).`,
  'chat.signedOff': (p) => `${p.who} a validé **${p.title}**${p.note ? ` : ${p.note}` : ''}`,
  'chat.unknownRoutine': (p) => `Pas de routine « ${p.id} ». Routines : ${p.ids}`,
  'chat.acked': (p) => `${p.who} a pris en compte ${p.host} ${p.check} : ${p.reason}`,
  'chat.allOk': 'Toutes les vérifications sont OK.',
  'chat.problems': (p) => `${count('fr', p.n, 'problème', 'problèmes')} :`,

  'audit.title': 'Journal d’audit',
  'audit.when': 'Quand',
  'audit.who': 'Qui',
  'audit.what': 'Quoi',
  'audit.subject': 'Sur',
  'audit.from': 'Depuis',
  'audit.older': 'Entrées plus anciennes',

  'col.status': 'État',
  'col.check': 'Vérification',
  'col.summary': 'Résumé',
  'col.since': 'Depuis',
  'col.when': 'Quand',
  'col.host': 'Hôte',
  'col.change': 'Changement',
  'col.by': 'Par',
  'col.note': 'Note',

  // Backups and releases pages (issue 18, web)
  'nav.backups': 'Sauvegardes',
  'nav.releases': 'Versions',
  'backups.title': 'Sauvegardes',
  'backups.none':
    'Aucune vérification de sauvegarde n’a encore de résultat (backup.files, backup.borg, backup.restic, proxmox.backups).',
  'backups.set': 'Jeu',
  'backups.newest': 'La plus récente',
  'backups.size': 'Taille',
  'backups.trend': 'Évolution de la taille',
  'backups.noBackup': 'aucune',
  'backups.trendLabel': (p: { n: number; from: string; to: string }) =>
    `${count('fr', p.n, 'sauvegarde', 'sauvegardes')} : ${p.from} → ${p.to}`,
  'releases.title': 'Versions publiées',
  'releases.none': 'Aucune version surveillée (releases: dans ronde.yaml).',
  'releases.watch': 'Logiciel',
  'releases.latest': 'Dernière vue',
  'releases.checked': (p: { when: string }) => `vérifié ${p.when}`,
  'releases.neverChecked': 'pas encore vérifié',
  'releases.limited': (p: { when: string }) => `limité par la source jusqu’à ${p.when}`,
  'releases.error': (p: { error: string }) => `dernière erreur : ${p.error}`,
  'releases.announced': 'annoncée',
  'releases.silent': 'notée sans message (premier regard ou rafale)',
  'releases.older': 'Hôtes avec une version plus ancienne',
  'releases.allCurrent': 'Aucun hôte n’a de version plus ancienne (d’après docker.updates).',
  'releases.noImages': 'Aucune image de ce logiciel à comparer (images: de la surveillance).',
  'releases.history': 'Vues',
};
