import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { matchPattern } from './patterns.js';

/**
 * OpenSSH known_hosts, as `ssh` reads it: plain, wildcard, negated and hashed
 * (`|1|salt|hmac`) host patterns, `[host]:port` for non-22 ports, `@revoked`
 * markers. `@cert-authority` lines are skipped: ssh2 cannot verify host
 * certificates, and treating a CA key as a host key would be wrong.
 */
export interface KnownHostEntry {
  marker: 'revoked' | null;
  patterns: string[];
  keyType: string;
  /** SSH wire-format public key blob. */
  key: Buffer;
  file: string;
  line: number;
}

export function parseKnownHosts(text: string, file = '<known_hosts>'): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else return; // @cert-authority or unknown marker
    }
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    // The blob starts with its own key type: a line whose two disagree is corrupt, not a key.
    if (blobKeyType(key) !== keyType) return;
    out.push({ marker, patterns: hosts.split(','), keyType, key, file, line: i + 1 });
  });
  return out;
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise (IPv6 literals unbracketed inside). */
export function knownHostsName(host: string, port = 22): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return port === 22 ? bare : `[${bare}]:${port}`;
}

/** Whether an entry's comma list names `name`: a positive match and no negated one. */
export function entryMatches(entry: Pick<KnownHostEntry, 'patterns'>, name: string): boolean {
  let hit = false;
  for (const p of entry.patterns) {
    if (p.startsWith('|1|')) {
      if (hashedMatches(p, name)) hit = true;
    } else if (p.startsWith('!')) {
      if (matchPattern(p.slice(1), name)) return false;
    } else if (matchPattern(p, name)) hit = true;
  }
  return hit;
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split('|');
  if (!salt || !hash) return false;
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return mac === hash;
}

export function blobKeyType(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len > 64 || 4 + len > blob.length) return null;
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** OpenSSH's `SHA256:` fingerprint: base64 of the SHA-256 of the blob, without padding. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  | { kind: 'changed'; expected: KnownHostEntry[] }
  | { kind: 'unknown'; otherTypes: string[] };

/** OpenSSH's decision for a presented key: revoked beats everything, then a match, then same-type mismatch. */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, blob: Buffer): HostKeyVerdict {
  const type = blobKeyType(blob) ?? '?';
  const mine = entries.filter((e) => entryMatches(e, name));
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const live = mine.filter((e) => e.marker === null);
  const same = live.find((e) => e.key.equals(blob));
  if (same) return { kind: 'known', entry: same };
  const sameType = live.filter((e) => e.keyType === type);
  if (sameType.length > 0) return { kind: 'changed', expected: sameType };
  return { kind: 'unknown', otherTypes: [...new Set(live.map((e) => e.keyType))] };
}

/** ssh2's host-key algorithms (newest first), as ssh2 1.x supports them. */
const ALL_HOST_KEY_ALGOS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;
export type HostKeyAlgorithm = (typeof ALL_HOST_KEY_ALGOS)[number];

/**
 * The algorithms of the key types known for this host first, as OpenSSH
 * orders them; otherwise a host known only by its RSA key would show its
 * ed25519 key and look "changed".
 */
export function hostKeyAlgorithms(entries: readonly KnownHostEntry[], name: string): HostKeyAlgorithm[] {
  const types = new Set(
    entries.filter((e) => e.marker === null && entryMatches(e, name)).map((e) => e.keyType),
  );
  const known = ALL_HOST_KEY_ALGOS.filter((a) => types.has(a.startsWith('rsa-sha2-') ? 'ssh-rsa' : a));
  return [...known, ...ALL_HOST_KEY_ALGOS.filter((a) => !known.includes(a))];
}

/** Reads each file that exists; a missing file is an empty one (as for ssh). */
export async function loadKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    all.push(...parseKnownHosts(text, file));
  }
  return all;
}

/** Appends `name keytype base64 comment` to ronde's own known_hosts (created 0600 in a 0700 dir). */
export async function trustHostKey(
  file: string,
  name: string,
  key: { key: string | Buffer; algorithm?: string },
  comment = 'added by ronde hosts trust',
): Promise<string> {
  const blob = typeof key.key === 'string' ? Buffer.from(key.key, 'base64') : key.key;
  const type = blobKeyType(blob);
  if (!type) throw new Error('not an SSH public key blob');
  if (/[\s,]/.test(name) || name === '') throw new Error(`bad known_hosts name ${JSON.stringify(name)}`);
  const line = `${name} ${type} ${blob.toString('base64')} ${comment.replace(/[\r\n]/g, ' ')}\n`;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, line, { mode: 0o600 });
  return line;
}
