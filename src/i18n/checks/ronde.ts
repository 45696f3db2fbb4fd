import { count } from '../format.js';

/* The words of ronde.self, ronde watching itself (src/daemon/self.ts). */
export const en = {
  'ronde.self.failed': (p: { n: number; which: string }) =>
    `${count('en', p.n, 'message failed', 'messages failed')} and will not be sent${p.which}: see \`ronde outbox\`, then retry or drop`,
  'ronde.self.failedWhich': (p: { id: number; notifier: string; error: string }) =>
    ` (#${p.id} to ${p.notifier}${p.error ? `: ${p.error}` : ''})`,
  'ronde.self.failing': (p: { notifier: string; n: number; error: string }) =>
    `notifier ${p.notifier} failed ${count('en', p.n, 'time', 'times')} in a row${p.error ? `: ${p.error}` : ''}`,
  'ronde.self.stuck': (p: { n: number; d: string }) =>
    `${count('en', p.n, 'message', 'messages')} not delivered, the oldest for ${p.d}`,
  'ronde.self.noRound': 'no daemon round yet: notifiers and routines need `ronde serve` running',
  'ronde.self.stopped': (p: { ago: string; every: string }) =>
    `ronde serve is not running rounds: the last one ended ${p.ago} ago (expected every ${p.every})`,
  'ronde.self.andMore': (p: { first: string; n: number }) => `${p.first} (and ${p.n} more)`,
  'ronde.self.unused': 'ronde serve is not used',
  'ronde.self.running': 'daemon running',
  'ronde.self.lastRound': (p: { ago: string }) => `last daemon round ${p.ago} ago`,
  'ronde.self.empty': 'outbox empty',
  'ronde.self.onTheWay': (p: { n: number }) => `${count('en', p.n, 'message', 'messages')} on the way`,
  'ronde.self.cannotRead': (p: { error: string }) => `cannot read ronde's own state: ${p.error}`,
  // scale-out (gaps)
  'ronde.self.noWorker': (p: { n: number; d: string }) =>
    `${count('en', p.n, 'round waits', 'rounds wait')} for a worker, the oldest for ${p.d}: are the workers running?`,
};

export const fr: typeof en = {
  'ronde.self.failed': (p) =>
    `${count('fr', p.n, 'message en échec', 'messages en échec')}, envoi abandonné${p.which} : voir \`ronde outbox\`, puis relancer ou abandonner`,
  'ronde.self.failedWhich': (p) => ` (n° ${p.id} vers ${p.notifier}${p.error ? ` : ${p.error}` : ''})`,
  'ronde.self.failing': (p) =>
    `le notificateur ${p.notifier} a échoué ${count('fr', p.n, 'fois', 'fois')} de suite${p.error ? ` : ${p.error}` : ''}`,
  'ronde.self.stuck': (p) =>
    `${count('fr', p.n, 'message non remis', 'messages non remis')}, le plus ancien depuis ${p.d}`,
  'ronde.self.noRound':
    'aucune ronde du démon pour l’instant : les notificateurs et les routines ont besoin de `ronde serve`',
  'ronde.self.stopped': (p) =>
    `ronde serve ne fait plus de rondes : la dernière s’est terminée il y a ${p.ago} (attendu toutes les ${p.every})`,
  'ronde.self.andMore': (p) => `${p.first} (et ${p.n} de plus)`,
  'ronde.self.unused': 'ronde serve n’est pas utilisé',
  'ronde.self.running': 'démon en marche',
  'ronde.self.lastRound': (p) => `dernière ronde du démon il y a ${p.ago}`,
  'ronde.self.empty': 'file d’envoi vide',
  'ronde.self.onTheWay': (p) => `${count('fr', p.n, 'message', 'messages')} en cours d’envoi`,
  'ronde.self.cannotRead': (p) => `impossible de lire l’état de ronde : ${p.error}`,
  // scale-out (gaps)
  'ronde.self.noWorker': (p) =>
    `${count('fr', p.n, 'ronde attend', 'rondes attendent')} un worker, la plus ancienne depuis ${p.d} : les workers tournent-ils ?`,
};
