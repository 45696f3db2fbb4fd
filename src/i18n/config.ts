/*
 * The words of the configuration's problems (src/config/*, and "did you
 * mean" of src/core/suggest.ts): what `ronde config validate` and every
 * command print about ronde.yaml and the names a person types. Said in the
 * file's `language:` when it parsed far enough, else the locale's
 * (docs/configuration.md, "Language of the problems"). `file:line:col`,
 * paths and names stay as they are. Keys start with `config.`.
 */
const list = (xs: string) => xs || '(none)';
const listFr = (xs: string) => xs || '(aucun)';

export const en = {
  'config.didYouMean': (p: { guess: string }) => ` — did you mean "${p.guess}"?`,
  'config.moreProblems': (p: { n: number }) =>
    `… and ${p.n} more problem${p.n === 1 ? '' : 's'} (not listed)`,
  'config.cannotReadFile': (p: { error: string }) => `cannot read the file (${p.error})`,
  'config.tooDeep': (p: { max: number }) =>
    `collections nested more than ${p.max} levels deep: not a configuration`,
  'config.cannotReadYaml': (p: { error: string }) => `cannot read the YAML: ${p.error}`,
  'config.duplicateKey': 'Map keys must be unique',
  'config.missing': (p: { expected: string }) => `missing (expected ${p.expected})`,
  'config.expected': (p: { expected: string; received: string }) =>
    `expected ${p.expected}, received ${p.received}`,
  'config.unknownKey': (p: { hint: string }) => `unknown key${p.hint ? ` (did you mean "${p.hint}"?)` : ''}`,
  'config.duplicateHost': (p: { name: string; first: number }) =>
    `duplicate host name "${p.name}" (first at hosts[${p.first}])`,
  'config.unknownKind': (p: { kind: string; hint: string; ids: string }) =>
    `unknown check kind "${p.kind}"${p.hint ? ` (did you mean "${p.hint}"?)` : ''}; ${
      p.ids ? `available: ${p.ids}` : 'no check kinds are registered'
    }`,
  'config.duplicateCheck': (p: { name: string; first: number }) =>
    `duplicate check name "${p.name}" (first at checks[${p.first}]): give each instance its own \`name\``,
  'config.noHostTag': (p: { tag: string }) => `no host has tag "${p.tag}"`,
  'config.noHostNamed': (p: { name: string; hint: string }) =>
    `no host named "${p.name}"${p.hint ? ` (did you mean "${p.hint}"?)` : ''}`,
  // src/config/names.ts: `hint` is the did-you-mean part, or a full stop.
  'config.names.noTag': (p: { tag: string; hint: string; tags: string }) =>
    `no host has tag "${p.tag}"${p.hint} Tags: ${list(p.tags)}`,
  'config.names.unknownHost': (p: { name: string; hint: string; names: string }) =>
    `unknown host "${p.name}"${p.hint} Hosts: ${list(p.names)}`,
  'config.names.kindNotConfigured': (p: { kind: string; checks: string }) =>
    `no check of kind "${p.kind}" is configured. Checks: ${list(p.checks)}`,
  'config.names.unknownCheck': (p: { name: string; hint: string; checks: string }) =>
    `unknown check "${p.name}"${p.hint} Checks: ${list(p.checks)}`,
  'config.names.kind': (p: { kind: string }) => `${p.kind} (kind)`,
  'config.names.notOnHost': (p: { name: string; where: string; on: string }) =>
    `"${p.name}" does not run on ${p.where} (it runs on: ${list(p.on)}), so this link would never have a result`,
  'config.names.noRoutines': (p: { id: string }) =>
    `unknown routine "${p.id}": no routine is configured (routines: in ronde.yaml)`,
  'config.names.unknownRoutine': (p: { id: string; hint: string; ids: string }) =>
    `unknown routine "${p.id}"${p.hint} Routines: ${list(p.ids)}`,
  // src/config/secrets.ts: a reference that does not resolve (names it, never a value).
  'config.secret.envUnset': (p: { ref: string; name: string }) =>
    `secret ${p.ref}: environment variable ${p.name} is not set`,
  'config.secret.cannotReadFile': (p: { ref: string; code: string }) =>
    `secret ${p.ref}: cannot read file (${p.code})`,
  // src/config/pass.ts: why a `${pass:…}` entry gave no value (pass's or gpg's own line quoted as it came).
  'config.secret.pass': (p: { ref: string; problem: string }) => `secret ${p.ref}: ${p.problem}`,
  'config.pass.notYet': 'pass show has not answered yet (ronde serve reads entries in the background)',
  'config.pass.cannotRun': (p: { error: string }) => `cannot run pass (${p.error})`,
  'config.pass.timeout': (p: { sec: number }) =>
    `pass show did not answer in ${p.sec} s (is gpg-agent waiting for a passphrase?)`,
  'config.pass.notInstalled': 'pass is not installed (apt-get install pass)',
  'config.pass.killed': (p: { signal: string }) => `pass show was killed (${p.signal})`,
  'config.pass.failed': (p: { status: number; error: string }) =>
    `pass show failed (exit ${p.status}): ${p.error}`,
  // Cross-section checks and refinements of the schemas (src/*/schema.ts): a custom
  // zod issue carries `params: { key, … }` and validate.ts says it with these.
  'config.database.urlOrPath': 'give either url (PostgreSQL) or path (SQLite), not both',
  'config.timezone': 'expected an IANA time zone such as Europe/Paris',
  'config.routine.everyOrCron': 'give exactly one of `every:` or `cron:`',
  'config.routine.cronNever': 'this cron pattern never fires',
  'config.routine.cronInvalid': (p: { error: string }) => `invalid cron pattern: ${p.error}`,
  'config.routine.checksOkNeedsChecks': '`done_when: checks_ok` needs at least one entry in `checks:`',
  'config.routine.idTwice': (p: { id: string }) => `routine id "${p.id}" used twice`,
  'config.routine.notMember': (p: { name: string }) => `"${p.name}" is not a member of \`team:\``,
  'config.team.twice': (p: { name: string }) => `team member "${p.name}" listed twice`,
  'config.email.userPassword': 'give both `user` and `password`, or neither',
  'config.email.plaintext': 'a password is never sent in plaintext: keep `starttls: true` or set `tls: true`',
  'config.notifier.twice': (p: { name: string }) => `notifier "${p.name}" defined twice`,
  'config.notifier.none': (p: { name: string }) => `no notifier named "${p.name}" in \`notifiers:\``,
  'config.route.noEvent': (p: { events: string }) => `matches no event; events are ${p.events}`,
  'config.window.cron': 'expected a cron pattern such as "0 3 * * sun" (MIN HOUR DOM MON DOW)',
  'config.window.covers': 'a window covers something: give host, tag, kind or check',
  'config.release.twice': (p: { name: string }) => `release watch "${p.name}" defined twice`,
  'config.upgrade.noRoutine': (p: { name: string }) => `no routine "${p.name}" in \`routines:\``,
  'config.upgrade.noWindow': (p: { name: string }) => `no window "${p.name}" in \`maintenance:\``,
  'config.upgrade.notHost': (p: { name: string }) => `"${p.name}" is not a host of \`hosts:\``,
  // The kinds' own option rules (src/checks/**, with src/config/sentence.ts).
  'config.option.notAbove': (p: { a: string; b: string }) => `${p.a} must not exceed ${p.b}`,
  'config.option.notBoth': (p: { a: string; b: string }) => `give ${p.a} or ${p.b}, not both`,
  'config.option.mustExceed': (p: { a: string; b: string }) => `${p.a} must exceed ${p.b}`,
  'config.option.ip': 'an IP address',
  'config.option.ipv4or6': 'an IPv4 or IPv6 address',
  'config.option.regex': 'not a valid regular expression',
  'config.option.hostPort': '`host:port`, e.g. mail.example.org:25 or [2001:db8::1]:993',
  'config.option.atLeastADay': 'expected at least one day, e.g. 90d',
  'config.option.warnNotAboveCrit': 'warn thresholds must not exceed crit',
  'config.option.nothingJudged': 'give warn, crit or full_at: otherwise nothing is judged',
  'config.option.step': 'step must be positive and at most window',
  'config.option.dnsblWhat': 'give the addresses (or the domains) to look up',
  'config.option.mailDnsWhat':
    'give the mail domains (domains) or the sending addresses (sending_ips) to check',
  'config.option.gitlabWhat': 'give projects or groups: there is nothing to read',
  'config.option.groupOrProject': 'give at least one group or project',
  'config.option.sourceNeeds': (p: { source: string; key: string }) =>
    `source ${p.source} needs its \`${p.key}:\` settings`,
  'config.option.notForSource': (p: { source: string; key: string }) =>
    `\`${p.key}:\` does not apply to source ${p.source}`,
  'config.option.resticRepository': 'missing: give repository (or repository_file)',
  'config.option.resticPassword':
    'missing: give password_file (or password_command); restic reads no password from a terminal here',
  'config.option.repoSecretRef':
    'no secret reference in the repository: it is on the command line (ps, evidence); use repository_file (restic) or the tool’s own credential files',
  'config.option.repoUrlPassword':
    'no password in the repository URL: it would be on the command line; use repository_file (restic)',
  'config.option.passwordCommand':
    'password_command must read the passphrase (cat FILE, pass show X), never contain it',
};

