/*
 * The words of `ronde routines`, `ronde done` and `ronde undo` (src/cli/routines.ts,
 * done.ts, done-guard.ts) not already in en.ts/fr.ts: their --help and the
 * messages added with issue 16. The board's own words stay the `cli.routines.*`
 * keys of en.ts/fr.ts.
 */
export const en = {
  'cli.routines.help.summary': 'show the routines: overdue first, who did each last and when',
  'cli.routines.help.description':
    'One line per routine, overdue first: its state (OVERDUE n d, DUE, DUE SOON, OK), who should ' +
    'take it (WHO: the assignee, or `bob?` — the fair suggestion the reminders make for a due or ' +
    'overdue routine), who signed it off last and when, the next due date, and the worst status ' +
    'of its linked checks. A routine never signed off is due from the moment ronde first saw it ' +
    'in the configuration.',
  'cli.routines.help.json': 'print a JSON document { version, routines }',
  'cli.routines.help.noColor': 'no colours (also: NO_COLOR=1, or output not a terminal)',
  'cli.routines.help.examples':
    '\nExamples:\n  ronde routines\n  ronde routines show backups\n  ronde done backups --note "dumps checked"',
  'cli.routines.help.show.summary': 'one routine: checklist, history of sign-offs, linked check results',
  'cli.routines.help.show.id': 'the routine id',
  'cli.routines.help.show.json': 'print a JSON document { version, routine }',
  'cli.routines.help.show.noColor': 'no colours',
  'cli.routines.unknown': (p: { id: string }) => `unknown routine "${p.id}"`,
  /** Under the board when the daemon's reminders cannot be trusted. */
  'cli.routines.self': (p: { status: string; summary: string }) => `ronde.self ${p.status}: ${p.summary}`,

  'cli.done.help.summary': 'sign a routine off: who did it, when, with what note',
  'cli.done.help.description':
    'Appends a sign-off to the routine’s history and prints the next due date.\n' +
    'The history is never rewritten: `ronde undo` records a cancellation.\n' +
    '--note is required unless checklist items are ticked with --item.\n\n' +
    'The person is --by, else $RONDE_USER, git’s user.name, $SUDO_USER, $USER.\n' +
    'With a `team:`, it must be a member. The Unix account is recorded beside it.\n\n' +
    'When a linked check is not OK, it says which and asks for confirmation; without a\n' +
    'terminal it refuses (exit 1, nothing recorded) unless --force is given.\n' +
    'The sign-off is told to the team in one line (event routine.done).',
  'cli.done.help.id': 'the routine id (see `ronde routines`)',
  'cli.done.help.note': 'what was done ("all VMs but mail; rebooted web1")',
  'cli.done.help.item': 'checklist items ticked, 1-based (repeatable)',
  'cli.done.help.by': 'the team member who did it',
  'cli.done.help.json': 'print a JSON document { version, recorded, routine }',
  'cli.done.help.force': 'sign off even when a linked check is not OK (say why in --note)',
  'cli.done.help.examples':
    '\nExamples:\n  ronde done vm-updates --note "all VMs, web1 rebooted" --item 1 2 3\n  ronde done backups -m "dumps restored on test" --by alice',
  'cli.done.item.noChecklist': (p: { item: string }) => `--item ${p.item}: this routine has no checklist`,
  'cli.done.item.range': (p: { item: string; count: number }) =>
    `--item ${p.item}: expected a checklist item number from 1 to ${p.count}`,
  'cli.done.whoAreYou': 'cannot tell who you are: pass --by NAME (or set RONDE_USER)',
  /** `hint`: ` — did you mean "alice"?` or empty. */
  'cli.done.notMember': (p: { name: string; source: string; guess: string; members: string }) =>
    `"${p.name}" (from ${p.source}) is not a member of team:${p.guess ? ` — did you mean "${p.guess}"?` : ''} ` +
    `Members: ${p.members}. Pass --by NAME or set RONDE_USER.`,
  /** One linked check that is not OK, under the warning of `ronde done`. */
  'cli.done.badCheck': (p: { check: string; target: string; summary: string }) =>
    `${p.check} on ${p.target}: ${p.summary}`,

  'cli.undo.help.summary': 'cancel the latest sign-off of a routine (recorded, never deleted)',
  'cli.undo.help.description':
    'Appends an undo entry naming the latest sign-off still in force: the routine’s\n' +
    'state falls back to the one before. Both entries stay in the history\n' +
    '(`ronde routines show ID`).',
  'cli.undo.help.id': 'the routine id',
  'cli.undo.help.note': 'why ("signed the wrong routine")',
  'cli.undo.help.by': 'the team member undoing it (default as for `ronde done`)',
  'cli.undo.help.json': 'print a JSON document { version, recorded, undone, routine }',
};

