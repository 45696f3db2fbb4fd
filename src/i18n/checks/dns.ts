import { count } from '../format.js';

/* The words of the dns.* kinds (src/checks/dns/). Zonemaster's own messages are quoted as it wrote them. */
export const en = {
  // dns.zonemaster
  'dns.zonemaster.line': (p: { domain: string; text: string }) => `${p.domain}: ${p.text}`,
  'dns.zonemaster.new': (p: { line: string }) => `new: ${p.line}`,
  'dns.zonemaster.ok': (p: { domains: string }) => `${p.domains}: no warning or error`,
  'dns.zonemaster.first': (p: { n: number; first: string }) =>
    `${p.n} finding${p.n === 1 ? '' : 's'}: ${p.first}`,
  'dns.zonemaster.fresh': (p: { k: number; line: string; known: number }) =>
    `${p.k} new since the last run: ${p.line}${p.known ? ` (${p.known} known)` : ''}`,
  'dns.zonemaster.nothingNew': (p: { n: number; first: string }) =>
    `nothing new since the last run (${p.n} finding${p.n === 1 ? '' : 's'}, first: ${p.first})`,
};

export const fr: typeof en = {
  // dns.zonemaster
  'dns.zonemaster.line': (p) => `${p.domain} : ${p.text}`,
  'dns.zonemaster.new': (p) => `nouveau : ${p.line}`,
  'dns.zonemaster.ok': (p) => `${p.domains} : ni avertissement ni erreur`,
  'dns.zonemaster.first': (p) => `${count('fr', p.n, 'constat', 'constats')} : ${p.first}`,
  'dns.zonemaster.fresh': (p) =>
    `${count('fr', p.k, 'nouveau constat', 'nouveaux constats')} depuis la dernière exécution : ${p.line}` +
    (p.known ? ` (${count('fr', p.known, 'déjà connu', 'déjà connus')})` : ''),
  'dns.zonemaster.nothingNew': (p) =>
    `rien de nouveau depuis la dernière exécution (${count('fr', p.n, 'constat', 'constats')}, le premier : ${p.first})`,
};
