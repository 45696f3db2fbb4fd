/*
 * The words of `ronde docker approve` and `ronde docker prune`
 * (src/cli/docker.ts, docker-prune.ts): --help, refusals, the plan.
 */
export const en = {
  'cli.docker.help.summary': 'approve what runs on a Docker host, clean it safely',
  'cli.docker.help.approve':
    'Records the Compose services running on HOST now as what must run (docker.services uses it when no `expected` is declared).',
  'cli.docker.help.prune':
    'Lists (dry run) or removes dangling images and unused build cache on HOST; refused while an expected service is down.',
  'cli.docker.help.host': 'inventory host name',
  'cli.docker.help.yes': 'remove (default: dry run)',
  'cli.docker.help.unusedImages': 'also tagged images no container uses (they are rollback points)',
  'cli.docker.help.volumes': 'also unused anonymous volumes without Compose labels (asks to confirm)',

  'cli.docker.noEngine': (p: { host: string; socket: string }) =>
    `${p.host}: no Docker engine here: no socket at ${p.socket}. ` +
    'Is Docker installed on it? (Another socket: `docker: { socket: PATH }` in its docker.* check.)',
  'cli.docker.approved': (p: { host: string; n: number; services: string }) =>
    `${p.host}: approved ${p.n} running Compose service(s): ${p.services || '(none)'}`,
  'cli.docker.noLongerExpected': (p: { services: string }) => `no longer expected: ${p.services}`,
  'cli.docker.overridden': (p: { host: string; declared: string }) =>
    `warning: ${p.host}'s docker.services declares \`expected:\` in the configuration ` +
    `(${p.declared}); it overrides this approval, which applies only once \`expected:\` is removed`,
  'cli.docker.noExpected': (p: { host: string }) =>
    `${p.host}: refused: no expected services known, so ronde cannot tell whether everything that should run is running. ` +
    `Run \`ronde docker approve ${p.host}\` (or declare docker.services expected) first.`,
  'cli.docker.down': (p: { host: string; why: string }) =>
    `${p.host}: refused while expected services are down:\n${p.why}`,
  'cli.docker.rollbackNote':
    'note: unused tagged images are rollback points: after removing them, going back needs a pull or a rebuild',
  'cli.docker.confirmVolumes': (p: { n: number }) =>
    `remove ${p.n} anonymous volume(s) and their data? [y/N] `,
  /** What the person may answer for yes (a regular expression, anchored). */
  'cli.docker.yes': 'y(es)?',
  'cli.docker.notConfirmed': 'not confirmed: nothing removed',
  'cli.docker.notRemoved': (p: { kind: string; name: string; error: string }) =>
    `  not removed: ${p.kind} ${p.name}: ${p.error}`,
  'cli.docker.removed': (p: { host: string; n: number; mib: string }) =>
    `${p.host}: removed ${p.n} item(s), freed about ${p.mib} MiB`,

  /** The kinds of item of a prune plan. */
  'cli.docker.kind.dangling image': 'dangling image',
  'cli.docker.kind.unused image': 'unused image',
  'cli.docker.kind.build cache': 'build cache',
  'cli.docker.kind.anonymous volume': 'anonymous volume',
  'cli.docker.cacheEntries': (p: { n: number }) => `${p.n} unused entries`,
  'cli.docker.keptTagged': (p: { n: number }) =>
    `${p.n} tagged image(s) no container uses: kept, they are rollback points (--unused-images removes them)`,
  'cli.docker.keptAnonymous': (p: { n: number }) =>
    `${p.n} unused anonymous volume(s): kept (--volumes removes them)`,
  'cli.docker.keptNamed': (p: { n: number }) =>
    `${p.n} unused named or Compose volume(s): always kept, they hold data`,
  'cli.docker.wouldRemove': (p: { host: string; n: number; size: string }) =>
    `${p.host}: would remove ${p.n} item(s), freeing about ${p.size} (dry run: nothing removed; --yes to remove)`,
  'cli.docker.removing': (p: { host: string; n: number }) => `${p.host}: removing ${p.n} item(s)`,
  'cli.docker.kept': (p: { what: string }) => `  kept: ${p.what}`,
};

const n = (k: number, one: string, other: string) => `${k} ${k < 2 ? one : other}`;

