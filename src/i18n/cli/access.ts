/*
 * The words of `ronde access` (src/cli/access.ts) not already in en.ts/fr.ts
 * (`access.*` there): its --help, the snapshot numbers, the history lines.
 */
export const en = {
  'cli.access.help.summary': 'review and approve who has access (LDAP, GitLab, pass, SSH keys)',
  'cli.access.help.review':
    'Reads every access.review source now, records what it shows, and prints what changed since its last approval; stale accounts and expired keys are listed too.',
  'cli.access.help.sources': 'check names or CHECK@HOST (default: all)',
  'cli.access.help.json': 'print JSON',
  'cli.access.help.markdown': 'print a Mattermost-ready message',
  'cli.access.help.examples':
    '\nExamples:\n  ronde access review\n  ronde access review ldap-accounts --markdown\n  ronde access approve ldap-accounts@ronde --by alice --note "carol joined"',
  'cli.access.help.approve':
    'Records that NAME approved what the last `ronde access review` showed for SOURCE (append-only, like sign-offs).',
  'cli.access.help.source': 'CHECK@HOST, or a check name (every host it runs on)',
  'cli.access.help.by': 'who approves (default: $RONDE_USER, git user.name, $USER)',
  'cli.access.help.note': 'why it is right (who joined, who left)',
  'cli.access.help.history': 'Who approved which snapshot of each source, newest first.',
  'cli.access.help.historySource': 'CHECK@HOST or a check name',
  'cli.access.snapshot': (p: { id: number }) => `(snapshot ${p.id})`,
  'cli.access.historyLine': (p: { at: string; source: string; id: number; by: string; note: string }) =>
    `${p.at}  ${p.source}  snapshot ${p.id}  ${p.by}${p.note ? `: ${p.note}` : ''}`,
};

export const fr: typeof en = {
  'cli.access.help.summary': 'revoir et approuver qui a accès (LDAP, GitLab, pass, clés SSH)',
  'cli.access.help.review':
    'Lit maintenant chaque source access.review, enregistre ce qu’elle montre et affiche ce qui a changé depuis sa dernière approbation ; les comptes dormants et les clés expirées y figurent aussi.',
  'cli.access.help.sources': 'noms de vérifications ou VÉRIFICATION@HÔTE (par défaut : toutes)',
  'cli.access.help.json': 'afficher du JSON',
  'cli.access.help.markdown': 'afficher un message prêt pour Mattermost',
  'cli.access.help.examples':
    '\nExemples :\n  ronde access review\n  ronde access review ldap-accounts --markdown\n  ronde access approve ldap-accounts@ronde --by alice --note "carol arrive"',
  'cli.access.help.approve':
    'Enregistre que NOM a approuvé ce que le dernier `ronde access review` a montré pour SOURCE (en ajout seul, comme les validations).',
  'cli.access.help.source': 'VÉRIFICATION@HÔTE, ou un nom de vérification (tous les hôtes où elle tourne)',
  'cli.access.help.by': 'qui approuve (par défaut : $RONDE_USER, le user.name de git, $USER)',
  'cli.access.help.note': 'pourquoi c’est juste (qui est arrivé, qui est parti)',
  'cli.access.help.history': 'Qui a approuvé quel instantané de chaque source, le plus récent d’abord.',
  'cli.access.help.historySource': 'VÉRIFICATION@HÔTE ou un nom de vérification',
  'cli.access.snapshot': (p) => `(instantané ${p.id})`,
  'cli.access.historyLine': (p) =>
    `${p.at}  ${p.source}  instantané ${p.id}  ${p.by}${p.note ? ` : ${p.note}` : ''}`,
};
