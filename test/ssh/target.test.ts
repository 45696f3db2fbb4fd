import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../src/core/target.js';
import { type LabSshd, silentListener, startLabSshd } from '../lab/sshd.js';
import { labHost, labPool, sessionCount } from './helpers.js';

let lab: LabSshd;
let kh: string;

beforeAll(async () => {
  lab = await startLabSshd({ hosts: 3, firstIndex: 21 });
  kh = lab.knownHosts(
    'known_hosts',
    lab.hosts.map((h) => h.knownHostsLine('ed25519')),
  );
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

/** Processes on the (loopback) host whose command line matches, e.g. our unique sleep. */
function remaining(pattern: string): string {
  try {
    return execFileSync('pgrep', ['-af', pattern]).toString().trim();
  } catch {
    return '';
  }
}

async function waitGone(pattern: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  let left = remaining(pattern);
  while (left && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    left = remaining(pattern);
  }
  return left;
}

describe('SshTarget against the real sshd', () => {
  it('runs the real batch script remotely, several checks over one connection', async () => {
    const h = lab.hosts[0]!;
    const before = h.connectionCount();
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, h));
    // Three checks' batches, two at the same time and one after: still one connection.
    const [a, b] = await Promise.all([
      t.runBatch([{ argv: ['uname', '-r'] }, { argv: ['df', '-P', '/'] }]),
      t.runBatch([{ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }]),
    ]);
    const [c] = await t.runBatch([{ argv: ['printf', '%s', "it's $HOME; `x`"] }]);
    await t.close();
    await pool.close();
    expect(a[0]?.stdout.trim()).toBe(execFileSync('uname', ['-r']).toString().trim());
    expect(a[1]?.stdout).toMatch(/^Filesystem\s+1024-blocks/);
    expect(b[0]).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(c?.stdout).toBe("it's $HOME; `x`");
    expect(h.connectionCount() - before).toBe(1);
  });

  it('never opens more sessions than MaxSessions (10) at once: 12 batches all succeed', async () => {
    const h = lab.hosts[1]!;
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, h));
    const all = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.runBatch([{ argv: ['echo', `n${i}`] }])),
    );
    await pool.close();
    expect(all.map((r) => r[0]?.stdout)).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}\n`));
    // Server side: never more than 10 sessions open at once on the connection.
    let open = 0;
    let peak = 0;
    for (const m of h.log().matchAll(/^(Starting|Close) session:/gm)) {
      open += m[1] === 'Starting' ? 1 : -1;
      peak = Math.max(peak, open);
    }
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(10);
  }, 90_000);

  it('a command that sleeps forever is ended within its limit and leaves no process', async () => {
    const h = lab.hosts[0]!;
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, h));
    const started = Date.now();
    const [r, after] = await t.runBatch([
      { argv: ['sleep', '4242.5'], timeoutSec: 1 },
      { argv: ['echo', 'next'] },
    ]);
    await pool.close();
    expect(r?.timedOut).toBe(true);
    expect(after?.stdout).toBe('next\n');
    // Limit 1 s + kill grace 3 s + session start (slow on a loaded 2-core test machine).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await waitGone('sleep 4242.5', 15_000)).toBe('');
  });

  it("runs the batch in sshd's own session for the channel: no setsid, no second shell", async () => {
    const t = labPool([kh]).target(labHost(lab, lab.hosts[0]!));
    const [r] = await t.runBatch([
      { argv: ['sh', '-c', 'set -- $(cat /proc/$$/stat); tr "\\0" " " </proc/$6/cmdline'] },
    ]);
    // The session leader is the wrapper itself (sshd made it one), not a setsid'd /bin/sh.
    expect(r?.stdout).toContain('exec 3<&0');
  });

  it('an interrupted batch ends its remote command too (closing a channel alone would not)', async () => {
    const h = lab.hosts[0]!;
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, h));
    const ac = new AbortController();
    const started = Date.now();
    let aborted = 0;
    const poll = setInterval(() => {
      if (remaining('sleep 4343.5') || Date.now() - started > 20_000) {
        clearInterval(poll);
        aborted = Date.now();
        ac.abort();
      }
    }, 100);
    const [r] = await t.runBatch([{ argv: ['sleep', '4343.5'], timeoutSec: 600 }], { signal: ac.signal });
    await pool.close();
    expect(r?.exitCode).toBeNull();
    expect(r?.error).toMatch(/interrupted/);
    // Promptly, not after the command's 600 s: the margin holds on a loaded machine.
    expect(Date.now() - aborted).toBeLessThan(15_000);
    expect(await waitGone('sleep 4343.5', 15_000)).toBe('');
  });

  it('sudo: true runs every command through sudo -n, unless the command says sudo: false', async () => {
    const h = lab.hosts[2]!;
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, h, { sudo: true }));
    const [viaSudo, plain] = await t.runBatch([
      { argv: ['sh', '-c', 'echo "$SUDO_COMMAND"'] },
      { argv: ['sh', '-c', 'echo "${SUDO_COMMAND:-none}"'], sudo: false },
    ]);
    await pool.close();
    expect(viaSudo?.stdout).toContain('/usr/bin/sh -c');
    expect(plain?.stdout).toBe('none\n');
  });

  it('a wrong client key is an auth failure naming what was tried', async () => {
    const h = lab.hosts[2]!;
    const pool = labPool([kh]);
    const err = await failure(
      pool.target(labHost(lab, h, { identity: [lab.wrongKey] })).runBatch([{ argv: ['true'] }]),
    );
    await pool.close();
    expect(err.reason).toBe('auth');
    expect(err.message).toContain(`publickey ${lab.wrongKey}`);
    expect(err.message).toMatch(/server accepts publickey/);
  });

  it('a TCP listener that never sends a banner is UNKNOWN within the connect timeout', async () => {
    const silent = await silentListener('127.0.20.250');
    const pool = labPool([kh]);
    const started = Date.now();
    const err = await failure(
      pool
        .target({
          name: 'mute',
          address: '127.0.20.250',
          port: silent.port,
          agent: false,
          connectTimeoutSec: 2,
        })
        .runBatch([{ argv: ['true'] }]),
    );
    await pool.close();
    await silent.close();
    expect(err.reason).toBe('timeout');
    expect(err.status).toBe('UNKNOWN');
    expect(err.message).toMatch(/no SSH banner/);
    // The 2 s asked for, not the 10 s default: room for a loaded machine, below the default.
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a refused connection is unreachable, and other hosts are unaffected', async () => {
    const h = lab.hosts[1]!;
    const pool = labPool([kh]);
    const [dead, alive] = await Promise.allSettled([
      pool
        .target({ name: 'dead', address: '127.0.20.251', port: 9, agent: false })
        .runBatch([{ argv: ['true'] }]),
      pool.target(labHost(lab, h)).runBatch([{ argv: ['echo', 'alive'] }]),
    ]);
    await pool.close();
    expect(dead.status === 'rejected' && (dead.reason as TargetError).reason).toBe('unreachable');
    expect(alive.status === 'fulfilled' && alive.value[0]?.stdout).toBe('alive\n');
  });

  it('reaches a host through a ProxyJump from ssh_config, by a name never resolved', async () => {
    const [bastion, , inner] = lab.hosts as [(typeof lab.hosts)[0], unknown, (typeof lab.hosts)[0]];
    const config = join(lab.dir, 'ssh_config');
    writeFileSync(
      config,
      [
        'Host inner-lab',
        `  HostName ${inner.address}`,
        `  Port ${inner.port}`,
        `  ProxyJump ${lab.user}@${bastion.address}:${bastion.port}`,
        'Host 127.0.20.* inner-lab',
        `  User ${lab.user}`,
        `  IdentityFile ${lab.clientKey}`,
        '',
      ].join('\n'),
    );
    const bastionBefore = bastion.connectionCount();
    const innerBefore = sessionCount(inner);
    const pool = labPool([kh], { sshConfigPath: config });
    const [r] = await pool
      .target({ name: 'inner', address: 'inner-lab', agent: false })
      .runBatch([{ argv: ['echo', 'through the bastion'] }]);
    await pool.close();
    expect(r?.stdout).toBe('through the bastion\n');
    expect(bastion.connectionCount() - bastionBefore).toBe(1);
    expect(sessionCount(inner) - innerBefore).toBe(1);
  });

  it('a pool limited to one connection serves two hosts one after the other', async () => {
    const pool = labPool([kh], { maxConnections: 1 });
    const [a, b] = await Promise.all(
      lab.hosts
        .slice(0, 2)
        .map((h) => pool.target(labHost(lab, h)).runBatch([{ argv: ['echo', h.address] }])),
    );
    expect(pool.stats().open).toBe(1);
    await pool.close();
    expect(pool.stats().open).toBe(0);
    expect([a?.[0]?.stdout, b?.[0]?.stdout]).toEqual(lab.hosts.slice(0, 2).map((h) => `${h.address}\n`));
  });

  it('a pool closed mid-batch gives results with errors, within seconds', async () => {
    const pool = labPool([kh]);
    const t = pool.target(labHost(lab, lab.hosts[2]!));
    const started = Date.now();
    const run = t.runBatch([{ argv: ['echo', 'first'] }, { argv: ['sleep', '4444.5'], timeoutSec: 600 }]);
    // Close once the sleep runs on the host, whatever the machine's load.
    while (!remaining('sleep 4444.5') && Date.now() - started < 20_000)
      await new Promise((r) => setTimeout(r, 100));
    const closing = Date.now();
    await pool.close();
    const [first, slept] = await run;
    expect(first?.stdout).toBe('first\n');
    expect(slept?.exitCode).toBeNull();
    expect(slept?.error).toMatch(/did not complete/);
    expect(Date.now() - closing).toBeLessThan(15_000);
    expect(await waitGone('sleep 4444.5', 15_000)).toBe('');
  });
});
