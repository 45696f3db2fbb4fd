import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerImageAge } from '../../src/checks/docker/image_age.js';
import { dockerServices } from '../../src/checks/docker/services.js';
import type { AnyCheckKind } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import type { SshPool } from '../../src/targets/ssh/pool.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';
import { type LabSshd, startLabSshd } from '../lab/sshd.js';
import { labHost, labPool } from '../ssh/helpers.js';

let docker: DockerLab;
let sshd: LabSshd;
let pool: SshPool;
beforeAll(async () => {
  [docker, sshd] = await Promise.all([startDockerLab(), startLabSshd({ hosts: 1, firstIndex: 71 })]);
  const kh = sshd.knownHosts('known_hosts', [sshd.hosts[0]!.knownHostsLine('ed25519')]);
  pool = labPool([kh]);
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await Promise.all([docker?.stop(), sshd?.stop()]);
}, 60_000);

async function overSsh(kind: AnyCheckKind, options: Record<string, unknown>) {
  const target = pool.target(labHost(sshd, sshd.hosts[0]!));
  const parsed = kind.options.parse(options);
  const plan = { instance: kind.id, kind, options: parsed, timeoutSec: 60, explicit: true };
  return (await runRound([{ target, checks: [plan] }])).results[0]!;
}

describe('the Docker socket forwarded over the SSH connection', () => {
  it('an SSH host reaches its own socket by default, on the pooled connection', async () => {
    const before = sshd.hosts[0]!.connectionCount();
    const r = await overSsh(dockerServices, { docker: { socket: docker.socket }, expected: ['lab/app'] });
    expect(r.status).toBe('OK');
    const age = await overSsh(dockerImageAge, { docker: { socket: docker.socket } });
    expect(age.reasons?.[0]).toMatch(/^lab\/busybox:2020 built 2020-01-01/);
    expect(sshd.hosts[0]!.connectionCount() - before).toBe(1);
  });

  it('UNKNOWN naming the host and the socket when the remote socket does not exist', async () => {
    const r = await overSsh(dockerServices, { docker: { socket: '/run/none.sock' }, expected: ['lab/app'] });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toContain('cannot forward /run/none.sock');
  });
});
