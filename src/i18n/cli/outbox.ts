/*
 * The words of `ronde outbox` (src/cli/outbox.ts) not already in en.ts/fr.ts
 * (`cli.outbox.*` there): its --help, the table's heads, the states, the log.
 */
export const en = {
  'cli.outbox.help.summary': 'messages not sent yet: list, retry, drop',
  'cli.outbox.help.description':
    'Lists the notifications that are not sent: pending (waiting for a retry after a temporary ' +
    'failure), sending, and failed (refused by the receiver, a secret that did not resolve, or ' +
    'retries given up after notify.max_attempts), each with its last error. A failed message ' +
    'makes ronde.self CRIT until someone retries or drops it. See docs/notifications.md.',
  'cli.outbox.help.all': 'also list sent and dropped messages',
  'cli.outbox.help.json': 'print a JSON document { version, messages }',
  'cli.outbox.help.examples':
    '\nExamples:\n  ronde outbox\n  ronde outbox retry 12\n  ronde outbox retry --all\n' +
    '  ronde outbox drop 12 --reason "the hook was deleted; told the team by hand"\n  ronde outbox log',
  'cli.outbox.help.retry.summary': 'queue failed messages again (same idempotency key)',
  'cli.outbox.help.retry.description':
    'Puts failed messages back in the queue, due now, with a fresh count of attempts; a pending one ' +
    'waiting out its back-off becomes due now. The daemon sends them at its next delivery, with ' +
    'the same idempotency key. Recorded with who and when (ronde outbox log).',
  'cli.outbox.help.ids': 'message ids, as `ronde outbox` lists them',
  'cli.outbox.help.retry.all': 'every failed message',
  'cli.outbox.help.by': 'who (default: $RONDE_USER, $SUDO_USER, $USER)',
  'cli.outbox.help.drop.summary': 'give messages up for good, saying why (audited)',
  'cli.outbox.help.drop.description':
    'Gives failed or pending messages up: they are never sent, ronde.self stops counting them, and ' +
    'who, when and why are recorded in the store (ronde outbox log).',
  'cli.outbox.help.drop.reason': 'why it is given up (kept in the audit trail)',
  'cli.outbox.help.log.summary': 'who retried or dropped which message, when and why',
  'cli.outbox.help.log.id': 'only this message',

  /** Column heads, tab-separated. */
  'cli.outbox.head': 'ID\tSTATE\tNOTIFIER\tEVENT\tTRIES\tCREATED\tTITLE',
  'cli.outbox.state.pending': 'pending',
  'cli.outbox.state.sending': 'sending',
  'cli.outbox.state.sent': 'sent',
  'cli.outbox.state.failed': 'failed',
  'cli.outbox.state.dropped': 'dropped',
  'cli.outbox.state.suppressed': 'suppressed',
  'cli.outbox.failedWhy': (p: { failure: string }) => `failed (${p.failure})`,
  'cli.outbox.failure.permanent': 'permanent',
  'cli.outbox.failure.secret': 'secret',
  'cli.outbox.failure.exhausted': 'exhausted',
  'cli.outbox.action.retry': 'retry',
  'cli.outbox.action.requeue': 'requeue',
  'cli.outbox.action.drop': 'drop',
  'cli.outbox.logLine': (p: { action: string; by: string; osUser: string; before: string }) =>
    `${p.action} by ${p.by} (OS user ${p.osUser}), was ${p.before}`,
  'cli.outbox.lastErrorThen': (p: { error: string }) => `last error then: ${p.error}`,
  // Why a message was not retried or dropped (src/notify/outbox-admin.ts says the same in English).
  'cli.outbox.why.missing': 'no such message',
  'cli.outbox.why.changed': 'it changed meanwhile; look again',
  'cli.outbox.why.sent': 'it was sent already',
  'cli.outbox.why.dropped': 'it was dropped (see `ronde outbox --all`)',
  'cli.outbox.why.sending': (p: { action: string }) =>
    `it is being sent right now; ${p.action} it if that fails`,
  'cli.outbox.why.state': (p: { state: string }) => `its state is ${p.state}`,
};

