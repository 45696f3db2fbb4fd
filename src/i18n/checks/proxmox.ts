import { count } from '../format.js';

/* The words of the proxmox.* kinds (src/checks/proxmox/). */
export const en = {
  'proxmox.updates.security': (p: { node: string; n: number; names: string }) =>
    `${p.node}: ${count('en', p.n, 'security update', 'security updates')}: ${p.names}`,
  'proxmox.updates.pending': (p: {
    node: string;
    n: number;
    proxmox: number;
    kernel: number;
    names: string;
  }) =>
    `${p.node}: ${count('en', p.n, 'pending update', 'pending updates')} (${p.proxmox} Proxmox` +
    `${p.kernel ? `, ${p.kernel} kernel: reboot after` : ''}): ${p.names}`,
  'proxmox.updates.changes': (p: { pkg: string; from: string; to: string; items: string }) =>
    `${p.pkg} ${p.from} → ${p.to}: ${p.items}`,
  'proxmox.updates.noChangelog': (p: { pkg: string; to: string; error: string }) =>
    `${p.pkg} ${p.to}: changelog not read (${p.error})`,
  'proxmox.updates.new': '(new)',
  'proxmox.updates.kernel': 'kernel',
  'proxmox.updates.skew': (p: { what: string; versions: string }) =>
    `${p.what} differs between the nodes: ${p.versions}`,
  'proxmox.updates.noSysModify': (p: { node: string }) =>
    `${p.node}: pending updates and changelogs not readable: the token lacks Sys.Modify on /nodes/${p.node} (403)`,
  'proxmox.updates.indexOld': (p: { node: string; age: string }) =>
    `${p.node}: package index refreshed ${p.age} ago: newer updates may be missing`,
  'proxmox.updates.unread': (p: { node: string; error: string }) => `${p.node}: ${p.error}`,
  'proxmox.updates.offline': (p: { node: string }) => `${p.node} is offline: its versions are unknown`,
  'proxmox.updates.ok': (p: { n: number; manager: string; kernel: string }) =>
    `${count('en', p.n, 'node', 'nodes')} up to date: pve-manager ${p.manager}, kernel ${p.kernel}`,
  'proxmox.updates.noNode': 'no node visible: the token needs Sys.Audit (PVEAuditor on /)',
  'proxmox.updates.api': (p: { url: string; error: string }) => `Proxmox API ${p.url}: ${p.error}`,
  'proxmox.backups.none': (p: { storages: string }) => `no backup on ${p.storages || 'any storage'}`,
  'proxmox.backups.old': (p: { age: string; at: string; cadence: string }) =>
    `newest backup ${p.age} old (${p.at}, cadence ${p.cadence})`,
  'proxmox.backups.empty': 'newest backup is empty (0 B)',
  'proxmox.backups.smaller': (p: { size: string; pct: number; median: string; n: number }) =>
    `newest backup ${p.size} is ${p.pct}% smaller than the median ${p.median} of ${p.n} previous`,
  'proxmox.backups.verifyFailed': (p: { volid: string }) =>
    `verification of the newest backup failed (${p.volid})`,
  'proxmox.backups.vzdumpFailed': (p: { at: string; node: string; status: string }) =>
    `vzdump failed at ${p.at} on ${p.node}: ${p.status}; no backup since`,
  'proxmox.backups.noJob': 'not in any backup job',
  'proxmox.backups.guestReason': (p: { guest: string; reason: string }) => `${p.guest}: ${p.reason}`,
  'proxmox.backups.taskFailed': (p: { at: string; node: string; status: string }) =>
    `vzdump task failed at ${p.at} on ${p.node}: ${p.status} (guests not named in its log)`,
  'proxmox.backups.notRead': (p: { what: string }) => `not read: ${p.what}`,
  'proxmox.backups.noGuest': 'no guest visible: the token needs VM.Audit (PVEAuditor on /)',
  'proxmox.backups.ok': (p: { n: number; within: string }) => `${p.n} guests backed up within ${p.within}`,
  'proxmox.backups.okOldest': (p: { guest: string; at: string }) =>
    `, oldest newest backup ${p.guest} at ${p.at}`,
  'proxmox.backups.bad': (p: { bad: number; total: number; named: string; more: number }) =>
    `${p.bad} of ${p.total} guests: ${p.named}${p.more > 0 ? ` and ${p.more} more` : ''}`,
  'proxmox.backups.cannotTell': 'cannot tell',
  'proxmox.backups.api': (p: { url: string; error: string }) => `Proxmox API ${p.url}: ${p.error}`,
};

