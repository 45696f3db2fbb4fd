import { hasSecretRef, resolveSecrets, SecretError } from '../config/secrets.js';
import { errorSaid, type Said } from '../core/said.js';
import { type Lang, t } from '../i18n/index.js';
import type { NotifierConfig } from './schema.js';

/*
 * Secrets are resolved at each send (a rotated token is picked up), but a
 * reference that cannot be resolved at all must not wait for the first
 * problem to surface: `ronde serve` refuses to start, `ronde check` warns.
 */

export interface UnresolvedSecret {
  notifier: string;
  /** Where in the notifier's settings: `url`, `headers.Authorization`, `password`. */
  field: string;
  /** The reference as written, `${env:HOOK}`: never a value. */
  reference: string;
  /** Why, naming the reference (`environment variable HOOK is not set`), in English; `said` in any language. */
  message: string;
  said?: Said;
}

/** Every secret reference of every notifier that does not resolve now, in config order. */
export function unresolvedNotifierSecrets(
  notifiers: readonly NotifierConfig[],
  env: NodeJS.ProcessEnv = process.env,
): UnresolvedSecret[] {
  const out: UnresolvedSecret[] = [];
  for (const n of notifiers)
    for (const [field, value] of strings(n))
      if (hasSecretRef(value))
        try {
          resolveSecrets(value, env);
        } catch (err) {
          if (!(err instanceof SecretError)) throw err;
          out.push({
            notifier: n.name,
            field,
            reference: err.reference,
            message: err.message,
            said: errorSaid(err),
          });
        }
  return out;
}

/** One line per unresolved reference: `notifier "chat" (url): secret ${env:HOOK}: environment variable HOOK is not set`. */
export function describeUnresolved(u: UnresolvedSecret, lang: Lang = 'en'): string {
  return t(lang, 'notify.preflight.unresolved', {
    notifier: u.notifier,
    field: u.field,
    why: u.said?.say(lang) ?? u.message,
  });
}

/** The string leaves of a notifier's settings with their dotted path. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}
