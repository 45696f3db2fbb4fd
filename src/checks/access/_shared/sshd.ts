/*
 * Which files sshd reads a user's keys from (AuthorizedKeysFile): `sshd -T`
 * prints the effective value when it can run (as root: it reads the host
 * keys); otherwise sshd_config is parsed as sshd would (first value wins,
 * `Include` in place, `Match` blocks apply to some logins only); otherwise
 * OpenSSH's default. The result says which.
 */

/** OpenSSH's default AuthorizedKeysFile. */
export const DEFAULT_KEYS_FILES = ['.ssh/authorized_keys', '.ssh/authorized_keys2'];

export interface KeysFiles {
  /** Where the value came from. */
  from: 'sshd -T' | 'sshd_config' | 'default';
  /** The patterns (`%h/.ssh/authorized_keys`, relative to the home when not absolute); empty: `none`. */
  patterns: string[];
  /** A `Match` block sets another value for some logins: not followed here. */
  matchOverrides?: boolean;
}

/** `sshd -T` output → the patterns, or undefined when it holds none (it did not run). */
export function parseSshdT(stdout: string): string[] | undefined {
  for (const line of stdout.split('\n')) {
    const m = /^authorizedkeysfile\s+(.*)$/i.exec(line.trim());
    if (m) return patternsOf(m[1]!);
  }
  return undefined;
}

/** Arguments: spaces separate, double quotes group. */
function args(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** `Keyword value…` or `Keyword=value…` → keyword (lower case) and arguments. */
function keyword(line: string): [string, string[]] {
  const m = /^([A-Za-z]+)(?:\s*=\s*|\s+)(.*)$/.exec(line);
  return m ? [m[1]!.toLowerCase(), args(m[2]!)] : [line.toLowerCase(), []];
}

const isNone = (w: string[]) => w.length === 1 && w[0]!.toLowerCase() === 'none';
const patternsOf = (value: string): string[] => (isNone(args(value)) ? [] : args(value));

export interface ConfigScan {
  /** The value, when the text given settles it. */
  patterns?: string[];
  /** `Include` patterns met before any value, in order: their text decides first. */
  includes: string[];
  matchOverrides: boolean;
}

/**
 * Scans sshd_config text (the main file, or it with its includes inlined) for
 * the global AuthorizedKeysFile: the first one outside a Match block wins.
 * Includes met before it are returned: what they hold comes first.
 */
export function scanSshdConfig(text: string): ConfigScan {
  const out: ConfigScan = { includes: [], matchOverrides: false };
  let inMatch = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [k, rest] = keyword(line);
    if (k === 'match') inMatch = !(rest.length === 1 && rest[0]!.toLowerCase() === 'all');
    else if (k === 'authorizedkeysfile') {
      if (inMatch) out.matchOverrides = true;
      else if (!out.patterns) out.patterns = isNone(rest) ? [] : rest;
    } else if (k === 'include' && !inMatch && !out.patterns)
      out.includes.push(...rest.map((p) => (p.startsWith('/') ? p : `/etc/ssh/${p}`)));
  }
  return out;
}

/**
 * A pattern for one user: `%%` → `%`, `%h` → home, `%u` → user, `%U` → uid;
 * relative paths are relative to the home (sshd(8)). Undefined: a token ronde
 * cannot expand (`%k`…), said instead of guessed.
 */
export function expandKeysFile(
  pattern: string,
  user: { name: string; home: string; uid?: string },
): string | undefined {
  let bad = false;
  const path = pattern.replace(/%(.)/g, (_, c: string) => {
    if (c === '%') return '%';
    if (c === 'h') return user.home;
    if (c === 'u') return user.name;
    if (c === 'U' && user.uid !== undefined) return user.uid;
    bad = true;
    return '';
  });
  if (bad) return undefined;
  return path.startsWith('/') ? path : `${user.home.replace(/\/+$/, '')}/${path}`;
}
