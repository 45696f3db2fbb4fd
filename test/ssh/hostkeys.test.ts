import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../src/core/target.js';
import { fetchHostKey } from '../../src/targets/ssh/fetch.js';
import { trustHostKey } from '../../src/targets/ssh/known-hosts.js';
import { type LabSshd, startLabSshd } from '../lab/sshd.js';
import { labHost, labPool, noLookup, sessionCount } from './helpers.js';

let lab: LabSshd;

beforeAll(async () => {
  lab = await startLabSshd({ hosts: 2, firstIndex: 11 });
});
afterAll(async () => {
  await lab?.stop();
});

async function failure(p: Promise<unknown>): Promise<TargetError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TargetError);
  return err as TargetError;
}

/** What `ssh-keygen -lf` prints for the lab host's key: the fingerprint a sysadmin compares. */
function sshKeygenFingerprint(pubLine: string): string {
  const f = join(lab.dir, 'fp.pub');
  writeFileSync(f, `${pubLine}\n`);
  return execFileSync('/usr/bin/ssh-keygen', ['-lf', f]).toString().split(' ')[1]!;
}

describe('host keys against the real sshd', () => {
  it('a changed key is CRIT and no command runs', async () => {
    const [h1, h2] = lab.hosts as [(typeof lab.hosts)[0], (typeof lab.hosts)[0]];
    // h1's name with h2's ed25519 key: what a man in the middle (or a reinstall) looks like.
    const kh = lab.knownHosts('changed', [`[${h1.address}]:${h1.port} ${h2.hostKeys.ed25519}`]);
    const before = sessionCount(h1);
    const authsBefore = h1.log().match(/Accepted publickey/g)?.length ?? 0;
    const pool = labPool([kh]);
    const err = await failure(
      pool.target(labHost(lab, h1)).runBatch([{ argv: ['touch', '/tmp/ronde-must-not-run'] }]),
    );
    await pool.close();
    expect(err.reason).toBe('hostkey-changed');
    expect(err.status).toBe('CRIT');
    expect(err.message).toContain(sshKeygenFingerprint(h1.hostKeys.ed25519));
    expect(sessionCount(h1)).toBe(before);
    // We stopped at the key: we never even authenticated.
    expect(h1.log().match(/Accepted publickey/g)?.length ?? 0).toBe(authsBefore);
  });

  it('an unknown host is UNKNOWN with its SHA256 fingerprint and how to trust it', async () => {
    const h = lab.hosts[0]!;
    const pool = labPool([lab.knownHosts('empty', [])]);
    const err = await failure(pool.target(labHost(lab, h)).runBatch([{ argv: ['true'] }]));
    await pool.close();
    expect(err.reason).toBe('hostkey-unknown');
    expect(err.status).toBe('UNKNOWN');
    expect(err.message).toContain(sshKeygenFingerprint(h.hostKeys.ed25519));
    expect(err.message).toContain('ronde hosts trust lab11');
  });

  it('a host known only by its RSA key is accepted (RSA offered first, as ssh does)', async () => {
    const h = lab.hosts[0]!;
    const pool = labPool([lab.knownHosts('rsa-only', [h.knownHostsLine('rsa')])]);
    const [r] = await pool.target(labHost(lab, h)).runBatch([{ argv: ['echo', 'rsa ok'] }]);
    await pool.close();
    expect(r?.stdout).toBe('rsa ok\n');
  });

  it('a host known only by its ECDSA key is accepted', async () => {
    const h = lab.hosts[1]!;
    const pool = labPool([lab.knownHosts('ecdsa-only', [h.knownHostsLine('ecdsa')])]);
    const [r] = await pool.target(labHost(lab, h)).runBatch([{ argv: ['echo', 'ecdsa ok'] }]);
    await pool.close();
    expect(r?.exitCode).toBe(0);
  });

  it('hashed known_hosts entries (ssh-keygen -H) are matched', async () => {
    const [h1, h2] = lab.hosts as [(typeof lab.hosts)[0], (typeof lab.hosts)[0]];
    const kh = lab.knownHosts('hashed', [
      h1.knownHostsLine('ed25519'),
      `[${h2.address}]:${h2.port} ${h1.hostKeys.rsa}`,
    ]);
    execFileSync('/usr/bin/ssh-keygen', ['-H', '-f', kh], { stdio: 'ignore' });
    expect(readFileSync(kh, 'utf8')).not.toContain(h1.address);
    const pool = labPool([kh]);
    const [r] = await pool.target(labHost(lab, h1)).runBatch([{ argv: ['echo', 'hashed ok'] }]);
    expect(r?.stdout).toBe('hashed ok\n');
    // h2 listed (hashed) with another host's RSA key: changed, even though the name is hashed.
    const err = await failure(pool.target(labHost(lab, h2)).runBatch([{ argv: ['true'] }]));
    await pool.close();
    expect(err.reason).toBe('hostkey-changed');
  });

  it('a @revoked key is refused as CRIT', async () => {
    const h = lab.hosts[0]!;
    const kh = lab.knownHosts('revoked', [`@revoked * ${h.hostKeys.ed25519}`, h.knownHostsLine('ed25519')]);
    const pool = labPool([kh]);
    const err = await failure(pool.target(labHost(lab, h)).runBatch([{ argv: ['true'] }]));
    await pool.close();
    expect(err.status).toBe('CRIT');
    expect(err.message).toMatch(/REVOKED/);
  });

  it('fetchHostKey + trustHostKey: the trust workflow makes the host reachable', async () => {
    const h = lab.hosts[1]!;
    const state = join(lab.dir, 'state', 'known_hosts');
    const opts = {
      sshConfigPath: null,
      userKnownHosts: [],
      globalKnownHosts: [],
      authSock: '',
      home: '/nonexistent-home',
      lookup: noLookup,
      stateKnownHosts: state,
    };
    const key = await fetchHostKey(labHost(lab, h), opts);
    expect(key.host).toBe(`[${h.address}]:${h.port}`);
    expect(key.fingerprint).toBe(sshKeygenFingerprint(h.hostKeys.ed25519));
    await trustHostKey(state, key.host, key);
    // OpenSSH itself accepts the line we wrote.
    execFileSync('/usr/bin/ssh-keygen', ['-F', key.host, '-f', state]);
    const pool = labPool([], { stateKnownHosts: state });
    const [r] = await pool.target(labHost(lab, h)).runBatch([{ argv: ['echo', 'trusted'] }]);
    await pool.close();
    expect(r?.stdout).toBe('trusted\n');
  });
});
