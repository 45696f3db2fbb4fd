import { count } from '../format.js';

/* The words of the alerting.* kinds (src/checks/alerting/). */
export const en = {
  'alerting.health.unreachable': (p: { prom: string; error: string }) => `${p.prom} unreachable: ${p.error}`,
  'alerting.health.groupNever': (p: { group: string; file: string }) =>
    `rule group ${p.group} (${p.file}) never evaluated`,
  'alerting.health.groupStale': (p: { group: string; file: string; age: string; every: string }) =>
    `rule group ${p.group} (${p.file}) last evaluated ${p.age} ago, every ${p.every}`,
  'alerting.health.ruleFails': (p: { rule: string; group: string; error: string }) =>
    `rule ${p.rule} in ${p.group} fails: ${p.error}`,
  'alerting.health.noErrorText': 'no error text',
  'alerting.health.targetDown': (p: { job: string; instance: string; error: string }) =>
    `target ${p.job} ${p.instance} down: ${p.error}`,
  'alerting.health.watchdogNotReceived': (p: { watchdog: string; am: string }) =>
    `${p.watchdog} alert not received by ${p.am}: alerts do not reach it`,
  'alerting.health.silence': (p: {
    id: string;
    by: string;
    matchers: string;
    left: string;
    comment: string;
  }) => `silence ${p.id} by ${p.by} (${p.matchers}) ends in ${p.left}${p.comment ? `: "${p.comment}"` : ''}`,
  'alerting.health.someone': 'someone',
  'alerting.health.sincePrevious': (p: { ago: string }) => `since the previous round, ${p.ago} ago`,
  'alerting.health.sinceStart': (p: { ago: string }) => `since it started${p.ago ? ` ${p.ago} ago` : ''}`,
  'alerting.health.notificationsFailed': (p: {
    am: string;
    n: number;
    when: string;
    by: string;
    sent: number;
  }) =>
    `${p.am}: ${p.n} notification${p.n > 1 ? 's' : ''} failed ${p.when} (${p.by}; ${p.sent} sent): people may not be told`,
  'alerting.health.watchdogNotFiring': (p: { watchdog: string; prom: string }) =>
    `${p.watchdog} alert not firing in ${p.prom}: the always-firing alert is missing, the pipeline cannot be trusted`,
  'alerting.health.sendsToNone': (p: { prom: string }) => `${p.prom} sends alerts to no Alertmanager`,
  'alerting.health.noAlertmanager': 'no Alertmanager to check: set alertmanager_url',
  'alerting.health.ok': (p: { rules: number; up: number; watchdog: string; n: number }) =>
    `${p.rules} rules evaluating, ${p.up} targets up, ${p.watchdog} firing and received by ` +
    `${p.n} Alertmanager${p.n > 1 ? 's' : ''}, no failed notification`,
  'alerting.health.summary': (p: { first: string; second: string; more: number }) =>
    `${p.first}${p.second ? `; ${p.second}` : ''}${p.more > 0 ? ` (+${p.more} more)` : ''}`,
  'alerting.health.noFailedCounter': 'no alertmanager_notifications_failed_total in its /metrics',
};

export const fr: typeof en = {
  'alerting.health.unreachable': (p) => `${p.prom} injoignable : ${p.error}`,
  'alerting.health.groupNever': (p) => `groupe de règles ${p.group} (${p.file}) jamais évalué`,
  'alerting.health.groupStale': (p) =>
    `groupe de règles ${p.group} (${p.file}) évalué pour la dernière fois il y a ${p.age} (intervalle ${p.every})`,
  'alerting.health.ruleFails': (p) => `la règle ${p.rule} du groupe ${p.group} échoue : ${p.error}`,
  'alerting.health.noErrorText': 'aucun message d’erreur',
  'alerting.health.targetDown': (p) => `cible ${p.job} ${p.instance} injoignable : ${p.error}`,
  'alerting.health.watchdogNotReceived': (p) =>
    `alerte ${p.watchdog} non reçue par ${p.am} : les alertes ne lui parviennent pas`,
  'alerting.health.silence': (p) =>
    `silence ${p.id} posé par ${p.by} (${p.matchers}) encore actif pendant ${p.left}${p.comment ? ` : « ${p.comment} »` : ''}`,
  'alerting.health.someone': 'quelqu’un',
  'alerting.health.sincePrevious': (p) => `depuis le tour précédent, il y a ${p.ago}`,
  'alerting.health.sinceStart': (p) => `depuis son démarrage${p.ago ? ` il y a ${p.ago}` : ''}`,
  'alerting.health.notificationsFailed': (p) =>
    `${p.am} : ${count('fr', p.n, 'notification en échec', 'notifications en échec')} ${p.when} (${p.by} ; ${p.sent} envoyées) : des personnes risquent de ne pas être prévenues`,
  'alerting.health.watchdogNotFiring': (p) =>
    `alerte ${p.watchdog} non déclenchée dans ${p.prom} : l’alerte toujours active manque, on ne peut pas se fier à la chaîne d’alerte`,
  'alerting.health.sendsToNone': (p) => `${p.prom} n’envoie ses alertes à aucun Alertmanager`,
  'alerting.health.noAlertmanager': 'aucun Alertmanager à vérifier : renseignez alertmanager_url',
  'alerting.health.ok': (p) =>
    `${count('fr', p.rules, 'règle évaluée', 'règles évaluées')}, ${count('fr', p.up, 'cible active', 'cibles actives')}, ` +
    `${p.watchdog} déclenchée et reçue par ${count('fr', p.n, 'Alertmanager', 'Alertmanager')}, aucune notification en échec`,
  'alerting.health.summary': (p) =>
    `${p.first}${p.second ? ` ; ${p.second}` : ''}${p.more > 0 ? ` (+${count('fr', p.more, 'autre', 'autres')})` : ''}`,
  'alerting.health.noFailedCounter': 'aucun alertmanager_notifications_failed_total dans son /metrics',
};
