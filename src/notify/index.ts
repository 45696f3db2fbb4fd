import type { Lang } from '../i18n/index.js';
import { createEmail } from './email.js';
import { createMattermost } from './mattermost.js';
import type { NotifierConfig, NotifierType } from './schema.js';
import type { Notifier } from './types.js';
import { createWebhook } from './webhook.js';

export { route } from './schema.js';
export type { Message, Notifier, NotifyEvent, SendOptions, Severity } from './types.js';
export { EVENTS, NotifyError } from './types.js';

type Factory<T extends NotifierType> = (
  cfg: Extract<NotifierConfig, { type: T }>,
  env: NodeJS.ProcessEnv,
  lang: Lang,
) => Notifier;

/** The one registry of notifier types: adding one is a schema entry, a file, and a line here. */
export const NOTIFIER_TYPES: { [T in NotifierType]: Factory<T> } = {
  mattermost: createMattermost,
  webhook: createWebhook,
  email: createEmail,
};

/**
 * Notifiers by name, from the parsed `notifiers:` section. Secrets are not
 * resolved here but at each send, so a rotated one is picked up and a missing
 * one fails that notifier only.
 */
export function buildNotifiers(
  config: { notifiers: readonly NotifierConfig[]; language?: Lang },
  env: NodeJS.ProcessEnv = process.env,
): Map<string, Notifier> {
  const out = new Map<string, Notifier>();
  for (const cfg of config.notifiers) {
    if (out.has(cfg.name)) throw new Error(`notifier "${cfg.name}" defined twice`);
    const make = NOTIFIER_TYPES[cfg.type] as Factory<typeof cfg.type>;
    out.set(cfg.name, make(cfg as never, env, config.language ?? 'en'));
  }
  return out;
}
