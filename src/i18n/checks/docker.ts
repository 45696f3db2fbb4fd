import { count, days } from '../format.js';

/* The words of the docker.* kinds (src/checks/docker/) and the Compose judge they share (src/clients/docker/compose.ts). */
export const en = {
  'docker.service.none': (p: { service: string }) => `${p.service}: no container (removed, or never started)`,
  'docker.service.looping': (p: { service: string; name: string; n: number }) =>
    `${p.service}: ${p.name} is restarting in a loop (${count('en', p.n, 'restart', 'restarts')})`,
  'docker.service.notRunning': (p: { service: string; name: string; state: string; code: string }) =>
    `${p.service}: not running, ${p.name} is ${p.state}${p.code ? ` (exit code ${p.code})` : ''}`,
  'docker.service.unhealthy': (p: { service: string; name: string }) =>
    `${p.service}: ${p.name} is running but unhealthy`,
  'docker.service.running': (p: { service: string }) => `${p.service}: running`,
  'docker.services.ok': (p: { n: number; source: string }) =>
    `${count('en', p.n, 'expected service', 'expected services')} running (${p.source})`,
  'docker.services.bad': (p: { bad: number; n: number; names: string }) =>
    `${p.bad} of ${count('en', p.n, 'expected service', 'expected services')} not well: ${p.names}`,
  'docker.services.declared': 'declared',
  'docker.services.approved': (p: { by: string; date: string }) => `approved by ${p.by} on ${p.date}`,
  'docker.services.noStore':
    'no expected services declared, and no store to read approvals from (run without --no-save, or declare options.expected)',
  'docker.services.noApproval': (p: { host: string }) =>
    `no expected services declared and none approved yet: run \`ronde docker approve ${p.host}\` once everything that should run is running, or declare options.expected`,
  // docker.updates
  'docker.updates.line': (p: { service: string; text: string }) => `${p.service}: ${p.text}`,
  'docker.updates.behind': (p: { running: string; latest: string; lag: string }) =>
    `${p.running} → ${p.latest} (${p.lag} behind)`,
  'docker.updates.latest': (p: { running: string }) => `${p.running} is the latest`,
  'docker.updates.rebuilt': (p: { tag: string }) => `${p.tag} was rebuilt upstream (new digest)`,
  'docker.updates.upToDate': 'up to date',
  'docker.updates.sep': '; ',
  'docker.updates.noImage': 'no running image to compare',
  'docker.updates.ok': (p: { n: number }) => `${p.n} image${p.n > 1 ? 's' : ''} up to date`,
  'docker.updates.some': (p: { k: number; n: number; first: string }) =>
    `${p.k} of ${p.n} images behind or unknown: ${p.first}; …`,
  'docker.updates.notHere': 'none of the watched images runs here',
  // docker.disk
  'docker.disk.overSize': (p: { total: string; limit: string }) =>
    `Docker uses ${p.total}, at or above ${p.limit}`,
  'docker.disk.overShare': (p: { share: string; mount: string; fsSize: string; limit: number }) =>
    `Docker uses ${p.share} % of ${p.mount} (${p.fsSize}), at or above ${p.limit} %`,
  'docker.disk.prune': (p: { size: string }) =>
    `${p.size} reclaimable: see \`ronde docker prune HOST\` (dry run)`,
  'docker.disk.summary': (p: { total: string; share: string; mount: string; reclaimable: string }) =>
    `Docker uses ${p.total}${p.share ? ` (${p.share} % of ${p.mount})` : ''}, ${p.reclaimable} reclaimable`,
  'docker.disk.noFs': (p: { root: string; why: string }) =>
    `cannot measure the filesystem of ${p.root}: ${p.why}`,
  'docker.disk.dfFailed': 'df failed',
  // docker.image_age
  'docker.image_age.none': 'no running container',
  'docker.image_age.ok': (p: { n: number; days: number }) =>
    `${p.n} running image(s), the oldest built ${p.days} days ago`,
  'docker.image_age.old': (p: { k: number; n: number; days: number }) =>
    `${p.k} of ${p.n} running image(s) older than ${p.days} days: rebuild them`,
  'docker.image_age.reason': (p: { name: string; date: string; days: number; containers: string }) =>
    `${p.name} built ${p.date} (${p.days} days), used by ${p.containers}: a rebuild picks up the base image's security fixes`,
};

