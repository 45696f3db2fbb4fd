import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGpgColons, parseGpgIds, passPrincipals } from './pass.js';
import { parseAuthorizedKeys, parseGetent, sshPrincipals } from './ssh.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../../test/fixtures/access/review', name), 'utf8');
const now = new Date('2026-12-05T00:00:00Z');
const limits = { staleSec: 180 * 86_400, expiringSec: 30 * 86_400 };

describe('pass.recipients (real find/gpg output)', () => {
  it('maps each folder to its recipients and each key to its uid and expiry', () => {
    const ids = parseGpgIds(fixture('gpg-id.txt'), '/home/alice/.password-store/');
    expect(Object.fromEntries(ids)).toEqual({
      '/': ['0A2E6C7BAF2415DA9F26C110DA66E57884E486BE'],
      legacy: ['A2A44D867B66C55BC9484C8C1B47A5C67DF4A3DF'],
    });
    const keys = parseGpgColons(fixture('gpg-list-keys.txt'));
    expect(keys.map((k) => [k.fingerprint, k.validity, k.uids[0]])).toEqual([
      ['0A2E6C7BAF2415DA9F26C110DA66E57884E486BE', 'u', 'Alice Admin <alice@lab.test>'],
      ['A2A44D867B66C55BC9484C8C1B47A5C67DF4A3DF', 'e', 'Old Member <old@lab.test>'],
    ]);
    const ps = passPrincipals(new Map([...ids, ['team', ['old@lab.test', 'DEADBEEF']]]), keys, now, limits);
    expect(ps.map((p) => [p.name ?? p.id, p.groups, p.flags])).toEqual([
      ['Alice Admin <alice@lab.test>', ['/'], []],
      ['Old Member <old@lab.test>', ['legacy', 'team'], ['expired']],
      ['DEADBEEF', ['team'], ['unknown-key']],
    ]);
    expect(ps[1]?.expiresAt).toBe('2020-01-02T00:00:00.000Z');
  });
});

describe('ssh.authorized_keys', () => {
  it('reads keys with their OpenSSH fingerprint, comment and options', () => {
    const { keys, malformed } = parseAuthorizedKeys(fixture('authorized_keys'));
    expect(malformed).toBe(1);
    expect(keys).toEqual([
      {
        type: 'ssh-ed25519',
        fingerprint: 'SHA256:x2JQELeOP6srTYS2dQ6m0WazObZ4m4J5sJaq+s56yXE',
        comment: 'alice@laptop',
        options: '',
      },
      {
        type: 'ssh-ed25519',
        fingerprint: 'SHA256:x2JQELeOP6srTYS2dQ6m0WazObZ4m4J5sJaq+s56yXE',
        comment: 'backup key',
        options: 'from="127.0.0.1",command="/usr/bin/backup --only \\"x y\\""',
      },
    ]);
    expect(sshPrincipals(new Map([['root', keys.slice(0, 1)]]))).toEqual([
      {
        id: 'root:SHA256:x2JQELeOP6srTYS2dQ6m0WazObZ4m4J5sJaq+s56yXE',
        name: 'alice@laptop',
        groups: ['root'],
        attrs: { type: 'ssh-ed25519' },
        flags: [],
      },
    ]);
  });

  it('reads homes from getent', () => {
    expect(
      Object.fromEntries(
        parseGetent('root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n'),
      ),
    ).toEqual({
      root: '/root',
      alice: '/home/alice',
    });
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseAuthorizedKeys(s);
        parseGetent(s);
        parseGpgColons(s);
        parseGpgIds(s, '/s');
      }),
    );
  });
});
