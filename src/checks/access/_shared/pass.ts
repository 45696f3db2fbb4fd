import { type AccessFlag, dateFlags, type Principal } from '../../../core/access.js';
import type { CommandSpec } from '../../../core/command.js';

/*
 * pass.recipients: who the store is encrypted for. Each folder's `.gpg-id`
 * lists key ids (fingerprints, long ids or e-mails); gpg's public keyring
 * tells their uids and expiry. Nothing is decrypted: no secret key is used.
 */

export function passCommands(store: string, gnupgHome?: string): CommandSpec[] {
  const gpg = ['gpg', '--batch', '--with-colons', '--fixed-list-mode', '--list-keys'];
  return [
    // `path:line` for every line of every .gpg-id (grep -H names the file even when there is one).
    {
      argv: [
        'find',
        store,
        '-name',
        '.gpg-id',
        '-type',
        'f',
        '-not',
        '-path',
        '*/.git/*',
        '-exec',
        'grep',
        '-H',
        '',
        '{}',
        '+',
      ],
    },
    { argv: gnupgHome ? ['env', `GNUPGHOME=${gnupgHome}`, ...gpg] : gpg, maxOutputBytes: 8 * 1024 * 1024 },
  ];
}

/** `/store/infra/.gpg-id:ABCD…` lines → folder (`/` for the root) → key ids. */
export function parseGpgIds(stdout: string, store: string): Map<string, string[]> {
  const root = store.replace(/\/+$/, '');
  const out = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('/.gpg-id:');
    if (at < 0) continue;
    const dir = line.slice(0, at);
    const id = line.slice(at + '/.gpg-id:'.length).trim();
    if (!id || id.startsWith('#')) continue;
    const folder = dir === root ? '/' : dir.startsWith(`${root}/`) ? dir.slice(root.length + 1) : dir;
    out.set(folder, [...(out.get(folder) ?? []), id]);
  }
  return out;
}

export interface GpgKey {
  fingerprint: string;
  /** gpg's validity letter of the primary key: e expired, r revoked, … */
  validity: string;
  expiresAt?: string;
  uids: string[];
}

/** `gpg --with-colons --list-keys` (pub, fpr, uid records; sub keys skipped). */
export function parseGpgColons(stdout: string): GpgKey[] {
  const keys: GpgKey[] = [];
  let cur: GpgKey | undefined;
  let wantFpr = false;
  for (const line of stdout.split('\n')) {
    const f = line.split(':');
    if (f[0] === 'pub') {
      cur = { fingerprint: '', validity: f[1] ?? '', uids: [] };
      const exp = Number(f[6]);
      if (f[6] && Number.isFinite(exp) && exp > 0) cur.expiresAt = new Date(exp * 1000).toISOString();
      keys.push(cur);
      wantFpr = true;
    } else if (f[0] === 'sub') {
      wantFpr = false;
    } else if (f[0] === 'fpr' && cur && wantFpr) {
      cur.fingerprint = f[9] ?? '';
      wantFpr = false;
    } else if (f[0] === 'uid' && cur && f[1] !== 'r') {
      cur.uids.push((f[9] ?? '').replace(/\\x3a/g, ':'));
    }
  }
  return keys.filter((k) => k.fingerprint);
}

function findKey(id: string, keys: readonly GpgKey[]): GpgKey | undefined {
  const wanted = id.replace(/^0x/i, '').toUpperCase();
  if (/^[0-9A-F]{8,40}$/.test(wanted)) return keys.find((k) => k.fingerprint.toUpperCase().endsWith(wanted));
  const mail = id.replace(/^<|>$/g, '').toLowerCase();
  return keys.find((k) =>
    k.uids.some((u) => u.toLowerCase().includes(`<${mail}>`) || u.toLowerCase() === mail),
  );
}

/** One principal per recipient key, with the folders it can read. */
export function passPrincipals(
  gpgIds: Map<string, string[]>,
  keys: readonly GpgKey[],
  now: Date,
  limits: { staleSec: number; expiringSec: number },
): Principal[] {
  const byId = new Map<string, Principal>();
  for (const [folder, ids] of gpgIds) {
    for (const raw of ids) {
      const key = findKey(raw, keys);
      const id = key?.fingerprint ?? raw;
      let p = byId.get(id);
      if (!p) {
        const flags: AccessFlag[] = key
          ? dateFlags({ expiresAt: key.expiresAt ?? null }, now, { ...limits, keepsLogins: false })
          : ['unknown-key'];
        if (key?.validity === 'e' && !flags.includes('expired')) flags.push('expired');
        if (key?.validity === 'r') flags.push('revoked');
        p = {
          id,
          ...(key?.uids[0] ? { name: key.uids[0] } : {}),
          groups: [],
          expiresAt: key?.expiresAt ?? null,
          flags,
        };
        byId.set(id, p);
      }
      if (!p.groups.includes(folder)) p.groups.push(folder);
    }
  }
  for (const p of byId.values()) p.groups.sort();
  return [...byId.values()];
}