export const fr: typeof en = {
  'docker.service.none': (p) => `${p.service} : aucun conteneur (supprimé, ou jamais démarré)`,
  'docker.service.looping': (p) =>
    `${p.service} : ${p.name} redémarre en boucle (${count('fr', p.n, 'redémarrage', 'redémarrages')})`,
  'docker.service.notRunning': (p) =>
    `${p.service} : arrêté, ${p.name} est ${p.state}${p.code ? ` (code de sortie ${p.code})` : ''}`,
  'docker.service.unhealthy': (p) => `${p.service} : ${p.name} tourne mais n’est pas en bonne santé`,
  'docker.service.running': (p) => `${p.service} : en marche`,
  'docker.services.ok': (p) =>
    `${count('fr', p.n, 'service attendu', 'services attendus')} en marche (${p.source})`,
  'docker.services.bad': (p) =>
    `${p.bad} sur ${count('fr', p.n, 'service attendu', 'services attendus')} en difficulté : ${p.names}`,
  'docker.services.declared': 'déclarés',
  'docker.services.approved': (p) => `approuvés par ${p.by} le ${p.date}`,
  'docker.services.noStore':
    'aucun service attendu déclaré, et pas de base pour lire les approbations (lancez sans --no-save, ou déclarez options.expected)',
  'docker.services.noApproval': (p) =>
    `aucun service attendu déclaré ni approuvé : lancez \`ronde docker approve ${p.host}\` quand tout ce qui doit tourner tourne, ou déclarez options.expected`,
  // docker.updates
  'docker.updates.line': (p) => `${p.service} : ${p.text}`,
  'docker.updates.behind': (p) => `${p.running} → ${p.latest} (en retard ${LAG_FR[p.lag] ?? `de ${p.lag}`})`,
  'docker.updates.latest': (p) => `${p.running} est la plus récente`,
  'docker.updates.rebuilt': (p) => `${p.tag} reconstruit en amont (nouveau digest)`,
  'docker.updates.upToDate': 'à jour',
  'docker.updates.sep': ' ; ',
  'docker.updates.noImage': 'aucune image en cours d’exécution à comparer',
  'docker.updates.ok': (p) => count('fr', p.n, 'image à jour', 'images à jour'),
  'docker.updates.some': (p) => `${p.k} images sur ${p.n} en retard ou inconnues : ${p.first} ; …`,
  'docker.updates.notHere': 'aucune des images surveillées ne tourne ici',
  // docker.disk
  'docker.disk.overSize': (p) => `Docker occupe ${p.total}, seuil de ${p.limit} atteint`,
  'docker.disk.overShare': (p) =>
    `Docker occupe ${p.share} % de ${p.mount} (${p.fsSize}), seuil de ${p.limit} % atteint`,
  'docker.disk.prune': (p) => `${p.size} récupérables : voir \`ronde docker prune HOST\` (simulation)`,
  'docker.disk.summary': (p) =>
    `Docker occupe ${p.total}${p.share ? ` (${p.share} % de ${p.mount})` : ''}, dont ${p.reclaimable} récupérables`,
  'docker.disk.noFs': (p) => `impossible de mesurer le système de fichiers de ${p.root} : ${p.why}`,
  'docker.disk.dfFailed': 'échec de df',
  // docker.image_age
  'docker.image_age.none': 'aucun conteneur en cours d’exécution',
  'docker.image_age.ok': (p) =>
    `${count('fr', p.n, 'image utilisée', 'images utilisées')}, la plus ancienne construite il y a ${days('fr', p.days)}`,
  'docker.image_age.old': (p) =>
    `${count('fr', p.k, 'image utilisée', 'images utilisées')} sur ${p.n} ${p.k > 1 ? 'ont' : 'a'} plus de ` +
    `${days('fr', p.days)} : à reconstruire`,
  'docker.image_age.reason': (p) =>
    `${p.name} construite le ${p.date} (${days('fr', p.days)}), utilisée par ${p.containers} : ` +
    'la reconstruire apporte les correctifs de sécurité de son image de base',
};

/** How far behind, in French (sources/version.ts's Lag). */
const LAG_FR: Record<string, string> = {
  major: 'd’une version majeure',
  minor: 'd’une version mineure',
  patch: 'd’un correctif',
  build: 'd’un build',
  pre: 'd’une préversion',
};
