import { type Key, type Params, t } from '../i18n/index.js';

/*
 * A schema's own rule, said in the configuration's language: give
 * `sentence(key, params)` to `.refine()` (or spread it into `ctx.addIssue`).
 * The English message is the catalogue's, for a parse that is not the
 * configuration's; `params` name the sentence so that validate.ts says it in
 * the file's language (docs/configuration.md, "Language of the problems").
 */
export function sentence<K extends Key>(
  key: K,
  ...params: Params<K>
): { message: string; params: Record<string, unknown> } {
  const english = t('en', key, ...params);
  return { message: english, params: { ...(params[0] as object | undefined), key } };
}

/** `A must not exceed B`: two thresholds in the wrong order. */
export const notAbove = (a: string, b: string) => sentence('config.option.notAbove', { a, b });
/** `give A or B, not both`. */
export const notBoth = (a: string, b: string) => sentence('config.option.notBoth', { a, b });
