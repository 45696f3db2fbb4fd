/*
 * The words of `ronde upgrade` (src/cli/upgrade.ts, upgrade-history.ts) and
 * of its action (src/actions/upgrade/) not already in en.ts/fr.ts
 * (`upgrade.*` there): the --help, the steps as they are printed and
 * announced, and why a step failed or a host was not started.
 */
export const en = {
  'cli.upgrade.help.summary': 'plan and run apt upgrades of the hosts, safely (R1)',
  'cli.upgrade.help.description':
    'Upgrades Debian hosts the way the team does it by hand, with the safety nets written down:\n\n' +
    '1. `ronde upgrade plan` asks each host `apt-get -s full-upgrade` (a simulation: nothing changes) ' +
    'and shows per host the packages, the security ones, a reboot when a new kernel comes, the order, ' +
    'and the hosts it refuses, with the reason: an expected Docker service down, a disk over its threshold, ' +
    'backups not OK or too old, the maintenance window closed, a held package the upgrade needs, ' +
    'a removal without --allow-remove.\n\n' +
    '2. `ronde upgrade run` shows the same plan, asks (or takes --yes), tells the team, then host after ' +
    'host: snapshot (Proxmox) or pre-hook, `apt-get full-upgrade` (non-interactive, conffiles: keep yours, ' +
    'take new defaults), reboot when needed and wait for SSH with the same host key, re-run its checks. ' +
    'The first failure stops the run; the end says what state each host is in.\n\n' +
    '3. `ronde upgrade history` shows every run and step, with versions before and after.\n\n' +
    'Settings: the `upgrade:` section of ronde.yaml (docs/upgrade.md).',
  'cli.upgrade.help.plan': 'show what `ronde upgrade run` would do; changes nothing',
  'cli.upgrade.help.hosts': 'host names or tag:NAME (default: the hosts of `upgrade.hosts`)',
  'cli.upgrade.help.planAllowRemove': 'accept upgrades that remove packages (listed in the plan)',
  'cli.upgrade.help.planJson': 'print a JSON document { version, hosts, batches }',
  'cli.upgrade.help.planExamples':
    '\nExamples:\n  ronde upgrade plan\n  ronde upgrade plan web1 tag:db\n  ronde upgrade plan --json | jq .batches\n\n' +
    'Exit status: 0 nothing refused, 2 a host is refused.',
  'cli.upgrade.help.run':
    'upgrade the hosts of the plan: announced, snapshot first, stops at the first failure, every step recorded',
  'cli.upgrade.help.yes': 'do not ask: for unattended runs (cron at night)',
  'cli.upgrade.help.runAllowRemove':
    'let apt-get remove packages (the plan lists which; without it apt-get runs with --no-remove)',
  'cli.upgrade.help.by': 'who starts it (default: $RONDE_USER, git user.name, $USER)',
  'cli.upgrade.help.runExamples':
    '\nExamples:\n  ronde upgrade run              # plan, question, then run\n' +
    '  ronde upgrade run --yes web1   # unattended, one host\n\n' +
    'Ctrl-C stops after the step under way (apt-get is never cut) and reports.\n' +
    'Exit status: 0 done or nothing to do, 1 declined, 2 a host failed or was\n' +
    'refused, 130 interrupted.',
  'cli.upgrade.help.history':
    'the recorded upgrade runs, newest first: who, when, each host’s steps and versions',
  'cli.upgrade.help.limit': 'runs to show',
  'cli.upgrade.help.historyJson': 'print a JSON document { version, runs }',
  'cli.upgrade.help.historyExamples':
    '\nExamples:\n  ronde upgrade history\n  ronde upgrade history -n 1 --json',
  'cli.upgrade.badLimit': '--limit takes a positive whole number',

  'upgrade.security': '[security]',
  'upgrade.step.snapshot': 'snapshot',
  'upgrade.step.pre-hook': 'pre-hook',
  'upgrade.step.upgrade': 'upgrade',
  'upgrade.step.reboot': 'reboot',
  'upgrade.step.recheck': 'recheck',
  'upgrade.step.refused': 'refused',
  'upgrade.step.not-started': 'not-started',
  'upgrade.stepOutcome.running': 'running',
  'upgrade.stepOutcome.ok': 'ok',
  'upgrade.stepOutcome.failed': 'failed',
  'upgrade.stepOutcome.skipped': 'skipped',
  'upgrade.stepOutcome.interrupted': 'interrupted',
  /** A step starting, then ending (`web1: upgrade…`, `web1: upgrade failed: why`). */
  'upgrade.step.start': (p: { host: string; step: string }) => `${p.host}: ${p.step}…`,
  'upgrade.step.end': (p: { host: string; step: string; outcome: string; why: string }) =>
    `${p.host}: ${p.step} ${p.outcome}${p.why ? `: ${p.why}` : ''}`,
  'upgrade.why.notStarted': 'stopped (Ctrl-C) before it started',
  'upgrade.why.stoppedBefore': 'stopped (Ctrl-C) before this step',
  'upgrade.why.batchStopped': (p: { host: string; failed: boolean }) =>
    `the batch stopped: ${p.host} ${p.failed ? 'failed' : 'was interrupted'}`,
  'upgrade.why.atStep': (p: { step: string; why: string }) => `${p.step}: ${p.why}`,
  /** Before what follows a step in the history (French puts a space before the colon). */
  'upgrade.history.colon': ': ',
  'upgrade.fail.timeLimit': 'time limit reached',
  'upgrade.fail.apt': (p: { failure: string }) => `${p.failure} — see \`ronde upgrade history\``,
  'upgrade.fail.unseen': (p: { names: string }) =>
    `apt would now also change ${p.names}, which the plan did not show: nothing done, plan again`,
  'upgrade.fail.crit': (p: { checks: string }) => `CRIT after the upgrade: ${p.checks}`,
  'upgrade.fail.hostKey': (p: { error: string }) => `its SSH host key changed across the reboot: ${p.error}`,
  'upgrade.fail.noSsh': (p: { sec: number }) => `did not answer SSH within ${p.sec} s after the reboot`,
  'upgrade.fail.noBackupStep': (p: { host: string }) =>
    `no snapshot.guests entry for ${p.host} and no pre_hook`,
  'upgrade.fail.hook': (p: { command: string; error: string }) => `pre_hook ${p.command}: ${p.error}`,
  'upgrade.fail.hookExit': (p: { command: string; code: string; output: string }) =>
    `pre_hook ${p.command} exited ${p.code}: ${p.output}`,
};

