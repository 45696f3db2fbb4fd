/** The languages ronde speaks. A new one is a catalogue file and an entry here. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(s: unknown): s is Lang {
  return typeof s === 'string' && (LANGS as readonly string[]).includes(s);
}

/**
 * The language of the locale, as gettext chooses it: LC_ALL, else
 * LC_MESSAGES, else LANG (the first one set wins, even when it is not
 * French). `fr_FR.UTF-8`, `fr`, `fr_CA` → fr; anything else (C, POSIX,
 * en_US…) → en.
 */
export function localeLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr(?:[_.@-]|$)/i.test(value) ? 'fr' : 'en';
}

/** Characters that show as nothing and break a copy-paste of `root@host` or a command: never in a message. */
export const INVISIBLE = /[\u200b\u2060\ufeff]/;
