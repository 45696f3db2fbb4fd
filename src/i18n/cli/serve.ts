/*
 * The words of `ronde serve` (src/cli/serve.ts, serve-run.ts,
 * serve-roles.ts): its --help and why it does not start. Its log lines
 * (pino JSON, for machines and journald) stay English.
 */
export const en = {
  'cli.serve.help.summary': 'run the daemon: scheduled checks, reminders, HTTP endpoints',
  'cli.serve.help.description':
    'Runs every check at its interval (one batch per host, spread over the interval), saves every ' +
    'round with what it announces, sends routine reminders and the outbox to the notifiers, pings the ' +
    'heartbeat URL, and serves GET /healthz. Logs are JSON lines on stdout (pino). SIGHUP reloads the ' +
    'configuration (an invalid one is refused, logged, and the daemon goes on with the old one). ' +
    'SIGTERM or SIGINT stop it within 10 s; the results that are complete are saved. One daemon per ' +
    'store: a second one on the same database refuses to start (exit 75) and names the first. ' +
    'See docs/daemon.md.',
  'cli.serve.help.listen':
    'HTTP address (default 127.0.0.1:9717); scheduler, worker: /healthz only, when given',
  'cli.serve.help.logLevel': 'trace, debug, info, warn, error',
  'cli.serve.help.role':
    'all (one process, the default), or for a fleet on PostgreSQL: scheduler, worker, web',
  'cli.serve.help.jobExpiry':
    'scheduler/worker: a round still running after this is presumed lost and retried elsewhere',
  'cli.serve.help.after':
    '\nIt does not start (exit 78) when the configuration is invalid or a notifier\n' +
    'secret (${env:…}, ${file:…}) does not resolve: the error names the reference.\n' +
    'Messages that cannot be delivered: `ronde outbox` lists, retries, drops them.\n' +
    '\nScale-out (PostgreSQL only, see docs/scale-out.md): one store, each role\n' +
    'as its own service:\n' +
    "  ronde serve --role scheduler  queues each host's due checks; one runs,\n" +
    '                                the others stand by\n' +
    '  ronde serve --role worker     runs queued rounds and saves them; start as\n' +
    '                                many as needed\n' +
    "  ronde serve --role web        the team's page and API on --listen\n" +
    'A scheduler or worker given --listen answers GET /healthz there (200, or\n' +
    '503 with the reason), e.g. --listen 127.0.0.1:9718.\n' +
    'On SQLite only --role all runs (exit 78 otherwise).',
  'cli.serve.badListen': (p: { value: string }) =>
    `--listen: expected HOST:PORT, e.g. 127.0.0.1:9717, got "${p.value}"`,
  'cli.serve.badRole': (p: { roles: string; value: string }) =>
    `--role: expected one of ${p.roles}, got "${p.value}"`,
  'cli.serve.badJobExpiry': (p: { value: string }) =>
    `--job-expiry: expected a whole number of seconds ≥ 1, got "${p.value}"`,
  'cli.serve.needsPostgres': (p: { role: string; path: string }) =>
    `ronde serve --role ${p.role} needs a PostgreSQL store (database: postgres://…), shared by the ` +
    `scheduler, the workers and the web processes; this configuration uses the SQLite file ${p.path}. ` +
    'Run one `ronde serve` (--role all, the default) on SQLite, or see docs/scale-out.md.',
  'cli.serve.unresolved':
    'ronde serve does not start with a notifier that cannot send: set the variable or file, then start again.',
  'cli.serve.busy': (p: { holder: string }) =>
    `ronde serve: another ronde serve is running on this store (${p.holder}); ` +
    'stop it first (systemctl stop ronde), or give this one another database',
};

export const fr: typeof en = {
  'cli.serve.help.summary': 'lancer le démon : vérifications planifiées, rappels, points d’accès HTTP',
  'cli.serve.help.description':
    'Lance chaque vérification à son intervalle (un lot par hôte, réparti sur l’intervalle), enregistre ' +
    'chaque ronde avec ce qu’elle annonce, envoie les rappels de routines et la file d’envoi aux ' +
    'notificateurs, appelle l’URL de battement de cœur et sert GET /healthz. Les journaux sont des lignes ' +
    'JSON sur la sortie standard (pino). SIGHUP recharge la configuration (une configuration invalide est ' +
    'refusée, journalisée, et le démon continue avec l’ancienne). SIGTERM ou SIGINT l’arrêtent en moins ' +
    'de 10 s ; les résultats complets sont enregistrés. Un seul démon par base : un second sur la même ' +
    'base refuse de démarrer (code 75) et nomme le premier. Voir docs/daemon.md.',
  'cli.serve.help.listen':
    'adresse HTTP (par défaut 127.0.0.1:9717) ; scheduler, worker : seulement /healthz, si elle est donnée',
  'cli.serve.help.logLevel': '`trace`, `debug`, `info`, `warn`, `error`',
  'cli.serve.help.role':
    '`all` (un seul processus, par défaut), ou pour une flotte sur PostgreSQL : scheduler, worker, web',
  'cli.serve.help.jobExpiry':
    'scheduler/worker : une ronde encore en cours après ce délai est présumée perdue et relancée ailleurs',
  'cli.serve.help.after':
    '\nIl ne démarre pas (code 78) si la configuration est invalide ou si un secret\n' +
    'de notificateur (${env:…}, ${file:…}) ne se résout pas : l’erreur nomme la\n' +
    'référence. Les messages impossibles à livrer : `ronde outbox` les liste, les\n' +
    'réessaie, les abandonne.\n' +
    '\nRépartition (PostgreSQL seulement, voir docs/scale-out.md) : une base,\n' +
    'chaque rôle en service à part :\n' +
    '  ronde serve --role scheduler  met en file les vérifications dues de chaque\n' +
    '                                hôte ; un seul agit, les autres attendent\n' +
    '  ronde serve --role worker     exécute les rondes en file et les enregistre ;\n' +
    '                                autant que nécessaire\n' +
    '  ronde serve --role web        la page de l’équipe et l’API sur --listen\n' +
    'Un scheduler ou un worker lancé avec --listen y répond à GET /healthz (200, ou\n' +
    '503 avec la raison), par exemple --listen 127.0.0.1:9718.\n' +
    'Sur SQLite, seul `--role all` fonctionne (code 78 sinon).',
  'cli.serve.badListen': (p) => `--listen : attendu HÔTE:PORT, par exemple 127.0.0.1:9717, reçu "${p.value}"`,
  'cli.serve.badRole': (p) => `--role : attendu l’un de ${p.roles}, reçu "${p.value}"`,
  'cli.serve.badJobExpiry': (p) =>
    `--job-expiry : attendu un nombre entier de secondes ≥ 1, reçu "${p.value}"`,
  'cli.serve.needsPostgres': (p) =>
    `ronde serve --role ${p.role} demande une base PostgreSQL (database: postgres://…), partagée par le ` +
    `scheduler, les workers et les processus web ; cette configuration utilise le fichier SQLite ${p.path}. ` +
    'Lancez un seul `ronde serve` (--role all, par défaut) sur SQLite, ou voyez docs/scale-out.md.',
  'cli.serve.unresolved':
    'ronde serve ne démarre pas avec un notificateur qui ne peut pas envoyer : définissez la variable ou ' +
    'le fichier, puis relancez.',
  'cli.serve.busy': (p) =>
    `ronde serve : un autre ronde serve tourne déjà sur cette base (${p.holder}) ; ` +
    'arrêtez-le d’abord (systemctl stop ronde), ou donnez une autre base à celui-ci',
};
