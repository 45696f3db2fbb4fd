/*
 * The words of `ronde users` and `ronde audit` (src/cli/users.ts, audit.ts):
 * their --help and what they print.
 */
export const en = {
  'cli.users.help.summary': 'who may log in to the team’s page: add, passwd, remove, role, list',
  'cli.users.help.description':
    'Local accounts of the page and the API served by `ronde serve` (docs/web.md).\n' +
    'Roles: viewer (reads), operator (signs off, acknowledges, silences, opens\n' +
    'maintenance), admin (also manages users). A password is asked twice on a\n' +
    'terminal, or read as one line from stdin (for scripts). Changing a password or\n' +
    'removing a user ends their sessions at once. Every change is in `ronde audit`.',
  'cli.users.help.examples':
    '\nExamples:\n  ronde users add alice --role admin\n  ronde users passwd alice\n' +
    '  printf "%s\\n" "$PW" | ronde users add bot --role viewer\n  ronde users remove bob',
  'cli.users.help.add': 'create a local user (asks the password)',
  'cli.users.help.name': 'login name: letters, digits, ".", "_" or "-"',
  'cli.users.help.role': (p: { roles: string }) => `one of ${p.roles}`,
  'cli.users.help.passwd': 'set a new password (ends the user’s sessions)',
  'cli.users.help.user': 'the user',
  'cli.users.help.setRole': 'change a user’s role (takes effect at their next request)',
  'cli.users.help.remove': 'delete a user and end their sessions (the audit log keeps what they did)',
  'cli.users.help.list': 'list the users and their roles',
  'cli.users.help.json': 'print a JSON document { version, users }',
  'cli.users.added': (p: { name: string; role: string }) =>
    `User ${p.name} added (${p.role}). Log in at the address of \`ronde serve\`.`,
  'cli.users.notMember': (p: { name: string }) =>
    `Note: "${p.name}" is not a member of team:, so signing off from the page will be refused.`,
  'cli.users.passwd': (p: { name: string }) => `Password of ${p.name} changed; their sessions are ended.`,
  'cli.users.role': (p: { name: string; role: string }) => `${p.name} is now ${p.role}.`,
  'cli.users.removed': (p: { name: string }) => `User ${p.name} removed.`,
  'cli.users.none': 'No user yet: `ronde users add NAME --role admin`.',
  'cli.users.badRole': (p: { role: string; roles: string }) => `--role ${p.role}: expected one of ${p.roles}`,
  'cli.users.prompt': 'New password: ',
  'cli.users.again': 'Again: ',
  'cli.users.differ': 'the two passwords differ',
  'cli.users.tooShort': (p: { n: number }) => `a password needs at least ${p.n} characters`,
  'cli.users.noPassword': 'no password given on stdin',
  // Refusals of src/auth/users.ts: the page says them in English.
  'user.error.name': (p: { name: string }) =>
    `"${p.name}": a user name is letters, digits, ".", "_" or "-" (at most 64)`,
  'user.error.exists': (p: { name: string }) => `user "${p.name}" already exists`,
  'user.error.none': (p: { name: string }) => `no user "${p.name}"`,
  'user.error.local': (p: { name: string }) =>
    `"${p.name}" is a local user: it logs in with its own password`,

  'cli.audit.help.summary':
    'who did what, when, from where: sign-offs, acknowledgements, logins, user changes',
  'cli.audit.help.description':
    'The append-only audit log, newest first: every sign-off, acknowledgement,\n' +
    'silence, maintenance window, login, failed login and user change, from the\n' +
    'page, the API, the chat or the command line, with the address it came from.',
  'cli.audit.help.limit': 'how many entries',
  'cli.audit.help.actor': 'only this user, member or Unix account',
  'cli.audit.help.action': 'only this action (signoff, ack, login.failed, user.add…)',
  'cli.audit.help.json': 'print a JSON document { version, entries }',
  'cli.audit.help.examples': '\nExamples:\n  ronde audit\n  ronde audit --action login.failed -n 20',
  'cli.audit.empty': 'The audit log is empty.',
};

