import { count } from '../format.js';

/* The words of the mail.* kinds (src/checks/mail/). */
export const en = {
  // mail.dnsbl
  'mail.dnsbl.listed': (p: { subject: string; zone: string; what: string; txt: string; where: string }) =>
    `${p.subject} is listed on ${p.zone}: ${p.what}${p.txt ? ` (reason: ${p.txt})` : ''}` +
    (p.where ? `; fix the cause, then ask for delisting at ${p.where}` : ''),
  'mail.dnsbl.unsure': (p: { zone: string; subject: string; what: string }) =>
    `${p.zone} could not say whether ${p.subject} is listed: ${p.what}`,
  'mail.dnsbl.sep': '; ',
  'mail.dnsbl.nothing': 'nothing to ask: no address for the `ip` lists and no domain for the `domain` lists',
  'mail.dnsbl.reused': (p: { n: number; oldest: string }) =>
    `${p.n} answer${p.n === 1 ? '' : 's'} reused from ${p.oldest}: a list is asked again once min_interval has passed (lists block heavy users)`,
  'mail.dnsbl.ok': (p: {
    subjects: string;
    many: boolean;
    zones: number;
    reused: number;
    lastRun: boolean;
  }) =>
    `${p.subjects}: not listed on ${p.zones} list${p.zones === 1 ? '' : 's'}` +
    (p.reused ? ` (${p.reused} answers reused from the last ${p.lastRun ? 'run' : 'runs'})` : ''),
  'mail.dnsbl.andMore': (p: { n: number }) => ` (and ${p.n} more)`,
  'mail.dnsbl.dqsKey': (p: { error: string }) => `dqs_key: ${p.error}`,
  'mail.dnsbl.noResolver': 'no resolver: set `resolver`, or give the machine one in /etc/resolv.conf',
};

export const fr: typeof en = {
  // mail.dnsbl
  'mail.dnsbl.listed': (p) =>
    `${p.subject} figure sur ${p.zone} : ${p.what}${p.txt ? ` (motif : ${p.txt})` : ''}` +
    (p.where ? ` ; corrigez la cause, puis demandez le retrait sur ${p.where}` : ''),
  'mail.dnsbl.unsure': (p) => `${p.zone} n’a pas pu dire si ${p.subject} y figure : ${p.what}`,
  'mail.dnsbl.sep': ' ; ',
  'mail.dnsbl.nothing':
    'rien à demander : aucune adresse pour les listes `ip` et aucun domaine pour les listes `domain`',
  'mail.dnsbl.reused': (p) =>
    `${count('fr', p.n, 'réponse reprise', 'réponses reprises')} du ${p.oldest} : une liste n’est interrogée ` +
    'à nouveau qu’une fois min_interval écoulé (les listes bloquent les gros consommateurs)',
  'mail.dnsbl.ok': (p) =>
    `${p.subjects} : ${p.many ? 'ne figurent' : 'ne figure'} sur aucune liste ` +
    `(${count('fr', p.zones, 'liste interrogée', 'listes interrogées')}` +
    (p.reused
      ? `, ${count('fr', p.reused, 'réponse reprise', 'réponses reprises')} ${p.lastRun ? 'de la dernière exécution' : 'des dernières exécutions'})`
      : ')'),
  'mail.dnsbl.andMore': (p) => ` (et ${p.n} de plus)`,
  'mail.dnsbl.dqsKey': (p) => `dqs_key : ${p.error}`,
  'mail.dnsbl.noResolver':
    'aucun résolveur : définissez `resolver`, ou donnez-en un à la machine dans /etc/resolv.conf',
};
