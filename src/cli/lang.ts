import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SYSTEM_CONFIG } from '../config/load.js';
import { isLang, type Key, type Lang, localeLang, type Params, t } from '../i18n/index.js';

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

/**
 * The `language:` of the file a command would load (`--config`, else
 * $RONDE_CONFIG, else ./ronde.yaml, else /etc/ronde/ronde.yaml — the order of
 * loadConfig), read before commander builds `--help`, so that the help and
 * usage errors are in the team's language like the rest. Only that line is
 * read — a top-level `language: fr` — not the YAML (a parse of a hostile
 * file takes minutes; the command's own load reports it): a missing file, or
 * a language written another way, says nothing here (undefined: the locale
 * decides until the command loads the configuration).
 */
export function configLanguage(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  systemPath = SYSTEM_CONFIG,
): Lang | undefined {
  const explicit = configOption(argv) ?? (env.RONDE_CONFIG || undefined);
  for (const candidate of explicit ? [explicit] : ['ronde.yaml', systemPath]) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, candidate), 'utf8');
    } catch {
      if (explicit) return undefined;
      continue;
    }
    const lang = /^language:[ \t]*(["']?)([a-z]+)\1[ \t]*(?:#.*)?$/m.exec(text)?.[2];
    return isLang(lang) ? lang : undefined;
  }
  return undefined;
}

/** The value of `--config FILE` / `--config=FILE` on a command line (before any `--`). */
function configOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (a === '--config') return argv[i + 1];
    if (a.startsWith('--config=')) return a.slice('--config='.length);
  }
  return undefined;
}