export const fr: typeof en = {
  'cli.routines.help.summary':
    'afficher les routines : en retard d’abord, qui a fait chacune en dernier et quand',
  'cli.routines.help.description':
    'Une ligne par routine, les retards d’abord : son état (EN RETARD n j, À FAIRE, BIENTÔT, À JOUR), ' +
    'qui devrait s’en charger (QUI : la personne assignée, ou `bob?` — la suggestion équitable que font ' +
    'les rappels pour une routine à faire ou en retard), qui l’a validée en dernier et quand, la ' +
    'prochaine échéance, et le pire état de ses vérifications liées. Une routine jamais validée est à ' +
    'faire dès que ronde l’a vue pour la première fois dans la configuration.',
  'cli.routines.help.json': 'afficher un document JSON { version, routines }',
  'cli.routines.help.noColor': 'sans couleurs (aussi : NO_COLOR=1, ou sortie hors terminal)',
  'cli.routines.help.examples':
    '\nExemples :\n  ronde routines\n  ronde routines show backups\n  ronde done backups --note "dumps vérifiés"',
  'cli.routines.help.show.summary':
    'une routine : liste des étapes, historique des validations, résultats des vérifications liées',
  'cli.routines.help.show.id': 'l’identifiant de la routine',
  'cli.routines.help.show.json': 'afficher un document JSON { version, routine }',
  'cli.routines.help.show.noColor': 'sans couleurs',
  'cli.routines.unknown': (p) => `routine inconnue « ${p.id} »`,
  'cli.routines.self': (p) => `ronde.self ${p.status} : ${p.summary}`,

  'cli.done.help.summary': 'valider une routine : qui l’a faite, quand, avec quelle note',
  'cli.done.help.description':
    'Ajoute une validation à l’historique de la routine et affiche la prochaine échéance.\n' +
    'L’historique n’est jamais réécrit : `ronde undo` enregistre une annulation.\n' +
    '--note est obligatoire sauf si des étapes de la liste sont cochées avec --item.\n\n' +
    'La personne est --by, sinon $RONDE_USER, le user.name de git, $SUDO_USER, $USER.\n' +
    'Avec une `team:`, ce doit être un membre. Le compte Unix est enregistré à côté.\n\n' +
    'Quand une vérification liée n’est pas OK, la commande dit laquelle et demande\n' +
    'confirmation ; sans terminal elle refuse (code 1, rien d’enregistré) sauf avec --force.\n' +
    'La validation est annoncée à l’équipe en une ligne (événement routine.done).',
  'cli.done.help.id': 'l’identifiant de la routine (voir `ronde routines`)',
  'cli.done.help.note': 'ce qui a été fait (« toutes les VM sauf mail ; web1 redémarrée »)',
  'cli.done.help.item': 'étapes de la liste cochées, numérotées à partir de 1 (répétable)',
  'cli.done.help.by': 'le membre de l’équipe qui l’a faite',
  'cli.done.help.json': 'afficher un document JSON { version, recorded, routine }',
  'cli.done.help.force': 'valider même si une vérification liée n’est pas OK (dites pourquoi dans --note)',
  'cli.done.help.examples':
    '\nExemples :\n  ronde done vm-updates --note "toutes les VM, web1 redémarrée" --item 1 2 3\n  ronde done backups -m "dumps restaurés en test" --by alice',
  'cli.done.item.noChecklist': (p) => `--item ${p.item} : cette routine n’a pas de liste d’étapes`,
  'cli.done.item.range': (p) => `--item ${p.item} : attendu un numéro d’étape de 1 à ${p.count}`,
  'cli.done.whoAreYou': 'impossible de savoir qui vous êtes : donnez --by NOM (ou définissez RONDE_USER)',
  'cli.done.notMember': (p) =>
    `« ${p.name} » (d’après ${p.source}) n’est pas membre de team:${p.guess ? ` — vouliez-vous dire « ${p.guess} » ?` : ''} ` +
    `Membres : ${p.members}. Donnez --by NOM ou définissez RONDE_USER.`,
  'cli.done.badCheck': (p) => `${p.check} sur ${p.target} : ${p.summary}`,

  'cli.undo.help.summary': 'annuler la dernière validation d’une routine (enregistré, jamais effacé)',
  'cli.undo.help.description':
    'Ajoute une annulation qui nomme la dernière validation en vigueur : la routine\n' +
    'revient à l’état d’avant. Les deux entrées restent dans l’historique\n' +
    '(`ronde routines show ID`).',
  'cli.undo.help.id': 'l’identifiant de la routine',
  'cli.undo.help.note': 'pourquoi (« validé la mauvaise routine »)',
  'cli.undo.help.by': 'le membre de l’équipe qui annule (par défaut comme pour `ronde done`)',
  'cli.undo.help.json': 'afficher un document JSON { version, recorded, undone, routine }',
};