export const fr: typeof en = {
  'proxmox.updates.security': (p) =>
    `${p.node} : ${count('fr', p.n, 'mise à jour de sécurité', 'mises à jour de sécurité')} : ${p.names}`,
  'proxmox.updates.pending': (p) =>
    `${p.node} : ${count('fr', p.n, 'mise à jour en attente', 'mises à jour en attente')} (${p.proxmox} Proxmox` +
    `${p.kernel ? `, ${p.kernel} noyau : redémarrer ensuite` : ''}) : ${p.names}`,
  'proxmox.updates.changes': (p) => `${p.pkg} ${p.from} → ${p.to} : ${p.items}`,
  'proxmox.updates.noChangelog': (p) => `${p.pkg} ${p.to} : changelog non lu (${p.error})`,
  'proxmox.updates.new': '(nouveau)',
  'proxmox.updates.kernel': 'le noyau',
  'proxmox.updates.skew': (p) => `${p.what} diffère entre les nœuds : ${p.versions}`,
  'proxmox.updates.noSysModify': (p) =>
    `${p.node} : mises à jour en attente et changelogs illisibles : il manque au jeton le droit Sys.Modify sur /nodes/${p.node} (403)`,
  'proxmox.updates.indexOld': (p) =>
    `${p.node} : index des paquets rafraîchi il y a ${p.age} : des mises à jour plus récentes peuvent manquer`,
  'proxmox.updates.unread': (p) => `${p.node} : ${p.error}`,
  'proxmox.updates.offline': (p) => `${p.node} est hors ligne : ses versions sont inconnues`,
  'proxmox.updates.ok': (p) =>
    `${count('fr', p.n, 'nœud', 'nœuds')} à jour : pve-manager ${p.manager}, noyau ${p.kernel}`,
  'proxmox.updates.noNode': 'aucun nœud visible : le jeton a besoin de Sys.Audit (PVEAuditor sur /)',
  'proxmox.updates.api': (p) => `API Proxmox ${p.url} : ${p.error}`,
  'proxmox.backups.none': (p) =>
    p.storages ? `aucune sauvegarde sur ${p.storages}` : 'aucune sauvegarde sur aucun stockage',
  'proxmox.backups.old': (p) => `dernière sauvegarde vieille de ${p.age} (${p.at}, cadence ${p.cadence})`,
  'proxmox.backups.empty': 'la dernière sauvegarde est vide (0 octet)',
  'proxmox.backups.smaller': (p) =>
    `dernière sauvegarde de ${p.size}, ${p.pct} % plus petite que la médiane de ${p.median} ` +
    (p.n === 1 ? 'de la précédente' : `des ${p.n} précédentes`),
  'proxmox.backups.verifyFailed': (p) => `la vérification de la dernière sauvegarde a échoué (${p.volid})`,
  'proxmox.backups.vzdumpFailed': (p) =>
    `échec de vzdump le ${p.at} sur ${p.node} : ${p.status} ; aucune sauvegarde depuis`,
  'proxmox.backups.noJob': 'dans aucune tâche de sauvegarde',
  'proxmox.backups.guestReason': (p) => `${p.guest} : ${p.reason}`,
  'proxmox.backups.taskFailed': (p) =>
    `tâche vzdump en échec le ${p.at} sur ${p.node} : ${p.status} (machines non nommées dans son journal)`,
  'proxmox.backups.notRead': (p) => `non lu : ${p.what}`,
  'proxmox.backups.noGuest':
    'aucune VM ni conteneur visible : le jeton a besoin de VM.Audit (PVEAuditor sur /)',
  'proxmox.backups.ok': (p) =>
    `${count('fr', p.n, 'machine sauvegardée', 'machines sauvegardées')} depuis moins de ${p.within}`,
  'proxmox.backups.okOldest': (p) => `, la plus ancienne dernière sauvegarde : ${p.guest} le ${p.at}`,
  'proxmox.backups.bad': (p) =>
    `${count('fr', p.bad, 'machine', 'machines')} sur ${p.total} : ${p.named}${p.more > 0 ? ` et ${p.more} de plus` : ''}`,
  'proxmox.backups.cannotTell': 'impossible de conclure',
  'proxmox.backups.api': (p) => `API Proxmox ${p.url} : ${p.error}`,
};