export const fr: typeof en = {
  'config.didYouMean': (p) => ` — vouliez-vous dire « ${p.guess} » ?`,
  'config.moreProblems': (p) =>
    `… et ${p.n} ${p.n <= 1 ? 'autre problème (non listé)' : 'autres problèmes (non listés)'}`,
  'config.cannotReadFile': (p) => `impossible de lire le fichier (${p.error})`,
  'config.tooDeep': (p) =>
    `collections imbriquées sur plus de ${p.max} niveaux : ce n’est pas une configuration`,
  'config.cannotReadYaml': (p) => `impossible de lire le YAML : ${p.error}`,
  'config.duplicateKey': 'clé en double dans une table (chaque clé doit être unique)',
  'config.missing': (p) => `absent (${p.expected} attendu)`,
  'config.expected': (p) => `${p.expected} attendu, reçu ${p.received}`,
  'config.unknownKey': (p) => `clé inconnue${p.hint ? ` (vouliez-vous dire « ${p.hint} » ?)` : ''}`,
  'config.duplicateHost': (p) => `nom d’hôte en double « ${p.name} » (déjà en hosts[${p.first}])`,
  'config.unknownKind': (p) =>
    `type de vérification inconnu « ${p.kind} »${p.hint ? ` (vouliez-vous dire « ${p.hint} » ?)` : ''} ; ${
      p.ids ? `disponibles : ${p.ids}` : 'aucun type de vérification n’est enregistré'
    }`,
  'config.duplicateCheck': (p) =>
    `nom de vérification en double « ${p.name} » (déjà en checks[${p.first}]) : donnez à chaque instance son propre \`name\``,
  'config.noHostTag': (p) => `aucun hôte n’a l’étiquette « ${p.tag} »`,
  'config.noHostNamed': (p) =>
    `aucun hôte nommé « ${p.name} »${p.hint ? ` (vouliez-vous dire « ${p.hint} » ?)` : ''}`,
  'config.names.noTag': (p) =>
    `aucun hôte n’a l’étiquette « ${p.tag} »${p.hint} Étiquettes : ${listFr(p.tags)}`,
  'config.names.unknownHost': (p) => `hôte inconnu « ${p.name} »${p.hint} Hôtes : ${listFr(p.names)}`,
  'config.names.kindNotConfigured': (p) =>
    `aucune vérification de type « ${p.kind} » n’est configurée. Vérifications : ${listFr(p.checks)}`,
  'config.names.unknownCheck': (p) =>
    `vérification inconnue « ${p.name} »${p.hint} Vérifications : ${listFr(p.checks)}`,
  'config.names.kind': (p) => `${p.kind} (type)`,
  'config.names.notOnHost': (p) =>
    `« ${p.name} » ne tourne pas sur ${p.where} (elle tourne sur : ${listFr(p.on)}) : ce lien n’aurait jamais de résultat`,
  'config.names.noRoutines': (p) =>
    `routine inconnue « ${p.id} » : aucune routine n’est configurée (routines: dans ronde.yaml)`,
  'config.names.unknownRoutine': (p) => `routine inconnue « ${p.id} »${p.hint} Routines : ${listFr(p.ids)}`,
  'config.secret.envUnset': (p) =>
    `secret ${p.ref} : la variable d’environnement ${p.name} n’est pas définie`,
  'config.secret.cannotReadFile': (p) => `secret ${p.ref} : impossible de lire le fichier (${p.code})`,
  // src/config/pass.ts
  'config.secret.pass': (p) => `secret ${p.ref} : ${p.problem}`,
  'config.pass.notYet': '`pass show` n’a pas encore répondu (ronde serve lit les entrées en arrière-plan)',
  'config.pass.cannotRun': (p) => `impossible de lancer pass (${p.error})`,
  'config.pass.timeout': (p) =>
    `\`pass show\` n’a pas répondu en ${p.sec} s (gpg-agent attend-il une phrase de passe ?)`,
  'config.pass.notInstalled': 'pass n’est pas installé (apt-get install pass)',
  'config.pass.killed': (p) => `\`pass show\` a été tué (${p.signal})`,
  'config.pass.failed': (p) => `\`pass show\` a échoué (code de sortie ${p.status}) : ${p.error}`,
  'config.database.urlOrPath': 'donnez url (PostgreSQL) ou path (SQLite), pas les deux',
  'config.timezone': 'fuseau horaire IANA attendu, par exemple Europe/Paris',
  'config.routine.everyOrCron': 'donnez exactement l’un de `every:` ou `cron:`',
  'config.routine.cronNever': 'ce motif cron ne se déclenche jamais',
  'config.routine.cronInvalid': (p) => `motif cron invalide : ${p.error}`,
  'config.routine.checksOkNeedsChecks': '`done_when: checks_ok` demande au moins une entrée dans `checks:`',
  'config.routine.idTwice': (p) => `identifiant « ${p.id} » utilisé deux fois`,
  'config.routine.notMember': (p) => `« ${p.name} » n’est pas membre de \`team:\``,
  'config.team.twice': (p) => `membre de l’équipe « ${p.name} » listé deux fois`,
  'config.email.userPassword': 'donnez `user` et `password` ensemble, ou aucun des deux',
  'config.email.plaintext':
    'un mot de passe ne part jamais en clair : gardez `starttls: true` ou mettez `tls: true`',
  'config.notifier.twice': (p) => `notificateur « ${p.name} » défini deux fois`,
  'config.notifier.none': (p) => `aucun notificateur nommé « ${p.name} » dans \`notifiers:\``,
  'config.route.noEvent': (p) => `ne correspond à aucun événement ; les événements sont : ${p.events}`,
  'config.window.cron':
    'motif cron attendu, par exemple « 0 3 * * sun » (minute heure jour mois jour-de-semaine)',
  'config.window.covers': 'une fenêtre couvre quelque chose : donnez `host`, `tag`, `kind` ou `check`',
  'config.release.twice': (p) => `suivi de versions « ${p.name} » défini deux fois`,
  'config.upgrade.noRoutine': (p) => `aucune routine « ${p.name} » dans \`routines:\``,
  'config.upgrade.noWindow': (p) => `aucune fenêtre « ${p.name} » dans \`maintenance:\``,
  'config.upgrade.notHost': (p) => `« ${p.name} » n’est pas un hôte de \`hosts:\``,
  'config.option.notAbove': (p) => `${p.a} ne doit pas dépasser ${p.b}`,
  'config.option.notBoth': (p) => `donnez ${p.a} ou ${p.b}, pas les deux`,
  'config.option.mustExceed': (p) => `${p.a} doit dépasser ${p.b}`,
  'config.option.ip': 'une adresse IP',
  'config.option.ipv4or6': 'une adresse IPv4 ou IPv6',
  'config.option.regex': 'expression régulière invalide',
  'config.option.hostPort': '`hôte:port`, par exemple mail.example.org:25 ou [2001:db8::1]:993',
  'config.option.atLeastADay': 'au moins un jour attendu, par exemple 90d',
  'config.option.warnNotAboveCrit': 'les seuils warn ne doivent pas dépasser crit',
  'config.option.nothingJudged': 'donnez warn, crit ou full_at : sinon rien n’est jugé',
  'config.option.step': 'step doit être positif et au plus égal à window',
  'config.option.dnsblWhat': 'donnez les adresses (ou les domaines) à interroger',
  'config.option.mailDnsWhat':
    'donnez les domaines de messagerie (domains) ou les adresses d’envoi (sending_ips) à vérifier',
  'config.option.gitlabWhat': 'donnez projects ou groups : il n’y a rien à lire',
  'config.option.groupOrProject': 'donnez au moins un groupe ou un projet',
  'config.option.sourceNeeds': (p) => `la source ${p.source} demande ses réglages \`${p.key}:\``,
  'config.option.notForSource': (p) => `\`${p.key}:\` ne s’applique pas à la source ${p.source}`,
  'config.option.resticRepository': 'absent : donnez repository (ou repository_file)',
  'config.option.resticPassword':
    'absent : donnez password_file (ou password_command) ; restic ne lit ici aucun mot de passe au terminal',
  'config.option.repoSecretRef':
    'pas de référence de secret dans le dépôt : il est sur la ligne de commande (ps, preuves) ; utilisez repository_file (restic) ou les fichiers d’identifiants de l’outil',
  'config.option.repoUrlPassword':
    'pas de mot de passe dans l’URL du dépôt : il serait sur la ligne de commande ; utilisez repository_file (restic)',
  'config.option.passwordCommand':
    'password_command doit lire la phrase de passe (cat FICHIER, pass show X), jamais la contenir',
};
