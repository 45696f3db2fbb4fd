import { count } from '../format.js';

/* The words of the docs.* kinds (src/checks/docs/). */
export const en = {
  'docs.coverage.host': (p: { name: string }) => `host ${p.name}`,
  'docs.coverage.compose': (p: { name: string }) => `Compose project ${p.name}`,
  'docs.coverage.service': (p: { name: string }) => `service ${p.name}`,
  'docs.coverage.missing': (p: { what: string; page: string }) => `${p.what}: no page ${p.page}`,
  'docs.coverage.staleChange': (p: { what: string; page: string; edited: string; changed: string }) =>
    `${p.what}: page ${p.page} last edited ${p.edited}, before its containers were recreated ${p.changed}`,
  'docs.coverage.staleAge': (p: { what: string; page: string; days: number; max: number }) =>
    `${p.what}: page ${p.page} not edited for ${p.days} days (max_age ${p.max} days)`,
  'docs.coverage.summaryMissing': (p: { n: number; names: string }) => `${p.n} without a page (${p.names})`,
  'docs.coverage.summaryStale': (p: { n: number; names: string }) => `${p.n} with a stale page (${p.names})`,
  'docs.coverage.ok': (p: { hosts: number; projects: number; services: number }) =>
    `every page is there and current: ${[
      p.hosts ? count('en', p.hosts, 'host', 'hosts') : '',
      p.projects ? count('en', p.projects, 'Compose project', 'Compose projects') : '',
      p.services ? count('en', p.services, 'service', 'services') : '',
    ]
      .filter(Boolean)
      .join(', ')}`,
  'docs.coverage.empty': 'nothing to document here (no subject left after ignore)',
  'docs.coverage.toWrite': 'page to write',
  'docs.coverage.toUpdate': 'page to update',
  'docs.coverage.unreadable': (p: { url: string; why: string }) => `wiki ${p.url}: ${p.why}`,
  'docs.coverage.password': (p: { why: string }) => `wiki password: ${p.why}`,
};

export const fr: typeof en = {
  'docs.coverage.host': (p) => `hôte ${p.name}`,
  'docs.coverage.compose': (p) => `projet Compose ${p.name}`,
  'docs.coverage.service': (p) => `service ${p.name}`,
  'docs.coverage.missing': (p) => `${p.what} : pas de page ${p.page}`,
  'docs.coverage.staleChange': (p) =>
    `${p.what} : page ${p.page} modifiée le ${p.edited}, avant que ses conteneurs soient recréés le ${p.changed}`,
  'docs.coverage.staleAge': (p) =>
    `${p.what} : page ${p.page} pas modifiée depuis ${p.days} jours (max_age ${p.max} jours)`,
  'docs.coverage.summaryMissing': (p) => `${p.n} sans page (${p.names})`,
  'docs.coverage.summaryStale': (p) => `${p.n} avec une page périmée (${p.names})`,
  'docs.coverage.ok': (p) =>
    `toutes les pages sont là et à jour : ${[
      p.hosts ? count('fr', p.hosts, 'hôte', 'hôtes') : '',
      p.projects ? count('fr', p.projects, 'projet Compose', 'projets Compose') : '',
      p.services ? count('fr', p.services, 'service', 'services') : '',
    ]
      .filter(Boolean)
      .join(', ')}`,
  'docs.coverage.empty': 'rien à documenter ici (plus aucun sujet après ignore)',
  'docs.coverage.toWrite': 'page à écrire',
  'docs.coverage.toUpdate': 'page à mettre à jour',
  'docs.coverage.unreadable': (p) => `wiki ${p.url} : ${p.why}`,
  'docs.coverage.password': (p) => `mot de passe du wiki : ${p.why}`,
};
