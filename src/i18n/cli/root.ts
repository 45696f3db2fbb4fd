/*
 * The words of `ronde` itself (src/cli/program.ts, main.ts: the root's
 * --help, the last-resort errors), of `ronde check`'s --help and warnings,
 * `ronde checks`, `ronde config validate`, `ronde schema` and `ronde history`.
 */
export const en = {
  'cli.root.help.description':
    "A sysadmin team's recurring maintenance as scheduled checks, tracked routines and reminders. " +
    'With no configuration, `ronde check` checks the machine it runs on.',
  'cli.root.help.config': 'configuration file (default: $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml)',
  'cli.root.internal': (p: { why: string }) => `internal error: ${p.why}`,
  'cli.root.debugHint': '(set RONDE_DEBUG=1 for the stack trace; please report it)',
  'cli.warning': (p: { what: string }) => `warning: ${p.what}`,

  'cli.check.help.summary': 'run the checks now and report',
  'cli.check.help.description':
    'Runs the configured checks on the selected hosts (all by default) and prints one line per check. ' +
    'With no configuration file, checks the machine ronde runs on with the default checks.\n\n' +
    'Exit code: the worst status, in the order CRIT (2) > WARN (1) > UNKNOWN (3) > OK (0); ' +
    '64 usage error, 78 configuration error, 130 interrupted (partial results are saved).',
  'cli.check.help.selectors': 'host selectors: a name, tag:NAME, all, or !SELECTOR to exclude',
  'cli.check.help.check': 'only these checks (e.g. apt.pending)',
  'cli.check.help.verbose': 'show reasons, facts and the commands that ran',
  'cli.check.help.json': 'print the versioned JSON document (docs/json-output.md)',
  'cli.check.help.noColor': 'no colours (also: NO_COLOR=1, or output not a terminal)',
  'cli.check.help.noSave': 'do not record the round in the store',
  'cli.check.help.noReuse':
    're-run every command, even when the machine shows no change since the last round',
  'cli.check.help.examples':
    '\nExamples:\n  ronde check\n  ronde check web1 tag:hypervisor --check apt.pending\n  ronde check -v --json > round.json',
  'cli.check.serveWouldRefuse': (p: { what: string }) => `${p.what} (ronde serve would refuse to start)`,
  'cli.check.noMatch': 'no host and check match the selection',
  'cli.check.interrupting': 'interrupted, saving the results that are complete (Ctrl-C again to quit now)',
  'cli.check.notSaved': (p: { why: string }) => `the results were NOT saved: ${p.why}`,
  'cli.check.noStore': (p: { why: string }) =>
    `cannot open the store, the results will NOT be saved: ${p.why}`,

  'cli.checks.help.summary': 'list the check kinds',
  'cli.checks.help.description':
    'Lists every check kind, whether it runs with no configuration, and its documentation page.',
  'cli.checks.help.json': 'machine-readable list',
  /** The mark of a zero-config kind in the list, and its legend (same word). */
  'cli.checks.default': 'default',
  'cli.checks.legend': (p: { mark: string }) =>
    `"${p.mark}": runs with no configuration. Each kind is documented in docs/checks/KIND.md.`,

  'cli.config.help.description': 'Work with the configuration file.',
  'cli.config.help.validate':
    'Check ronde.yaml: every problem is printed as file:line:col: path: message (exit 78).',
  'cli.config.help.schema':
    'Print the JSON Schema of ronde.yaml (for editors: yaml-language-server, VS Code).',
  'cli.config.zeroConfig':
    'no configuration file (--config, $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml): ' +
    'zero-config, the default checks on this machine',
  'cli.config.valid': (p: { path: string; hosts: number; checks: number | null; routines: number }) =>
    `${p.path}: valid — ${p.hosts} host${p.hosts === 1 ? '' : 's'}, ` +
    `${p.checks === null ? 'the zero-config checks' : `${p.checks} checks`}, ` +
    `${p.routines} routine${p.routines === 1 ? '' : 's'}`,
  'cli.config.problems': (p: { n: number }) => `${p.n} problem${p.n === 1 ? '' : 's'} in the configuration`,

  'cli.history.help.summary': 'show when checks changed status',
  'cli.history.help.description':
    'Lists status changes, newest first: when a check on a target went from one status to another. ' +
    'Repeated identical results are not listed; "new" means the first result ever seen.',
  'cli.history.help.check': 'only this check (its name in the config, else its kind)',
  'cli.history.help.target': 'only this host',
  'cli.history.help.limit': 'at most this many changes',
  'cli.history.help.since': 'only changes since a duration ago (7d, 12h) or a date (2025-03-01)',
  'cli.history.help.json': 'print a JSON document { version, changes }',
  'cli.history.help.examples': '\nExamples:\n  ronde history\n  ronde history backup.age db1 --since 30d',
  'cli.history.badLimit': (p: { value: string }) => `--limit: expected a positive integer, got "${p.value}"`,
  'cli.history.badSince': (p: { value: string }) =>
    `--since: expected a duration (7d, 12h) or a date (2025-03-01), got "${p.value}"`,
};

