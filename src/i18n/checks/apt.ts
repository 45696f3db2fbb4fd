import { count } from '../format.js';

/* The words of the apt.* kinds (src/checks/apt/). */
export const en = {
  'apt.pending.summary': (p: {
    pending: number;
    security: number;
    held: number;
    phased: number;
    lists: string;
  }) =>
    `${count('en', p.pending, 'pending update', 'pending updates')} (${p.security} security)` +
    (p.held ? `, ${p.held} held` : '') +
    (p.phased ? `, ${p.phased} phased` : '') +
    (p.lists ? `, lists ${p.lists} old` : ', no package lists'),
  'apt.pending.security': (p: { n: number; names: string }) =>
    `${count('en', p.n, 'security update', 'security updates')}: ${p.names}`,
  'apt.pending.pending': (p: { n: number; names: string }) =>
    `${count('en', p.n, 'pending update', 'pending updates')}: ${p.names}`,
  'apt.pending.noLists': 'no package lists found, run apt update: the pending updates cannot be known',
  'apt.pending.listsOld': (p: { age: string }) =>
    `package lists are ${p.age} old, run apt update: newer updates may be missing`,
  'apt.pending.unparsed': (p: { lines: string }) => `cannot read apt list output (${p.lines})`,
  'apt.pending.noDpkg': 'cannot read dpkg-query output: held packages unknown',
  'apt.pending.noDpkg.reason': (p: { n: number }) =>
    `apt lists ${count('en', p.n, 'upgrade', 'upgrades')} but dpkg-query printed no package line`,
  'apt.pending.notInstalled': 'apt is not installed',
  // apt.pending from a node-exporter (src/checks/apt/pending/metrics.ts)
  'apt.pending.metrics.absent': (p: { url: string }) =>
    `no apt_upgrades_pending in ${p.url}: is prometheus-node-exporter-collectors' apt timer running?`,
  'apt.pending.metrics.scrapeError': (p: { url: string }) =>
    `${p.url}: the textfile collector could not read its directory (node_textfile_scrape_error)`,
  'apt.pending.metrics.stale': (p: { url: string; age: string }) =>
    `apt metrics of ${p.url} written ${p.age} ago: the collector has stopped, the counts cannot be trusted`,
  'apt.pending.metrics.from': (p: { url: string }) => `(from ${p.url})`,
};

export const fr: typeof en = {
  'apt.pending.summary': (p) =>
    `${count('fr', p.pending, 'mise à jour en attente', 'mises à jour en attente')} (${p.security} de sécurité)` +
    (p.held ? `, ${count('fr', p.held, 'bloquée', 'bloquées')}` : '') +
    (p.phased ? `, ${count('fr', p.phased, 'progressive', 'progressives')}` : '') +
    (p.lists ? `, listes vieilles de ${p.lists}` : ', aucune liste de paquets'),
  'apt.pending.security': (p) =>
    `${count('fr', p.n, 'mise à jour de sécurité', 'mises à jour de sécurité')} : ${p.names}`,
  'apt.pending.pending': (p) =>
    `${count('fr', p.n, 'mise à jour en attente', 'mises à jour en attente')} : ${p.names}`,
  'apt.pending.noLists':
    'aucune liste de paquets trouvée, lancez apt update : les mises à jour en attente ne peuvent pas être connues',
  'apt.pending.listsOld': (p) =>
    `les listes de paquets datent de ${p.age}, lancez apt update : des mises à jour plus récentes peuvent manquer`,
  'apt.pending.unparsed': (p) => `impossible de lire la sortie d’apt list (${p.lines})`,
  'apt.pending.noDpkg': 'impossible de lire la sortie de dpkg-query : paquets bloqués inconnus',
  'apt.pending.noDpkg.reason': (p) =>
    `apt liste ${count('fr', p.n, 'mise à jour', 'mises à jour')} mais dpkg-query n’a affiché aucun paquet`,
  'apt.pending.notInstalled': 'apt n’est pas installé',
  'apt.pending.metrics.absent': (p) =>
    `pas de apt_upgrades_pending dans ${p.url} : le timer apt de prometheus-node-exporter-collectors tourne-t-il ?`,
  'apt.pending.metrics.scrapeError': (p) =>
    `${p.url} : le collecteur textfile n’a pas pu lire son répertoire (node_textfile_scrape_error)`,
  'apt.pending.metrics.stale': (p) =>
    `métriques apt de ${p.url} écrites il y a ${p.age} : le collecteur s’est arrêté, les nombres ne sont pas fiables`,
  'apt.pending.metrics.from': (p) => `(d’après ${p.url})`,
};
