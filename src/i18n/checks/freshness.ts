/* The words of the freshness.* kinds (src/checks/freshness/, src/checks/_shared/age.ts). */
export const en = {
  'freshness.future': (p: { what: string; d: string }) =>
    `${p.what} is dated ${p.d} in the future (bogus date or clock skew)`,
  'freshness.modified': (p: { what: string; age: string }) => `${p.what} modified ${p.age} ago`,
  'freshness.max': (p: { text: string; max: string }) => `${p.text} (max ${p.max})`,
  'freshness.warnAfter': (p: { text: string; warn: string }) => `${p.text} (warn after ${p.warn})`,
  'freshness.findOrDate': 'find or date did not run',
  'freshness.findNotFound': 'find not found on the target',
  'freshness.noClock': (p: { error: string }) => `cannot read the host's clock (date +%s): ${p.error}`,
  'freshness.file.missing': (p: { path: string }) => `no such file: ${p.path}`,
  'freshness.file.denied': (p: { path: string }) => `permission denied: ${p.path}`,
  'freshness.file.noMtime': (p: { path: string; error: string }) =>
    `cannot read the mtime of ${p.path}: ${p.error}`,
  'freshness.url.noRun': 'curl or date did not run',
  'freshness.url.notFound': 'curl not found on the target (apt-get install curl)',
  'freshness.url.httpError': 'HTTP error',
  'freshness.url.exited': (p: { code: number | null }) => `curl exited with ${p.code}`,
  'freshness.url.notHttp': 'not an HTTP response',
  'freshness.url.badLastModified': (p: { value: string }) => `unreadable Last-Modified "${p.value}"`,
  'freshness.url.noLastModified': 'no Last-Modified header',
  'freshness.url.tooLarge': (p: { max: number }) => `body larger than ${p.max} bytes`,
  'freshness.url.notJson': 'body is not JSON',
  'freshness.url.noField': (p: { field: string }) => `no field ${p.field} in the JSON body`,
  'freshness.url.notDate': (p: { field: string; value: string }) => `${p.field} = ${p.value} is not a date`,
  // freshness.metric
  'freshness.metric.absent': (p: { selector: string; lookBack: string }) =>
    `no sample of ${p.selector} in the last ${p.lookBack}: check the selector, or the series is gone`,
  'freshness.metric.old': (p: { name: string; age: string; at: string }) =>
    `${p.name}: newest sample ${p.age} old (${p.at})`,
  'freshness.metric.ok': (p: { n: number; age: string }) =>
    `${p.n} series fresh, the oldest newest sample ${p.age} old`,
  'freshness.metric.bad': (p: { bad: number; n: number; items: string }) =>
    `${p.bad} of ${p.n} series stale: ${p.items}`,
};

export const fr: typeof en = {
  'freshness.future': (p) => `${p.what} est daté de ${p.d} dans le futur (date erronée ou horloge décalée)`,
  'freshness.modified': (p) => `${p.what} modifié il y a ${p.age}`,
  'freshness.max': (p) => `${p.text} (maximum ${p.max})`,
  'freshness.warnAfter': (p) => `${p.text} (alerte après ${p.warn})`,
  'freshness.findOrDate': 'find ou date ne s’est pas exécuté',
  'freshness.findNotFound': 'find introuvable sur la cible',
  'freshness.noClock': (p) => `impossible de lire l’horloge de l’hôte (date +%s) : ${p.error}`,
  'freshness.file.missing': (p) => `fichier inexistant : ${p.path}`,
  'freshness.file.denied': (p) => `permission refusée : ${p.path}`,
  'freshness.file.noMtime': (p) => `impossible de lire la date de modification de ${p.path} : ${p.error}`,
  'freshness.url.noRun': 'curl ou date ne s’est pas exécuté',
  'freshness.url.notFound': 'curl introuvable sur la cible (apt-get install curl)',
  'freshness.url.httpError': 'erreur HTTP',
  'freshness.url.exited': (p) => `curl a quitté avec le code ${p.code}`,
  'freshness.url.notHttp': 'pas une réponse HTTP',
  'freshness.url.badLastModified': (p) => `Last-Modified illisible « ${p.value} »`,
  'freshness.url.noLastModified': 'pas d’en-tête Last-Modified',
  'freshness.url.tooLarge': (p) => `corps de plus de ${p.max} octets`,
  'freshness.url.notJson': 'le corps n’est pas du JSON',
  'freshness.url.noField': (p) => `pas de champ ${p.field} dans le corps JSON`,
  'freshness.url.notDate': (p) => `${p.field} = ${p.value} n’est pas une date`,
  // freshness.metric
  'freshness.metric.absent': (p) =>
    `aucun point de ${p.selector} depuis ${p.lookBack} : vérifiez le sélecteur, ou la série a disparu`,
  'freshness.metric.old': (p) => `${p.name} : dernier point vieux de ${p.age} (${p.at})`,
  'freshness.metric.ok': (p) => `${p.n} séries à jour, le plus ancien dernier point date de ${p.age}`,
  'freshness.metric.bad': (p) => `${p.bad} séries sur ${p.n} figées : ${p.items}`,
};