export const fr: typeof en = {
  'cli.root.help.description':
    'Les tâches récurrentes d’une équipe d’administration système en vérifications planifiées, ' +
    'routines suivies et rappels. Sans configuration, `ronde check` vérifie la machine où il tourne.',
  'cli.root.help.config':
    'fichier de configuration (par défaut : $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml)',
  'cli.root.internal': (p) => `erreur interne : ${p.why}`,
  'cli.root.debugHint': '(RONDE_DEBUG=1 pour la pile d’appels ; merci de la signaler)',
  'cli.warning': (p) => `attention : ${p.what}`,

  'cli.check.help.summary': 'lancer les vérifications maintenant et en rendre compte',
  'cli.check.help.description':
    'Lance les vérifications configurées sur les hôtes choisis (tous par défaut) et affiche une ligne ' +
    'par vérification. Sans fichier de configuration, vérifie la machine où ronde tourne avec les ' +
    'vérifications par défaut.\n\n' +
    'Code de sortie : le pire état, dans l’ordre CRIT (2) > WARN (1) > UNKNOWN (3) > OK (0) ; ' +
    '64 erreur d’usage, 78 erreur de configuration, 130 interrompu (les résultats partiels sont enregistrés).',
  'cli.check.help.selectors': 'sélecteurs d’hôtes : un nom, tag:NOM, `all`, ou !SÉLECTEUR pour exclure',
  'cli.check.help.check': 'seulement ces vérifications (par exemple apt.pending)',
  'cli.check.help.verbose': 'montre les raisons, les faits et les commandes lancées',
  'cli.check.help.json': 'affiche le document JSON versionné (docs/json-output.md)',
  'cli.check.help.noColor': 'sans couleurs (aussi : NO_COLOR=1, ou sortie qui n’est pas un terminal)',
  'cli.check.help.noSave': 'n’enregistre pas la ronde dans la base',
  'cli.check.help.noReuse':
    'relance chaque commande, même quand la machine ne montre aucun changement depuis la dernière ronde',
  'cli.check.help.examples':
    '\nExemples :\n  ronde check\n  ronde check web1 tag:hypervisor --check apt.pending\n  ronde check -v --json > ronde.json',
  'cli.check.serveWouldRefuse': (p) => `${p.what} (ronde serve refuserait de démarrer)`,
  'cli.check.noMatch': 'aucun hôte ni aucune vérification ne correspond à la sélection',
  'cli.check.interrupting':
    'interrompu, enregistrement des résultats complets (Ctrl-C encore une fois pour quitter tout de suite)',
  'cli.check.notSaved': (p) => `les résultats n’ont PAS été enregistrés : ${p.why}`,
  'cli.check.noStore': (p) =>
    `impossible d’ouvrir la base, les résultats ne seront PAS enregistrés : ${p.why}`,

  'cli.checks.help.summary': 'lister les sortes de vérifications',
  'cli.checks.help.description':
    'Liste chaque sorte de vérification, si elle tourne sans configuration, et sa page de documentation.',
  'cli.checks.help.json': 'liste lisible par un programme',
  'cli.checks.default': 'défaut',
  'cli.checks.legend': (p) =>
    `« ${p.mark} » : tourne sans configuration. Chaque sorte est documentée dans docs/checks/KIND.md.`,

  'cli.config.help.description': 'Travailler avec le fichier de configuration.',
  'cli.config.help.validate':
    'Vérifie ronde.yaml : chaque problème est affiché sous la forme fichier:ligne:colonne: chemin: message (code 78).',
  'cli.config.help.schema':
    'Affiche le schéma JSON de ronde.yaml (pour les éditeurs : yaml-language-server, VS Code).',
  'cli.config.zeroConfig':
    'pas de fichier de configuration (--config, $RONDE_CONFIG, ./ronde.yaml, /etc/ronde/ronde.yaml) : ' +
    'sans configuration, les vérifications par défaut sur cette machine',
  'cli.config.valid': (p) =>
    `${p.path} : valide — ${p.hosts} ${p.hosts < 2 ? 'hôte' : 'hôtes'}, ` +
    `${p.checks === null ? 'les vérifications par défaut' : `${p.checks} ${p.checks < 2 ? 'vérification' : 'vérifications'}`}, ` +
    `${p.routines} ${p.routines < 2 ? 'routine' : 'routines'}`,
  'cli.config.problems': (p) => `${p.n} ${p.n < 2 ? 'problème' : 'problèmes'} dans la configuration`,

  'cli.history.help.summary': 'montrer quand les vérifications ont changé d’état',
  'cli.history.help.description':
    'Liste les changements d’état, les plus récents d’abord : quand une vérification sur une cible est ' +
    'passée d’un état à un autre. Les résultats identiques répétés ne sont pas listés ; « nouveau » ' +
    'désigne le tout premier résultat vu.',
  'cli.history.help.check': 'seulement cette vérification (son nom dans la configuration, sinon sa sorte)',
  'cli.history.help.target': 'seulement cet hôte',
  'cli.history.help.limit': 'au plus ce nombre de changements',
  'cli.history.help.since': 'seulement les changements depuis une durée (7d, 12h) ou une date (2025-03-01)',
  'cli.history.help.json': 'affiche un document JSON { version, changes }',
  'cli.history.help.examples': '\nExemples :\n  ronde history\n  ronde history backup.age db1 --since 30d',
  'cli.history.badLimit': (p) => `--limit : attendu un entier positif, reçu "${p.value}"`,
  'cli.history.badSince': (p) =>
    `--since : attendu une durée (7d, 12h) ou une date (2025-03-01), reçu "${p.value}"`,
};
