/*
 * The words of `ronde hosts` and `ronde hosts trust` (src/cli/hosts.ts,
 * hosts-trust.ts, hosts-probe.ts): their --help, the table, the states of a
 * host, the trust dialogue.
 */
export const en = {
  'cli.hosts.help.summary': 'list the inventory and whether ronde can log in to each host',
  'cli.hosts.help.description':
    'One line per host: address, transport, tags, the login as resolved (inventory > ~/.ssh/config > ' +
    'defaults), jump hosts, and whether ronde can log in: ok, unknown host key (SHA256:…), HOST KEY ' +
    'CHANGED, auth failed (tried …) or unreachable (…). Hosts are tried in parallel; nothing is run on them.\n\n' +
    'Exit code, as for `ronde check`: 0 every host reachable, 3 some host could not be reached or logged ' +
    'in to, 2 a host key changed or is revoked; 64 usage, 78 configuration error.',
  'cli.hosts.help.selectors': 'host selectors: a name, tag:NAME, all, or !SELECTOR to exclude',
  'cli.hosts.help.json': 'print a JSON document { version, status, exitCode, hosts }',
  'cli.hosts.help.noConnect': 'only list the inventory, do not try to log in',
  'cli.hosts.help.timeout': 'connection time limit per host (default: ConnectTimeout, else 5)',
  'cli.hosts.help.noColor': 'no colours (also: NO_COLOR=1, or output not a terminal)',
  'cli.hosts.help.examples':
    '\nExamples:\n  ronde hosts\n  ronde hosts tag:web --json\n  ronde hosts trust web1 --fingerprint SHA256:…',
  'cli.hosts.help.trust.summary': "record a host's key in ronde's known_hosts, after you checked it",
  'cli.hosts.help.trust.description':
    "Connects to the host (nothing is run), shows its host key's SHA256 fingerprint and, once confirmed, " +
    "appends it to ronde's own known_hosts (<state dir>/known_hosts). Compare the fingerprint with " +
    '`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` run on the host itself. A changed key is refused ' +
    'unless --replace is given.\n\n' +
    'Exit code: 0 trusted (or already), 1 not trusted (refused, declined, fingerprint mismatch), 3 the ' +
    'host could not be reached, 64 usage (unknown host; no terminal without --yes or --fingerprint).',
  'cli.hosts.help.trust.name': 'inventory name of the host',
  'cli.hosts.help.trust.yes': 'trust without asking (you checked the fingerprint some other way)',
  'cli.hosts.help.trust.fingerprint': 'trust only if the key has this fingerprint (scripted, verified trust)',
  'cli.hosts.help.trust.replace': "replace a known key that changed (removes the old line from ronde's file)",
  'cli.hosts.help.trust.timeout': 'connection time limit (default: ConnectTimeout, else 5)',
  'cli.hosts.seconds': 'expected whole seconds, 1 to 600',
  'cli.hosts.noMatch': 'no host matches the selection',

  /** Column heads, in this order. */
  'cli.hosts.head.name': 'NAME',
  'cli.hosts.head.address': 'ADDRESS',
  'cli.hosts.head.transport': 'TRANSPORT',
  'cli.hosts.head.tags': 'TAGS',
  'cli.hosts.head.login': 'LOGIN',
  'cli.hosts.head.jump': 'JUMP',
  'cli.hosts.head.state': 'STATE',
  'cli.hosts.warning': (p: { warning: string }) => `warning: ${p.warning}`,
  'cli.hosts.notContacted': (p: { n: number }) => `${p.n} host(s), not contacted (--no-connect)`,
  'cli.hosts.allReachable': (p: { n: number; api: number }) =>
    `${p.n} host(s), all reachable${p.api > 0 ? ` (${p.api} through an API only)` : ''}`,
  'cli.hosts.notReachable': (p: { n: number; bad: number }) => `${p.n} host(s), ${p.bad} not reachable`,
  'cli.hosts.trustHint': '; trust a host: ronde hosts trust NAME',

  /** The STATE column (`reachability` in --json says the same for programs). */
  'cli.hosts.state.ok': 'ok',
  'cli.hosts.state.local': 'local',
  'cli.hosts.state.apiOnly': (p: { kinds: string }) => `API only (${p.kinds}): no SSH needed`,
  'cli.hosts.state.unreachable': (p: { why: string }) => `unreachable (${p.why})`,
  'cli.hosts.state.unknownKey': (p: { fingerprint: string }) => `unknown host key (${p.fingerprint})`,
  'cli.hosts.state.revoked': 'HOST KEY REVOKED',
  'cli.hosts.state.changed': 'HOST KEY CHANGED',
  'cli.hosts.state.auth': (p: { tried: string }) => `auth failed (tried ${p.tried})`,
  'cli.hosts.state.triedNothing': 'nothing',
  'cli.hosts.cannotResolve': (p: { host: string; why: string }) =>
    `cannot work out how to reach ${p.host}: ${p.why}`,
  'cli.hosts.jumpWarning': (p: { jump: string; warning: string }) => `jump ${p.jump}: ${p.warning}`,

  // `ronde hosts trust`.
  'cli.hosts.trust.unknown': (p: { name: string }) => `unknown host "${p.name}"`,
  'cli.hosts.trust.local': (p: { name: string }) => `${p.name} is local: ronde does not reach it over SSH`,
  'cli.hosts.trust.noKey': (p: { name: string; why: string }) =>
    `cannot get the host key of ${p.name}: ${p.why}`,
  'cli.hosts.trust.presents': (p: { name: string; host: string; algorithm: string; fingerprint: string }) =>
    `${p.name} (${p.host}) presents this ${p.algorithm} key:\n  ${p.fingerprint}`,
  'cli.hosts.trust.already': (p: { where: string }) => `Already trusted (${p.where}): nothing to do.`,
  'cli.hosts.trust.revoked': (p: { where: string }) =>
    `REFUSED: this key is revoked (${p.where}). ronde will never trust it.`,
  'cli.hosts.trust.changed': (p: { name: string; old: string; command: string }) =>
    `REFUSED: the host key of ${p.name} CHANGED. The old key is at ${p.old}.\n` +
    'Someone may be intercepting the connection, or the host was reinstalled. Check the new\n' +
    'fingerprint on the host itself (console: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then\n' +
    `run: ${p.command}`,
  'cli.hosts.trust.mismatch': (p: { fingerprint: string }) =>
    `REFUSED: the key does not match the expected fingerprint ${p.fingerprint}; nothing was recorded.`,
  'cli.hosts.trust.noTerminal':
    'not a terminal: give --fingerprint SHA256:… (verified on the host) or --yes to trust without asking',
  'cli.hosts.trust.compare':
    'Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the host itself (console, hypervisor).',
  'cli.hosts.trust.ask': (p: { name: string }) => `Trust this key for ${p.name}? [y/N] `,
  /** What the person may answer for yes to `ask` (a regular expression, anchored). */
  'cli.hosts.trust.yes': 'y(es)?',
  'cli.hosts.trust.declined': 'Not trusted; nothing was recorded.',
  'cli.hosts.trust.removed': (p: { file: string }) => `Removed the old key from ${p.file}.`,
  'cli.hosts.trust.elsewhere': (p: { files: string; host: string }) =>
    `The old key stays in ${p.files} (not ronde's file); ronde accepts the new one ` +
    `from now on. Remove it there with: ssh-keygen -R '${p.host}' -f FILE`,
  'cli.hosts.trust.trusted': (p: { file: string }) => `Trusted: recorded in ${p.file}.`,
};

