import { count, days } from '../format.js';

/* The words of the credentials.* kinds (src/checks/credentials/). */
export const en = {
  'credentials.rotation.noMatch': (p: { globs: string }) => `no entry of the store matches ${p.globs}`,
  'credentials.rotation.noMatch.reason': (p: { globs: string; n: number }) =>
    `no entry of the store matches ${p.globs} (${count('en', p.n, 'entry', 'entries')} in the store)`,
  'credentials.rotation.overdue.reason': (p: { entry: string; date: string; age: number; max: number }) =>
    `${p.entry}: last changed ${p.date}, ${days('en', p.age)} ago (limit ${days('en', p.max)})`,
  'credentials.rotation.noHistory.reason': (p: { entry: string }) =>
    `${p.entry}: not in the store's git history (pass git init? not committed?)`,
  'credentials.rotation.noHistory': (p: { n: number; overdue: number }) =>
    `${count('en', p.n, 'critical entry has', 'critical entries have')} no git history` +
    (p.overdue ? `, ${p.overdue} overdue` : ''),
  'credentials.rotation.overdue': (p: { n: number; of: number; max: number; oldest: string; age: number }) =>
    `${p.n} of ${count('en', p.of, 'critical entry', 'critical entries')} not changed for over ${days('en', p.max)} (oldest: ${p.oldest}, ${days('en', p.age)})`,
  'credentials.rotation.ok': (p: { n: number; max: number; oldest: string; age: number }) =>
    `${count('en', p.n, 'critical entry', 'critical entries')} changed within ${days('en', p.max)} (oldest: ${p.oldest}, ${days('en', p.age)})`,
  'credentials.rotation.gitMissing': 'git is not installed on the target (apt-get install git)',
  'credentials.rotation.unparsed': (p: { store: string; n: number }) =>
    `${p.store}: git log output not understood (${count('en', p.n, 'line', 'lines')})`,
};

export const fr: typeof en = {
  'credentials.rotation.noMatch': (p) => `aucune entrée du pass ne correspond à ${p.globs}`,
  'credentials.rotation.noMatch.reason': (p) =>
    `aucune entrée du pass ne correspond à ${p.globs} (${count('fr', p.n, 'entrée', 'entrées')} dans le pass)`,
  'credentials.rotation.overdue.reason': (p) =>
    `${p.entry} : changé le ${p.date}, il y a ${days('fr', p.age)} (limite ${days('fr', p.max)})`,
  'credentials.rotation.noHistory.reason': (p) =>
    `${p.entry} : absent de l’historique git du pass (pass git init ? pas commité ?)`,
  'credentials.rotation.noHistory': (p) =>
    `${count('fr', p.n, 'entrée critique n’a', 'entrées critiques n’ont')} pas d’historique git` +
    (p.overdue ? `, ${p.overdue} en retard` : ''),
  'credentials.rotation.overdue': (p) =>
    `${count('fr', p.n, 'entrée critique', 'entrées critiques')} sur ${p.of} non ${p.n === 1 ? 'changée' : 'changées'} depuis plus de ${days('fr', p.max)} (la plus ancienne : ${p.oldest}, ${days('fr', p.age)})`,
  'credentials.rotation.ok': (p) =>
    `${count('fr', p.n, 'entrée critique changée', 'entrées critiques changées')} depuis moins de ${days('fr', p.max)} (la plus ancienne : ${p.oldest}, ${days('fr', p.age)})`,
  'credentials.rotation.gitMissing': 'git n’est pas installé sur la cible (apt-get install git)',
  'credentials.rotation.unparsed': (p) =>
    `${p.store} : sortie de git log incomprise (${count('fr', p.n, 'ligne', 'lignes')})`,
};
