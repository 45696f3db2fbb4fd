import { count } from '../format.js';

/* The words of the access.* kinds (src/checks/access/). */
export const en = {
  'access.review.neverApproved': (p: { n: number; source: string }) =>
    `${count('en', p.n, 'access', 'accesses')}, never approved: review them (ronde access review ${p.source}), then approve`,
  'access.review.changed': (p: { n: number; by: string; date: string }) =>
    `${count('en', p.n, 'change', 'changes')} since the approval by ${p.by} on ${p.date}`,
  'access.review.ok': (p: { n: number; by: string; date: string; flagged: string }) =>
    `${count('en', p.n, 'access', 'accesses')} as approved by ${p.by} on ${p.date}${p.flagged ? ` (${p.flagged})` : ''}`,
  'access.review.added': (p: { who: string }) => `added: ${p.who}`,
  'access.review.removed': (p: { who: string }) => `removed: ${p.who}`,
  'access.review.changedOne': (p: { who: string; what: string }) => `changed: ${p.who}: ${p.what}`,
  'access.review.noStore': 'the approved state is in the store: run with the store (not --no-save)',
  'access.review.failed': (p: { source: string; why: string }) => `${p.source}: ${p.why}`,
};

export const fr: typeof en = {
  'access.review.neverApproved': (p) =>
    `${count('fr', p.n, 'accès', 'accès')}, jamais approuvés : les revoir (ronde access review ${p.source}), puis approuver`,
  'access.review.changed': (p) =>
    `${count('fr', p.n, 'changement', 'changements')} depuis l’approbation de ${p.by} le ${p.date}`,
  'access.review.ok': (p) =>
    `${count('fr', p.n, 'accès', 'accès')} tels qu’approuvés par ${p.by} le ${p.date}${p.flagged ? ` (${p.flagged})` : ''}`,
  'access.review.added': (p) => `ajouté : ${p.who}`,
  'access.review.removed': (p) => `retiré : ${p.who}`,
  'access.review.changedOne': (p) => `changé : ${p.who} : ${p.what}`,
  'access.review.noStore': 'l’état approuvé est dans la base : lancer avec la base (pas --no-save)',
  'access.review.failed': (p) => `${p.source} : ${p.why}`,
};
