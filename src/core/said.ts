import { type Key, type Lang, type Params, t } from '../i18n/index.js';

/**
 * A sentence of ours not yet said: its catalogue key and parameters, said in
 * English where a stable text is needed (`details`, logs, an Error's
 * message) and in the team's language where people read it (summary,
 * reasons). Clients and kinds build one where they know the facts; whoever
 * shows it to people picks the language (`sayError`).
 */
export interface Said {
  say(lang: Lang): string;
}

export function said<K extends Key>(key: K, ...params: Params<K>): Said {
  return { say: (lang) => t(lang, key, ...params) };
}

/** A sentence whose parameters are themselves said in the language (a Said inside a Said). */
export function saidIn<K extends Key>(key: K, params: (lang: Lang) => Params<K>): Said {
  return { say: (lang) => t(lang, key, ...params(lang)) };
}

/** Anything that can carry a Said: the errors of src/clients/* (`DockerError`, `DnsError`…). */
export interface Sayable {
  readonly said?: Said | undefined;
}

/** An error as a Said: its own words when it has them, its raw message otherwise. */
export function errorSaid(err: unknown): Said {
  return { say: (lang) => sayError(lang, err) };
}

/** The Said of an error built from a Said or a plain text (then none: the text is raw). */
export function saidOf(text: string | Said): Said | undefined {
  return typeof text === 'string' ? undefined : text;
}

/**
 * Gives an error built from `message` its Said, not enumerable: the error
 * compares, prints and serialises as before (its English message), only
 * `sayError` sees the words. Call in the constructor, with
 * `declare readonly said: Said | undefined` on the class.
 */
export function attachSaid(err: Error, message: string | Said): void {
  Object.defineProperty(err, 'said', { value: saidOf(message), enumerable: false });
}

/** The message an error takes from a Said or a plain (raw, foreign) text: English for the Said. */
export function englishOf(text: string | Said): string {
  return typeof text === 'string' ? text : text.say('en');
}

/**
 * What went wrong, in `lang`: the error's Said when it has one (our words),
 * otherwise its message as it is (another program's raw text, kept quoted
 * as it came).
 */
export function sayError(lang: Lang, err: unknown): string {
  const s = (err as Sayable | undefined)?.said;
  if (s && typeof s.say === 'function') return s.say(lang);
  if (err instanceof Error) return err.message;
  return String(err);
}
