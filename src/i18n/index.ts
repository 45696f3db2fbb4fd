import { type Catalogue, en } from './en.js';
import { fr } from './fr.js';
import type { Lang } from './lang.js';

/*
 * ronde's words, per language. Two ways in, whichever reads better:
 *   t('fr', 'due.title', { title })         — one sentence
 *   const m = messages('fr'); m['summary.allOk']  — the whole catalogue (pages, tables)
 * Keys and parameters are typed from en.ts: a missing key or a wrong
 * parameter is a compile error, and i18n.test.ts checks the same at run time.
 */

export type { Catalogue } from './en.js';
export { age, count, date, dateTime, days, duration, plural, zoneLabel } from './format.js';
export { INVISIBLE, isLang, LANGS, type Lang, localeLang } from './lang.js';

const CATALOGUES: Record<Lang, Catalogue> = { en, fr };

export type Key = keyof Catalogue;
/** The parameters of a key: none for a constant, its object for a sentence. */
export type Params<K extends Key> = Catalogue[K] extends (p: infer P) => string ? [params: P] : [];

/** The catalogue of a language; English for anything else (a partial config built by a test). */
export function messages(lang: Lang): Catalogue {
  return CATALOGUES[lang] ?? en;
}

export function t<K extends Key>(lang: Lang, key: K, ...params: Params<K>): string {
  const entry = messages(lang)[key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}
