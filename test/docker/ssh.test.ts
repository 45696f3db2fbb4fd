import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerDisk } from '../../src/checks/docker/disk/index.js';
import { dockerImageAge } from '../../src/checks/docker/image_age/index.js';
import { dockerServices } from '../../src/checks/docker/services/index.js';
import type { AnyCheckKind } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import type { SshPool } from '../../src/targets/ssh/pool.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';
import { type LabSshd, startLabSshd } from '../lab/sshd.js';
import { labHost, labPool } from '../ssh/helpers.js';

/** Docker's default socket: lab sshd hosts share this machine's filesystem. */
const DEFAULT_SOCKET = '/var/run/docker.sock';
/** A login user that is neither root nor in the docker group, as on many real hosts. */
const UNPRIVILEGED = 'ronde-lab';

let docker: DockerLab;
let sshd: LabSshd;
let userSshd: LabSshd;
let pool: SshPool;
let userPool: SshPool;
let rootOnly: { dir: string; socket: string; server: Server };
beforeAll(async () => {
  [docker, sshd, userSshd] = await Promise.all([
    startDockerLab(),
    startLabSshd({ hosts: 1, firstIndex: 71 }),
    startLabSshd({ hosts: 1, firstIndex: 72, user: UNPRIVILEGED }),
  ]);
  pool = labPool([sshd.knownHosts('known_hosts', [sshd.hosts[0]!.knownHostsLine('ed25519')])]);
  userPool = labPool([userSshd.knownHosts('known_hosts', [userSshd.hosts[0]!.knownHostsLine('ed25519')])]);
  // Like docker.sock (0660 root:docker): a listening socket only root may open, in a directory anyone may enter.
  const dir = mkdtempSync(join(tmpdir(), 'ronde-sock-'));
  chmodSync(dir, 0o755);
  const socket = join(dir, 'docker.sock');
  const server = createServer((s) => s.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  chmodSync(socket, 0o600);
  rootOnly = { dir, socket, server };
}, 120_000);
afterAll(async () => {
  await Promise.all([pool?.close(), userPool?.close()]);
  await new Promise<void>((resolve) => (rootOnly ? rootOnly.server.close(() => resolve()) : resolve()));
  if (rootOnly) rmSync(rootOnly.dir, { recursive: true, force: true });
  await Promise.all([docker?.stop(), sshd?.stop(), userSshd?.stop()]);
}, 60_000);

/**
 * One check on a lab host through the real runner; `explicit: false` is a
 * zero-config run. `unprivileged`: the host logging in as UNPRIVILEGED (plain
 * /bin/sh, so also quicker than root's login shell).
 */
async function overSsh(
  kind: AnyCheckKind,
  options: Record<string, unknown>,
  { explicit = true, unprivileged = false } = {},
) {
  const [lab, p] = unprivileged ? [userSshd, userPool] : [sshd, pool];
  const target = p.target(labHost(lab, lab.hosts[0]!));
  const parsed = kind.options.parse(options);
  const plan = { instance: kind.id, kind, options: parsed, timeoutSec: 60, explicit };
  return (await runRound([{ target, checks: [plan] }])).results[0]!;
}

describe('the Docker socket forwarded over the SSH connection', () => {
  it('an SSH host reaches its own socket by default, on the pooled connection', async () => {
    const before = sshd.hosts[0]!.connectionCount();
    const r = await overSsh(dockerServices, { docker: { socket: docker.socket }, expected: ['lab/app'] });
    expect(r.status).toBe('OK');
    expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([[`test -S ${docker.socket}`, 0]]);
    const age = await overSsh(dockerImageAge, { docker: { socket: docker.socket } });
    expect(age.reasons?.[0]).toMatch(/^lab\/busybox:2020 built 2020-01-01/);
    expect(sshd.hosts[0]!.connectionCount() - before).toBe(1);
  });

  it('zero-config docker.disk on a host without Docker: not applicable, from the probe alone', async () => {
    // The lab host is this machine: the zero-config path must hold no socket here.
    const here = `this test needs no ${DEFAULT_SOCKET} on the test machine`;
    expect(existsSync(DEFAULT_SOCKET), here).toBe(false);
    const r = await overSsh(dockerDisk, {}, { explicit: false, unprivileged: true });
    expect(r).toMatchObject({
      status: 'UNKNOWN',
      summary: `no Docker socket at ${DEFAULT_SOCKET}`,
      notApplicable: true,
    });
    expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([[`test -S ${DEFAULT_SOCKET}`, 1]]);
    // No forwarding was even tried: that would have said "cannot forward".
    expect(JSON.stringify(r)).not.toContain('cannot forward');
  });

  it('a socket named in the configuration that is not there: UNKNOWN, even in a zero-config run', async () => {
    const missing = join(rootOnly.dir, 'none.sock');
    for (const explicit of [true, false]) {
      const options = { docker: { socket: missing }, expected: ['lab/app'] };
      const r = await overSsh(dockerServices, options, { explicit, unprivileged: true });
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toBe(`no Docker socket at ${missing}`);
      expect(r.notApplicable).toBeUndefined();
    }
  });

  it('a socket the login user cannot open: says it exists and why SSH cannot open it', async () => {
    const r = await overSsh(dockerDisk, { docker: { socket: rootOnly.socket } }, { unprivileged: true });
    expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([[`test -S ${rootOnly.socket}`, 0]]);
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toBe(
      `the Docker socket ${rootOnly.socket} exists but could not be opened over SSH: likely permission (the login user needs the docker group, or root) or AllowStreamLocalForwarding disabled in sshd_config`,
    );
    // sshd's own words stay, naming the host.
    expect(r.reasons?.[1]).toContain(`lab72: cannot forward ${rootOnly.socket}: (SSH) Channel open failure`);
  });
});