export const fr: typeof en = {
  'cli.hosts.help.summary': 'lister l’inventaire et si ronde peut se connecter à chaque hôte',
  'cli.hosts.help.description':
    'Une ligne par hôte : adresse, transport, tags, la connexion telle que résolue (inventaire > ' +
    '~/.ssh/config > valeurs par défaut), les rebonds, et si ronde peut se connecter : ok, clé d’hôte ' +
    'inconnue (SHA256:…), CLÉ D’HÔTE CHANGÉE, authentification refusée (essayé …) ou injoignable (…). ' +
    'Les hôtes sont essayés en parallèle ; rien n’y est exécuté.\n\n' +
    'Code de sortie, comme pour `ronde check` : 0 tous les hôtes joignables, 3 un hôte injoignable ou ' +
    'refusant la connexion, 2 une clé d’hôte changée ou révoquée ; 64 erreur d’usage, 78 erreur de ' +
    'configuration.',
  'cli.hosts.help.selectors': 'sélecteurs d’hôtes : un nom, tag:NOM, `all`, ou !SÉLECTEUR pour exclure',
  'cli.hosts.help.json': 'affiche un document JSON { version, status, exitCode, hosts }',
  'cli.hosts.help.noConnect': 'liste seulement l’inventaire, sans essayer de se connecter',
  'cli.hosts.help.timeout': 'délai de connexion par hôte (par défaut : ConnectTimeout, sinon 5)',
  'cli.hosts.help.noColor': 'sans couleurs (aussi : NO_COLOR=1, ou sortie qui n’est pas un terminal)',
  'cli.hosts.help.examples':
    '\nExemples :\n  ronde hosts\n  ronde hosts tag:web --json\n  ronde hosts trust web1 --fingerprint SHA256:…',
  'cli.hosts.help.trust.summary':
    'enregistrer la clé d’un hôte dans le known_hosts de ronde, après vérification',
  'cli.hosts.help.trust.description':
    'Se connecte à l’hôte (sans rien exécuter), montre l’empreinte SHA256 de sa clé d’hôte et, une fois ' +
    'confirmée, l’ajoute au known_hosts propre à ronde (<state dir>/known_hosts). Comparez l’empreinte ' +
    'avec `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` lancé sur l’hôte lui-même. Une clé changée ' +
    'est refusée sauf avec --replace.\n\n' +
    'Code de sortie : 0 clé approuvée (ou déjà), 1 non approuvée (refus, réponse non, empreinte ' +
    'différente), 3 hôte injoignable, 64 erreur d’usage (hôte inconnu ; pas de terminal sans --yes ni ' +
    '--fingerprint).',
  'cli.hosts.help.trust.name': 'nom de l’hôte dans l’inventaire',
  'cli.hosts.help.trust.yes': 'approuve sans demander (vous avez vérifié l’empreinte autrement)',
  'cli.hosts.help.trust.fingerprint':
    'approuve seulement si la clé a cette empreinte (approbation vérifiée, pour un script)',
  'cli.hosts.help.trust.replace':
    'remplace une clé connue qui a changé (retire l’ancienne ligne du fichier de ronde)',
  'cli.hosts.help.trust.timeout': 'délai de connexion (par défaut : ConnectTimeout, sinon 5)',
  'cli.hosts.seconds': 'attendu : un nombre entier de secondes, de 1 à 600',
  'cli.hosts.noMatch': 'aucun hôte ne correspond à la sélection',

  'cli.hosts.head.name': 'NOM',
  'cli.hosts.head.address': 'ADRESSE',
  'cli.hosts.head.transport': 'ACCÈS',
  'cli.hosts.head.tags': 'ÉTIQUETTES',
  'cli.hosts.head.login': 'CONNEXION',
  'cli.hosts.head.jump': 'REBOND',
  'cli.hosts.head.state': 'ÉTAT',
  'cli.hosts.warning': (p) => `attention : ${p.warning}`,
  'cli.hosts.notContacted': (p) =>
    `${p.n} ${p.n < 2 ? 'hôte' : 'hôtes'}, ${p.n < 2 ? 'non contacté' : 'non contactés'} (--no-connect)`,
  'cli.hosts.allReachable': (p) =>
    `${p.n} ${p.n < 2 ? 'hôte, joignable' : 'hôtes, tous joignables'}` +
    (p.api > 0 ? ` (${p.api} par une API seulement)` : ''),
  'cli.hosts.notReachable': (p) =>
    `${p.n} ${p.n < 2 ? 'hôte' : 'hôtes'}, ${p.bad} ${p.bad < 2 ? 'injoignable' : 'injoignables'}`,
  'cli.hosts.trustHint': ' ; pour approuver un hôte : ronde hosts trust NOM',

  'cli.hosts.state.ok': 'ok',
  'cli.hosts.state.local': 'local',
  'cli.hosts.state.apiOnly': (p) => `API seulement (${p.kinds}) : SSH inutile`,
  'cli.hosts.state.unreachable': (p) => `injoignable (${p.why})`,
  'cli.hosts.state.unknownKey': (p) => `clé d’hôte inconnue (${p.fingerprint})`,
  'cli.hosts.state.revoked': 'CLÉ D’HÔTE RÉVOQUÉE',
  'cli.hosts.state.changed': 'CLÉ D’HÔTE CHANGÉE',
  'cli.hosts.state.auth': (p) => `authentification refusée (essayé ${p.tried})`,
  'cli.hosts.state.triedNothing': 'rien',
  'cli.hosts.cannotResolve': (p) => `impossible de savoir comment joindre ${p.host} : ${p.why}`,
  'cli.hosts.jumpWarning': (p) => `rebond ${p.jump} : ${p.warning}`,

  'cli.hosts.trust.unknown': (p) => `hôte inconnu "${p.name}"`,
  'cli.hosts.trust.local': (p) => `${p.name} est local : ronde ne l’atteint pas par SSH`,
  'cli.hosts.trust.noKey': (p) => `impossible d’obtenir la clé d’hôte de ${p.name} : ${p.why}`,
  'cli.hosts.trust.presents': (p) =>
    `${p.name} (${p.host}) présente cette clé ${p.algorithm} :\n  ${p.fingerprint}`,
  'cli.hosts.trust.already': (p) => `Déjà approuvée (${p.where}) : rien à faire.`,
  'cli.hosts.trust.revoked': (p) =>
    `REFUSÉ : cette clé est révoquée (${p.where}). ronde ne l’approuvera jamais.`,
  'cli.hosts.trust.changed': (p) =>
    `REFUSÉ : la clé d’hôte de ${p.name} a CHANGÉ. L’ancienne clé est dans ${p.old}.\n` +
    'Quelqu’un intercepte peut-être la connexion, ou l’hôte a été réinstallé. Vérifiez la nouvelle\n' +
    'empreinte sur l’hôte lui-même (console : ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), puis\n' +
    `lancez : ${p.command}`,
  'cli.hosts.trust.mismatch': (p) =>
    `REFUSÉ : la clé ne correspond pas à l’empreinte attendue ${p.fingerprint} ; rien n’a été enregistré.`,
  'cli.hosts.trust.noTerminal':
    'pas de terminal : donnez --fingerprint SHA256:… (vérifiée sur l’hôte) ou --yes pour approuver sans demander',
  'cli.hosts.trust.compare':
    'Comparez-la avec `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` lancé sur l’hôte lui-même (console, hyperviseur).',
  'cli.hosts.trust.ask': (p) => `Approuver cette clé pour ${p.name} ? [o/N] `,
  'cli.hosts.trust.yes': '(o(ui)?|y(es)?)',
  'cli.hosts.trust.declined': 'Non approuvée ; rien n’a été enregistré.',
  'cli.hosts.trust.removed': (p) => `Ancienne clé retirée de ${p.file}.`,
  'cli.hosts.trust.elsewhere': (p) =>
    `L’ancienne clé reste dans ${p.files} (pas le fichier de ronde) ; ronde accepte désormais la ` +
    `nouvelle. Retirez-la de là avec : ssh-keygen -R '${p.host}' -f FICHIER`,
  'cli.hosts.trust.trusted': (p) => `Approuvée : enregistrée dans ${p.file}.`,
};
