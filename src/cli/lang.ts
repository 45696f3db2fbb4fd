import { type Key, type Lang, localeLang, type Params, t } from '../i18n/index.js';

/*
 * The language of command output: the configuration's `language:` once a
 * command has loaded it (loadContext records it), else the locale's — so an
 * error before any config is read (a bad option, no such file) is in the
 * user's language too.
 */

let configured: Lang | undefined;

export function setCliLang(lang: Lang | undefined): void {
  configured = lang;
}

export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return configured ?? localeLang(env);
}

/** One sentence of command output in the CLI's language. */
export function say<K extends Key>(key: K, ...params: Params<K>): string {
  return t(cliLang(), key, ...params);
}