export const fr: typeof en = {
  'cli.outbox.help.summary': 'messages pas encore envoyés : lister, réessayer, abandonner',
  'cli.outbox.help.description':
    'Liste les notifications non envoyées : en attente (d’un nouvel essai après un échec ' +
    'temporaire), en cours d’envoi, et en échec (refusées par le destinataire, un secret qui ne se ' +
    'résout pas, ou essais épuisés après notify.max_attempts), chacune avec sa dernière erreur. Un ' +
    'message en échec met ronde.self en CRIT jusqu’à ce que quelqu’un le réessaie ou l’abandonne. ' +
    'Voir docs/notifications.md.',
  'cli.outbox.help.all': 'lister aussi les messages envoyés et abandonnés',
  'cli.outbox.help.json': 'afficher un document JSON { version, messages }',
  'cli.outbox.help.examples':
    '\nExemples :\n  ronde outbox\n  ronde outbox retry 12\n  ronde outbox retry --all\n' +
    '  ronde outbox drop 12 --reason "hook supprimé ; équipe prévenue"\n  ronde outbox log',
  'cli.outbox.help.retry.summary': 'remettre en file les messages en échec (même clé d’idempotence)',
  'cli.outbox.help.retry.description':
    'Remet les messages en échec dans la file, à envoyer maintenant, avec un nouveau compte ' +
    'd’essais ; un message en attente de son délai est envoyé maintenant. Le démon les envoie à sa ' +
    'prochaine distribution, avec la même clé d’idempotence. Enregistré avec qui et quand ' +
    '(ronde outbox log).',
  'cli.outbox.help.ids': 'numéros des messages, tels que `ronde outbox` les liste',
  'cli.outbox.help.retry.all': 'tous les messages en échec',
  'cli.outbox.help.by': 'qui (par défaut : $RONDE_USER, $SUDO_USER, $USER)',
  'cli.outbox.help.drop.summary': 'abandonner des messages pour de bon, en disant pourquoi (tracé)',
  'cli.outbox.help.drop.description':
    'Abandonne des messages en échec ou en attente : ils ne sont jamais envoyés, ronde.self cesse de ' +
    'les compter, et qui, quand et pourquoi sont enregistrés dans la base (ronde outbox log).',
  'cli.outbox.help.drop.reason': 'pourquoi on l’abandonne (gardé dans la trace)',
  'cli.outbox.help.log.summary': 'qui a réessayé ou abandonné quel message, quand et pourquoi',
  'cli.outbox.help.log.id': 'seulement ce message',

  'cli.outbox.head': 'N°\tÉTAT\tCANAL\tÉVÉNEMENT\tESSAIS\tCRÉÉ\tTITRE',
  'cli.outbox.state.pending': 'en attente',
  'cli.outbox.state.sending': 'envoi en cours',
  'cli.outbox.state.sent': 'envoyé',
  'cli.outbox.state.failed': 'en échec',
  'cli.outbox.state.dropped': 'abandonné',
  'cli.outbox.state.suppressed': 'retenu',
  'cli.outbox.failedWhy': (p) => `en échec (${p.failure})`,
  'cli.outbox.failure.permanent': 'définitif',
  'cli.outbox.failure.secret': 'secret manquant',
  'cli.outbox.failure.exhausted': 'essais épuisés',
  'cli.outbox.action.retry': 'réessai',
  'cli.outbox.action.requeue': 'remise en file',
  'cli.outbox.action.drop': 'abandon',
  'cli.outbox.logLine': (p) => `${p.action} par ${p.by} (utilisateur système ${p.osUser}), était ${p.before}`,
  'cli.outbox.lastErrorThen': (p) => `dernière erreur alors : ${p.error}`,
  'cli.outbox.why.missing': 'aucun message de ce numéro',
  'cli.outbox.why.changed': 'il a changé entre-temps ; regardez de nouveau',
  'cli.outbox.why.sent': 'il est déjà envoyé',
  'cli.outbox.why.dropped': 'il est abandonné (voir `ronde outbox --all`)',
  'cli.outbox.why.sending': (p) =>
    `il est en cours d’envoi ; ${p.action === 'drop' ? 'abandonnez-le' : 'réessayez-le'} si cela échoue`,
  'cli.outbox.why.state': (p) => `son état est ${p.state}`,
};
