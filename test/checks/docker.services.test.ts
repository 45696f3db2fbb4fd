import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerServices } from '../../src/checks/docker/services/index.js';
import { runKind, until } from '../lab/docker-kind.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
beforeAll(async () => {
  lab = await startDockerLab();
  // The health check (every 1 s, 1 retry) must have failed once.
  await until(() => lab.docker('inspect', '-f', '{{.State.Health.Status}}', 'lab-web-1') === 'unhealthy');
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

describe('docker.services against a real engine', () => {
  it('OK when every declared service runs', async () => {
    const r = await runKind(lab, dockerServices, { expected: ['lab/app'] });
    expect(r.status).toBe('OK');
    expect(r.summary).toContain('1 expected service running (declared)');
  });

  it('WARN when a service runs but is unhealthy', async () => {
    const r = await runKind(lab, dockerServices, { expected: ['lab/app', 'lab/web'] });
    expect(r.status).toBe('WARN');
    expect(r.reasons).toEqual(['lab/web: lab-web-1 is running but unhealthy']);
  });

  it('CRIT for a stopped, a looping and a missing service, each named', async () => {
    const r = await runKind(lab, dockerServices, { expected: ['lab/cron', 'lab/worker', 'lab/gone'] });
    expect(r.status).toBe('CRIT');
    expect(r.reasons).toEqual([
      'lab/cron: not running, lab-cron-1 is exited (exit code 0)',
      'lab/gone: no container (removed, or never started)',
      expect.stringMatching(/^lab\/worker: lab-worker-1 is restarting in a loop \(\d+ restarts\)$/),
    ]);
  });

  it('UNKNOWN with the command that fixes it when nothing is declared nor approved', async () => {
    const r = await runKind(lab, dockerServices, {}, { approval: async () => undefined });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toContain('`ronde docker approve lab`');
  });

  it('UNKNOWN, not OK, when the configured socket is not there (seen by the probe)', async () => {
    const r = await runKind(lab, dockerServices, {
      expected: ['lab/app'],
      docker: { socket: '/nonexistent.sock' },
    });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toBe('no Docker socket at /nonexistent.sock');
    expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([['test -S /nonexistent.sock', 1]]);
  });

  it('UNKNOWN, not OK, when a socket is there but no engine listens on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronde-stale-'));
    const socket = join(dir, 'docker.sock');
    try {
      // A process killed while listening leaves its socket file behind, as a crashed dockerd does.
      spawnSync(process.execPath, [
        '-e',
        `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`,
      ]);
      const r = await runKind(lab, dockerServices, { expected: ['lab/app'], docker: { socket } });
      expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([[`test -S ${socket}`, 0]]);
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toBe(`cannot reach the Docker engine at unix://${socket}: ECONNREFUSED`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
