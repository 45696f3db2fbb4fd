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
};

export const fr: typeof en = {
  'proxmox.updates.security': (p) =>
    `${p.node} : ${count('fr', p.n, 'mise à jour de sécurité', 'mises à jour de sécurité')} : ${p.names}`,
  'proxmox.updates.pending': (p) =>
    `${p.node} : ${count('fr', p.n, 'mise à jour en attente', 'mises à jour en attente')} (${p.proxmox} Proxmox` +
    `${p.kernel ? `, ${p.kernel} noyau : redémarrer ensuite` : ''}) : ${p.names}`,
  'proxmox.updates.changes': (p) => `${p.pkg} ${p.from} → ${p.to} : ${p.items}`,
  'proxmox.updates.noChangelog': (p) => `${p.pkg} ${p.to} : changelog non lu (${p.error})`,
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
};
