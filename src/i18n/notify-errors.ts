/*
 * Why a message could not be sent (src/notify/*): the NotifyError of a
 * notifier carries these (a Said); the outbox keeps them in the team's
 * language for `ronde outbox` and ronde.self, the log keeps the English. The
 * receiver's own answer (an HTTP body, an SMTP reply) is a parameter, quoted
 * after a colon as it came. Keys start with `notify.error.` (and
 * `notify.preflight.`, `notify.held.`).
 */
export const en = {
  'notify.error.at': (p: { label: string; why: string }) => `${p.label}: ${p.why}`,
  'notify.error.gaveUp': (p: { n: number; why: string }) =>
    `gave up after ${p.n} ${p.n === 1 ? 'attempt' : 'attempts'}: ${p.why}`,
  'notify.error.caFile': (p: { file: string; code: string }) => `cannot read CA file ${p.file} (${p.code})`,
  'notify.error.certificate': (p: { text: string }) =>
    `the server certificate is not trusted (${p.text}); give its CA with \`ca:\``,
  'notify.error.starttls': (p: { text: string }) =>
    `STARTTLS is required but failed or is not offered (${p.text}); nothing was sent in plaintext`,
  'notify.error.refused': (p: { accepted: number; total: number; refused: string; why: string }) =>
    `accepted for ${p.accepted} of ${p.total} recipients; refused: ${p.refused}${p.why ? ` (${p.why})` : ''}`,
  'notify.error.interrupted': 'interrupted before the server accepted the message',
  'notify.error.html': 'answered with an HTML page, not Mattermost\'s "ok"',
  'notify.error.badUrl': 'the URL is not valid (after resolving references)',
  'notify.error.noAnswer': (p: { sec: number }) => `no answer within ${p.sec} s`,
  'notify.error.aborted': 'interrupted',
  'notify.error.unreachable': (p: { code: string }) =>
    `cannot reach the receiver${p.code ? ` (${p.code})` : ''}`,
  'notify.error.http': (p: { status: number; redirect: boolean; answer: string }) =>
    `HTTP ${p.status}${p.redirect ? ' (redirected: give the final URL)' : ''}${p.answer ? `: ${p.answer}` : ''}`,
  'notify.preflight.unresolved': (p: { notifier: string; field: string; why: string }) =>
    `notifier "${p.notifier}" (${p.field}): ${p.why}`,
  'notify.held.notSent': (p: { why: string }) => `not sent: ${p.why}`,
  'notify.held.by': (p: {
    type: 'ack' | 'silence' | 'maintenance' | string;
    by: string;
    sel: string;
    reason: string;
  }) =>
    `${p.type === 'ack' ? 'acknowledged' : p.type === 'silence' ? 'silenced' : 'in maintenance'} by ${p.by}${p.sel ? ` [${p.sel}]` : ''}: ${p.reason}`,
};

export const fr: typeof en = {
  'notify.error.at': (p) => `${p.label} : ${p.why}`,
  'notify.error.gaveUp': (p) => `abandonné après ${p.n} ${p.n <= 1 ? 'tentative' : 'tentatives'} : ${p.why}`,
  'notify.error.caFile': (p) => `impossible de lire le fichier CA ${p.file} (${p.code})`,
  'notify.error.certificate': (p) =>
    `le certificat du serveur n’est pas reconnu (${p.text}) ; donnez son autorité avec \`ca:\``,
  'notify.error.starttls': (p) =>
    `STARTTLS est exigé mais a échoué ou n’est pas proposé (${p.text}) ; rien n’a été envoyé en clair`,
  'notify.error.refused': (p) =>
    `accepté pour ${p.accepted} destinataire(s) sur ${p.total} ; refusés : ${p.refused}${p.why ? ` (${p.why})` : ''}`,
  'notify.error.interrupted': 'interrompu avant que le serveur accepte le message',
  'notify.error.html': 'a répondu par une page HTML, pas par le « ok » de Mattermost',
  'notify.error.badUrl': 'l’URL n’est pas valide (après résolution des références)',
  'notify.error.noAnswer': (p) => `pas de réponse en ${p.sec} s`,
  'notify.error.aborted': 'interrompu',
  'notify.error.unreachable': (p) => `impossible de joindre le destinataire${p.code ? ` (${p.code})` : ''}`,
  'notify.error.http': (p) =>
    `HTTP ${p.status}${p.redirect ? ' (redirigé : donnez l’URL finale)' : ''}${p.answer ? ` : ${p.answer}` : ''}`,
  'notify.preflight.unresolved': (p) => `notificateur « ${p.notifier} » (${p.field}) : ${p.why}`,
  'notify.held.notSent': (p) => `non envoyé : ${p.why}`,
  'notify.held.by': (p) =>
    `${p.type === 'ack' ? 'acquitté' : p.type === 'silence' ? 'mis en silence' : 'en maintenance'} par ${p.by}${p.sel ? ` [${p.sel}]` : ''} : ${p.reason}`,
};
