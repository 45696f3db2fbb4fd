import { createHash } from 'node:crypto';
import type { Principal } from '../../../core/access.js';

/*
 * ssh.authorized_keys: the keys that open an account. `getent passwd USER…`
 * gives the homes, then one `cat` per user of `~/.ssh/authorized_keys`.
 */

/** `getent passwd` lines → user → home. */
export function parseGetent(stdout: string): Map<string, string> {
  return new Map([...parsePasswd(stdout)].map(([u, a]) => [u, a.home]));
}

/** `getent passwd` lines → user → home and uid (AuthorizedKeysFile's `%h`, `%U`). */
export function parsePasswd(stdout: string): Map<string, { home: string; uid: string }> {
  const out = new Map<string, { home: string; uid: string }>();
  for (const line of stdout.split('\n')) {
    const f = line.split(':');
    if (f.length >= 7 && f[0] && f[5]) out.set(f[0], { home: f[5], uid: f[2] ?? '' });
  }
  return out;
}

export interface AuthorizedKey {
  type: string;
  fingerprint: string;
  comment: string;
  options: string;
  /** The file it was read from (several with AuthorizedKeysFile). */
  file?: string;
}

const KEY_TYPE =
  /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;

/** Splits at spaces outside double quotes (options may hold `command="a b"`). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let escaped = false;
  for (const c of line) {
    // Inside quotes, `\"` is a quote of the value (OpenSSH's own rule).
    if (escaped) escaped = false;
    else if (c === '\\' && quoted) escaped = true;
    else if (c === '"') quoted = !quoted;
    if (!quoted && (c === ' ' || c === '\t')) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** OpenSSH's `SHA256:…` fingerprint of a base64 key blob. */
export function fingerprint(blob: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** authorized_keys lines → keys; comments, blanks and lines that hold no key are skipped. */
export function parseAuthorizedKeys(text: string): { keys: AuthorizedKey[]; malformed: number } {
  const keys: AuthorizedKey[] = [];
  let malformed = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = fields(line);
    const at = f.findIndex((x) => KEY_TYPE.test(x));
    if (at < 0 || at > 1 || !f[at + 1] || !/^[A-Za-z0-9+/]+=*$/.test(f[at + 1]!)) {
      malformed++;
      continue;
    }
    keys.push({
      type: f[at]!,
      fingerprint: fingerprint(f[at + 1]!),
      comment: f.slice(at + 2).join(' '),
      options: at === 1 ? f[0]! : '',
    });
  }
  return { keys, malformed };
}

export function sshPrincipals(byUser: Map<string, AuthorizedKey[]>): Principal[] {
  const out: Principal[] = [];
  for (const [user, keys] of byUser) {
    const seen = new Set<string>();
    for (const k of keys) {
      // The same key in two of the user's files is one access: the first file read wins.
      if (seen.has(k.fingerprint)) continue;
      seen.add(k.fingerprint);
      out.push({
        id: `${user}:${k.fingerprint}`,
        ...(k.comment ? { name: k.comment } : {}),
        groups: [user],
        attrs: { type: k.type, ...(k.options ? { options: k.options } : {}) },
        ...(k.file ? { info: { file: k.file } } : {}),
        flags: [],
      });
    }
  }
  return out;
}
