import { count } from '../format.js';

/* The words of the gitlab.* kinds (src/checks/gitlab/). */
export const en = {
  'gitlab.issues.none': (p: { days: number; projects: number }) =>
    `no open issue idle for ${p.days} days in ${count('en', p.projects, 'project', 'projects')}`,
  'gitlab.issues.summary': (p: {
    n: number;
    floor: boolean;
    days: number;
    projects: number;
    oldest: number;
    ref: string;
  }) =>
    `${p.n}${p.floor ? '+' : ''} open ${p.n === 1 ? 'issue' : 'issues'} idle for ${p.days}+ days in ${count('en', p.projects, 'project', 'projects')}, oldest ${p.oldest} days (${p.ref})`,
  'gitlab.issues.tooMany': (p: { n: number; floor: boolean; max: number }) =>
    `${p.n}${p.floor ? '+' : ''} forgotten ${p.n === 1 ? 'issue' : 'issues'}, more than the ${p.max} allowed (warn_count)`,
  'gitlab.issues.noLabel': '(no label)',
  'gitlab.issues.unassigned': '(unassigned)',
  'gitlab.issues.unreadable': (p: { url: string; why: string }) => `GitLab ${p.url}: ${p.why}`,
  'gitlab.issues.token': (p: { why: string }) => `GitLab token: ${p.why}`,
};

export const fr: typeof en = {
  'gitlab.issues.none': (p) =>
    `aucune issue ouverte sans activité depuis ${p.days} jours dans ${count('fr', p.projects, 'projet', 'projets')}`,
  'gitlab.issues.summary': (p) =>
    `${p.n}${p.floor ? '+' : ''} ${p.n === 1 ? 'issue ouverte' : 'issues ouvertes'} sans activité depuis ${p.days} jours ou plus dans ${count('fr', p.projects, 'projet', 'projets')}, la plus ancienne depuis ${p.oldest} jours (${p.ref})`,
  'gitlab.issues.tooMany': (p) =>
    `${p.n}${p.floor ? '+' : ''} ${p.n === 1 ? 'issue oubliée' : 'issues oubliées'}, plus que les ${p.max} admises (warn_count)`,
  'gitlab.issues.noLabel': '(sans label)',
  'gitlab.issues.unassigned': '(non assignée)',
  'gitlab.issues.unreadable': (p) => `GitLab ${p.url} : ${p.why}`,
  'gitlab.issues.token': (p) => `jeton GitLab : ${p.why}`,
};