export const fr: typeof en = {
  'cli.docker.help.summary': 'approuver ce qui tourne sur un hôte Docker, le nettoyer sans risque',
  'cli.docker.help.approve':
    'Enregistre les services Compose qui tournent maintenant sur HÔTE comme ce qui doit tourner ' +
    '(docker.services s’en sert quand aucun `expected` n’est déclaré).',
  'cli.docker.help.prune':
    'Liste (à blanc) ou supprime les images orphelines et le cache de build inutilisé sur HÔTE ; ' +
    'refusé tant qu’un service attendu est arrêté.',
  'cli.docker.help.host': 'nom de l’hôte dans l’inventaire',
  'cli.docker.help.yes': 'supprime (par défaut : à blanc)',
  'cli.docker.help.unusedImages':
    'aussi les images étiquetées qu’aucun conteneur n’utilise (ce sont des points de retour arrière)',
  'cli.docker.help.volumes':
    'aussi les volumes anonymes inutilisés sans étiquettes Compose (demande confirmation)',

  'cli.docker.noEngine': (p) =>
    `${p.host} : pas de moteur Docker ici : pas de socket ${p.socket}. ` +
    'Docker y est-il installé ? (Un autre socket : `docker: { socket: CHEMIN }` dans sa vérification docker.*.)',
  'cli.docker.approved': (p) =>
    `${p.host} : ${n(p.n, 'service Compose approuvé', 'services Compose approuvés')} : ${p.services || '(aucun)'}`,
  'cli.docker.noLongerExpected': (p) => `plus attendus : ${p.services}`,
  'cli.docker.overridden': (p) =>
    `attention : le docker.services de ${p.host} déclare \`expected:\` dans la configuration ` +
    `(${p.declared}) ; cela l’emporte sur cette approbation, qui ne s’applique qu’une fois \`expected:\` retiré`,
  'cli.docker.noExpected': (p) =>
    `${p.host} : refusé : aucun service attendu connu, ronde ne peut donc pas dire si tout ce qui doit ` +
    `tourner tourne. Lancez d’abord \`ronde docker approve ${p.host}\` (ou déclarez expected dans docker.services).`,
  'cli.docker.down': (p) => `${p.host} : refusé tant que des services attendus sont arrêtés :\n${p.why}`,
  'cli.docker.rollbackNote':
    'note : les images étiquetées inutilisées sont des points de retour arrière : une fois supprimées, ' +
    'revenir en arrière demande un pull ou une reconstruction',
  'cli.docker.confirmVolumes': (p) =>
    `supprimer ${n(p.n, 'volume anonyme', 'volumes anonymes')} et leurs données ? [o/N] `,
  'cli.docker.yes': '(o(ui)?|y(es)?)',
  'cli.docker.notConfirmed': 'non confirmé : rien n’a été supprimé',
  'cli.docker.notRemoved': (p) => `  non supprimé : ${p.kind} ${p.name} : ${p.error}`,
  'cli.docker.removed': (p) =>
    `${p.host} : ${n(p.n, 'élément supprimé', 'éléments supprimés')}, environ ${p.mib} Mio libérés`,

  'cli.docker.kind.dangling image': 'image orpheline',
  'cli.docker.kind.unused image': 'image inutilisée',
  'cli.docker.kind.build cache': 'cache de build',
  'cli.docker.kind.anonymous volume': 'volume anonyme',
  'cli.docker.cacheEntries': (p) => n(p.n, 'entrée inutilisée', 'entrées inutilisées'),
  'cli.docker.keptTagged': (p) =>
    `${n(p.n, 'image étiquetée', 'images étiquetées')} sans conteneur : gardées, ce sont des points de ` +
    'retour arrière (--unused-images les supprime)',
  'cli.docker.keptAnonymous': (p) =>
    `${n(p.n, 'volume anonyme inutilisé', 'volumes anonymes inutilisés')} : gardés (--volumes les supprime)`,
  'cli.docker.keptNamed': (p) =>
    `${n(p.n, 'volume nommé ou Compose inutilisé', 'volumes nommés ou Compose inutilisés')} : toujours ` +
    'gardés, ils contiennent des données',
  'cli.docker.wouldRemove': (p) =>
    `${p.host} : ${n(p.n, 'élément serait supprimé', 'éléments seraient supprimés')}, environ ${p.size} ` +
    'libérés (à blanc : rien n’est supprimé ; --yes pour supprimer)',
  'cli.docker.removing': (p) => `${p.host} : suppression de ${n(p.n, 'élément', 'éléments')}`,
  'cli.docker.kept': (p) => `  gardé : ${p.what}`,
};