export const fr: typeof en = {
  'cli.users.help.summary': 'qui peut se connecter à la page de l’équipe : add, passwd, remove, role, list',
  'cli.users.help.description':
    'Comptes locaux de la page et de l’API servies par `ronde serve` (docs/web.md).\n' +
    'Rôles : viewer (lit), operator (valide, prend en compte, met en silence, ouvre une\n' +
    'maintenance), admin (gère aussi les utilisateurs). Le mot de passe est demandé deux\n' +
    'fois sur un terminal, ou lu en une ligne sur l’entrée standard (pour les scripts).\n' +
    'Changer un mot de passe ou supprimer un compte ferme aussitôt ses sessions. Chaque\n' +
    'changement figure dans `ronde audit`.',
  'cli.users.help.examples':
    '\nExemples :\n  ronde users add alice --role admin\n  ronde users passwd alice\n' +
    '  printf "%s\\n" "$PW" | ronde users add bot --role viewer\n  ronde users remove bob',
  'cli.users.help.add': 'créer un compte local (demande le mot de passe)',
  'cli.users.help.name': 'identifiant : lettres, chiffres, « . », « _ » ou « - »',
  'cli.users.help.role': (p) => `parmi ${p.roles}`,
  'cli.users.help.passwd': 'changer le mot de passe (ferme les sessions du compte)',
  'cli.users.help.user': 'le compte',
  'cli.users.help.setRole': 'changer le rôle d’un compte (effectif à sa prochaine requête)',
  'cli.users.help.remove':
    'supprimer un compte et fermer ses sessions (le journal d’audit garde ce qu’il a fait)',
  'cli.users.help.list': 'lister les comptes et leurs rôles',
  'cli.users.help.json': 'afficher un document JSON { version, users }',
  'cli.users.added': (p) => `Compte ${p.name} créé (${p.role}). Connexion à l’adresse de \`ronde serve\`.`,
  'cli.users.notMember': (p) =>
    `Attention : « ${p.name} » n’est pas membre de team:, ses validations depuis la page seront donc refusées.`,
  'cli.users.passwd': (p) => `Mot de passe de ${p.name} changé ; ses sessions sont fermées.`,
  'cli.users.role': (p) => `${p.name} est maintenant ${p.role}.`,
  'cli.users.removed': (p) => `Compte ${p.name} supprimé.`,
  'cli.users.none': 'Aucun compte pour l’instant : `ronde users add NOM --role admin`.',
  'cli.users.badRole': (p) => `--role ${p.role} : attendu parmi ${p.roles}`,
  'cli.users.prompt': 'Nouveau mot de passe : ',
  'cli.users.again': 'Encore une fois : ',
  'cli.users.differ': 'les deux mots de passe diffèrent',
  'cli.users.tooShort': (p) => `un mot de passe doit avoir au moins ${p.n} caractères`,
  'cli.users.noPassword': 'aucun mot de passe sur l’entrée standard',
  'user.error.name': (p) =>
    `« ${p.name} » : un identifiant est fait de lettres, chiffres, « . », « _ » ou « - » (64 au plus)`,
  'user.error.exists': (p) => `le compte « ${p.name} » existe déjà`,
  'user.error.none': (p) => `aucun compte « ${p.name} »`,
  'user.error.local': (p) =>
    `« ${p.name} » est un compte local : il se connecte avec son propre mot de passe`,

  'cli.audit.help.summary':
    'qui a fait quoi, quand, d’où : validations, prises en compte, connexions, comptes',
  'cli.audit.help.description':
    'Le journal d’audit, en ajout seul, le plus récent d’abord : chaque validation, prise\n' +
    'en compte, mise en silence, fenêtre de maintenance, connexion, connexion refusée et\n' +
    'changement de compte, depuis la page, l’API, le chat ou la ligne de commande, avec\n' +
    'l’adresse d’origine.',
  'cli.audit.help.limit': 'combien d’entrées',
  'cli.audit.help.actor': 'seulement ce compte, ce membre ou ce compte Unix',
  'cli.audit.help.action': 'seulement cette action (signoff, ack, login.failed, user.add…)',
  'cli.audit.help.json': 'afficher un document JSON { version, entries }',
  'cli.audit.help.examples': '\nExemples :\n  ronde audit\n  ronde audit --action login.failed -n 20',
  'cli.audit.empty': 'Le journal d’audit est vide.',
};
