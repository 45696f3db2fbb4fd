/* The --help of `ronde notify` (src/cli/notify.ts); what it prints is `cli.notify.*` of en.ts/fr.ts. */
export const en = {
  'cli.notify.help.summary': 'notification channels',
  'cli.notify.help.description': 'Notification channels.',
  'cli.notify.help.name': 'notifier name, from `notifiers:` in ronde.yaml',
  'cli.notify.help.test.summary': 'send a test message through a notifier',
  'cli.notify.help.test.description':
    'Sends a test message through one notifier and says whether the receiver accepted it.',
};

export const fr: typeof en = {
  'cli.notify.help.summary': 'canaux de notification',
  'cli.notify.help.description': 'Canaux de notification.',
  'cli.notify.help.name': 'nom du canal, dans `notifiers:` de ronde.yaml',
  'cli.notify.help.test.summary': 'envoyer un message de test par un canal',
  'cli.notify.help.test.description':
    'Envoie un message de test par un canal et dit si le destinataire l’a accepté.',
};
