import { count } from '../format.js';

/* The words of the prometheus.* kinds (src/checks/prometheus/). */
export const en = {
  'prometheus.cannotAsk': (p: { url: string; error: string }) => `cannot ask Prometheus ${p.url}: ${p.error}`,
  'prometheus.query.empty': (p: { query: string }) => `the query returned no series: ${p.query}`,
  'prometheus.query.notVector': (p: { type: string }) =>
    `the query returned a ${p.type}, not an instant vector of series`,
  'prometheus.query.above': (p: { name: string; value: string; limit: string }) =>
    `${p.name} = ${p.value}, above ${p.limit}`,
  'prometheus.query.below': (p: { name: string; value: string; limit: string }) =>
    `${p.name} = ${p.value}, below ${p.limit}`,
  'prometheus.query.nan': (p: { name: string }) => `${p.name}: the value is not a number`,
  'prometheus.query.fullIn': (p: { name: string; limit: string; in: string; value: string; rate: string }) =>
    `${p.name} reaches ${p.limit} in ${p.in} (now ${p.value}, ${p.rate} per day)`,
  'prometheus.query.reached': (p: { name: string; limit: string; value: string }) =>
    `${p.name} has reached ${p.limit} (now ${p.value})`,
  'prometheus.query.noTrend': (p: { name: string; window: string }) =>
    `${p.name}: fewer than 2 samples over ${p.window}, no trend`,
  'prometheus.query.ok': (p: { n: number }) => `${count('en', p.n, 'series', 'series')} within limits`,
  'prometheus.query.okTrend': (p: { n: number; limit: string; within: string }) =>
    `${count('en', p.n, 'series', 'series')}, none reaching ${p.limit} within ${p.within}`,
  'prometheus.query.bad': (p: { bad: number; n: number; items: string }) =>
    `${p.bad} of ${count('en', p.n, 'series', 'series')}: ${p.items}`,
};

export const fr: typeof en = {
  'prometheus.cannotAsk': (p) => `impossible d’interroger Prometheus ${p.url} : ${p.error}`,
  'prometheus.query.empty': (p) => `la requête n’a renvoyé aucune série : ${p.query}`,
  'prometheus.query.notVector': (p) =>
    `la requête a renvoyé un ${p.type}, pas un vecteur instantané de séries`,
  'prometheus.query.above': (p) => `${p.name} = ${p.value}, au-dessus de ${p.limit}`,
  'prometheus.query.below': (p) => `${p.name} = ${p.value}, en dessous de ${p.limit}`,
  'prometheus.query.nan': (p) => `${p.name} : la valeur n’est pas un nombre`,
  'prometheus.query.fullIn': (p) =>
    `${p.name} atteint ${p.limit} dans ${p.in} (actuellement ${p.value}, ${p.rate} par jour)`,
  'prometheus.query.reached': (p) => `${p.name} a atteint ${p.limit} (actuellement ${p.value})`,
  'prometheus.query.noTrend': (p) => `${p.name} : moins de 2 points sur ${p.window}, pas de tendance`,
  'prometheus.query.ok': (p) => `${count('fr', p.n, 'série', 'séries')} dans les limites`,
  'prometheus.query.okTrend': (p) =>
    `${count('fr', p.n, 'série', 'séries')}, aucune n’atteint ${p.limit} d’ici ${p.within}`,
  'prometheus.query.bad': (p) => `${p.bad} sur ${count('fr', p.n, 'série', 'séries')} : ${p.items}`,
};