export const fr: typeof en = {
  'cli.upgrade.help.summary': 'planifier et lancer les mises à jour apt des hôtes, sans risque (R1)',
  'cli.upgrade.help.description':
    'Met à jour les hôtes Debian comme l’équipe le fait à la main, avec les garde-fous écrits noir sur blanc :\n\n' +
    '1. `ronde upgrade plan` demande à chaque hôte `apt-get -s full-upgrade` (une simulation : rien ne change) ' +
    'et montre par hôte les paquets, ceux de sécurité, un redémarrage quand un nouveau noyau arrive, l’ordre, ' +
    'et les hôtes qu’il refuse, avec la raison : un service Docker attendu arrêté, un disque au-delà de son seuil, ' +
    'des sauvegardes pas OK ou trop anciennes, la fenêtre de maintenance fermée, un paquet bloqué (hold) dont la ' +
    'mise à jour a besoin, une suppression sans --allow-remove.\n\n' +
    '2. `ronde upgrade run` montre le même plan, demande confirmation (ou prend --yes), prévient l’équipe, puis ' +
    'hôte après hôte : instantané (Proxmox) ou pre-hook, `apt-get full-upgrade` (non interactif, fichiers de ' +
    'configuration : les vôtres gardés, nouveaux défauts pris), redémarrage si besoin et attente de SSH avec la ' +
    'même clé d’hôte, nouvelle exécution de ses vérifications. Le premier échec arrête le tout ; la fin dit dans ' +
    'quel état est chaque hôte.\n\n' +
    '3. `ronde upgrade history` montre chaque exécution et chaque étape, avec les versions avant et après.\n\n' +
    'Réglages : la section `upgrade:` de ronde.yaml (docs/upgrade.md).',
  'cli.upgrade.help.plan': 'montrer ce que ferait `ronde upgrade run` ; ne change rien',
  'cli.upgrade.help.hosts': 'noms d’hôtes ou tag:NOM (par défaut : les hôtes de `upgrade.hosts`)',
  'cli.upgrade.help.planAllowRemove':
    'accepter les mises à jour qui suppriment des paquets (le plan les nomme)',
  'cli.upgrade.help.planJson': 'afficher un document JSON { version, hosts, batches }',
  'cli.upgrade.help.planExamples':
    '\nExemples :\n  ronde upgrade plan\n  ronde upgrade plan web1 tag:db\n  ronde upgrade plan --json | jq .batches\n\n' +
    'Code de sortie : 0 rien de refusé, 2 un hôte est refusé.',
  'cli.upgrade.help.run':
    'mettre à jour les hôtes du plan : annoncé, instantané d’abord, arrêt au premier échec, chaque étape enregistrée',
  'cli.upgrade.help.yes': 'ne pas demander : pour les exécutions sans surveillance (cron la nuit)',
  'cli.upgrade.help.runAllowRemove':
    'laisser apt-get supprimer des paquets (le plan dit lesquels ; sinon apt-get tourne avec --no-remove)',
  'cli.upgrade.help.by': 'qui la lance (par défaut : $RONDE_USER, le user.name de git, $USER)',
  'cli.upgrade.help.runExamples':
    '\nExemples :\n  ronde upgrade run              # plan, question, puis exécution\n' +
    '  ronde upgrade run --yes web1   # sans surveillance, un hôte\n\n' +
    'Ctrl-C arrête après l’étape en cours (apt-get n’est jamais coupé) et fait le\n' +
    'point. Code de sortie : 0 fait ou rien à faire, 1 refusé par vous, 2 un hôte en\n' +
    'échec ou refusé, 130 interrompu.',
  'cli.upgrade.help.history':
    'les mises à jour enregistrées, la plus récente d’abord : qui, quand, les étapes et versions de chaque hôte',
  'cli.upgrade.help.limit': 'combien d’exécutions montrer',
  'cli.upgrade.help.historyJson': 'afficher un document JSON { version, runs }',
  'cli.upgrade.help.historyExamples':
    '\nExemples :\n  ronde upgrade history\n  ronde upgrade history -n 1 --json',
  'cli.upgrade.badLimit': '--limit attend un nombre entier positif',

  'upgrade.security': '[sécurité]',
  'upgrade.step.snapshot': 'instantané',
  'upgrade.step.pre-hook': 'script préalable (pre_hook)',
  'upgrade.step.upgrade': 'mise à jour',
  'upgrade.step.reboot': 'redémarrage',
  'upgrade.step.recheck': 'revérification',
  'upgrade.step.refused': 'refusé',
  'upgrade.step.not-started': 'pas commencé',
  'upgrade.stepOutcome.running': 'en cours',
  'upgrade.stepOutcome.ok': 'OK',
  'upgrade.stepOutcome.failed': 'échec',
  'upgrade.stepOutcome.skipped': 'sauté',
  'upgrade.stepOutcome.interrupted': 'interrompu',
  'upgrade.step.start': (p) => `${p.host} : ${p.step}…`,
  'upgrade.step.end': (p) => `${p.host} : ${p.step} ${p.outcome}${p.why ? ` : ${p.why}` : ''}`,
  'upgrade.why.notStarted': 'arrêté (Ctrl-C) avant de commencer',
  'upgrade.why.stoppedBefore': 'arrêté (Ctrl-C) avant cette étape',
  'upgrade.why.batchStopped': (p) =>
    `le lot s’est arrêté : ${p.host} ${p.failed ? 'a échoué' : 'a été interrompu'}`,
  'upgrade.why.atStep': (p) => `${p.step} : ${p.why}`,
  'upgrade.history.colon': ' : ',
  'upgrade.fail.timeLimit': 'délai dépassé',
  'upgrade.fail.apt': (p) => `${p.failure} — voir \`ronde upgrade history\``,
  'upgrade.fail.unseen': (p) =>
    `apt changerait maintenant aussi ${p.names}, que le plan ne montrait pas : rien de fait, refaites le plan`,
  'upgrade.fail.crit': (p) => `CRIT après la mise à jour : ${p.checks}`,
  'upgrade.fail.hostKey': (p) => `sa clé d’hôte SSH a changé avec le redémarrage : ${p.error}`,
  'upgrade.fail.noSsh': (p) => `pas de réponse SSH dans les ${p.sec} s après le redémarrage`,
  'upgrade.fail.noBackupStep': (p) => `aucune entrée snapshot.guests pour ${p.host} et aucun pre_hook`,
  'upgrade.fail.hook': (p) => `pre_hook ${p.command} : ${p.error}`,
  'upgrade.fail.hookExit': (p) => `pre_hook ${p.command} a fini avec le code ${p.code} : ${p.output}`,
};
