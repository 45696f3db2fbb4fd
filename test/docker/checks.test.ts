import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerDisk } from '../../src/checks/docker/disk.js';
import { dockerImageAge } from '../../src/checks/docker/image_age.js';
import { dockerServices } from '../../src/checks/docker/services.js';
import { useDockerApprovals } from '../../src/checks/docker/util-approvals.js';
import type { AnyCheckKind, CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
beforeAll(async () => {
  lab = await startDockerLab();
  // The health check (every 1 s, 1 retry) must have failed once.
  await until(() => lab.docker('inspect', '-f', '{{.State.Health.Status}}', 'lab-web-1') === 'unhealthy');
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One check through the real runner on the local target, against the lab engine. */
async function runKind(kind: AnyCheckKind, options: Record<string, unknown>): Promise<CheckResult> {
  const parsed = kind.options.parse({ docker: { socket: lab.socket }, ...options });
  const { results } = await runRound([
    {
      target: new LocalTarget('lab'),
      checks: [{ instance: kind.id, kind, options: parsed, timeoutSec: 60, explicit: true }],
    },
  ]);
  return results[0]!;
}

describe('docker.services against a real engine', () => {
  it('OK when every declared service runs', async () => {
    const r = await runKind(dockerServices, { expected: ['lab/app'] });
    expect(r.status).toBe('OK');
    expect(r.summary).toContain('1 expected service(s) running (declared)');
  });

  it('WARN when a service runs but is unhealthy', async () => {
    const r = await runKind(dockerServices, { expected: ['lab/app', 'lab/web'] });
    expect(r.status).toBe('WARN');
    expect(r.reasons).toEqual(['lab/web: lab-web-1 is running but unhealthy']);
  });

  it('CRIT for a stopped, a looping and a missing service, each named', async () => {
    const r = await runKind(dockerServices, { expected: ['lab/cron', 'lab/worker', 'lab/gone'] });
    expect(r.status).toBe('CRIT');
    expect(r.reasons).toEqual([
      'lab/cron: not running, lab-cron-1 is exited (exit code 0)',
      'lab/gone: no container (removed, or never started)',
      expect.stringMatching(/^lab\/worker: lab-worker-1 is restarting in a loop \(\d+ restarts\)$/),
    ]);
  });

  it('UNKNOWN with the command that fixes it when nothing is declared nor approved', async () => {
    useDockerApprovals({ approval: async () => undefined });
    try {
      const r = await runKind(dockerServices, {});
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toContain('`ronde docker approve lab`');
    } finally {
      useDockerApprovals(undefined);
    }
  });

  it('UNKNOWN, not OK, when the configured socket is not there (seen by the probe)', async () => {
    const r = await runKind(dockerServices, {
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
      const r = await runKind(dockerServices, { expected: ['lab/app'], docker: { socket } });
      expect(r.evidence.map((e) => [e.command, e.exitCode])).toEqual([[`test -S ${socket}`, 0]]);
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toBe(`cannot reach the Docker engine at unix://${socket}: ECONNREFUSED`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker.disk against a real engine', () => {
  it('counts what the engine holds and is OK under the defaults', async () => {
    const r = await runKind(dockerDisk, {});
    expect(r.status).toBe('OK');
    const d = r.details as {
      images: { count: number };
      volumes: { count: number };
      filesystem: { mount: string };
    };
    expect(d.images.count).toBeGreaterThanOrEqual(4);
    expect(d.volumes.count).toBe(3);
    expect(d.filesystem.mount).toMatch(/^\//);
    expect(r.summary).toMatch(
      /^Docker uses [\d.]+ MiB \([\d.]+ % of \/.*\), [\d.]+ (MiB|KiB|B) reclaimable$/,
    );
  });

  it('WARN and CRIT by size and by share of the filesystem', async () => {
    expect((await runKind(dockerDisk, { warn_size: '1K' })).status).toBe('WARN');
    expect((await runKind(dockerDisk, { warn_size: '1K', crit_size: '1M' })).status).toBe('CRIT');
    const share = await runKind(dockerDisk, { warn_share: 0 });
    expect(share.status).toBe('WARN');
    expect(share.reasons?.[0]).toMatch(/% of \/.*at or above 0 %$/);
  });
});

describe('docker.image_age against a real engine', () => {
  it('WARN for the running image built in 2020, naming it and its container', async () => {
    const r = await runKind(dockerImageAge, {});
    expect(r.status).toBe('WARN');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons?.[0]).toMatch(/^lab\/busybox:2020 built 2020-01-01 \(\d+ days\), used by lab-app-1/);
  });

  it('CRIT beyond crit_age, OK when young enough or ignored', async () => {
    expect((await runKind(dockerImageAge, { crit_age: '365d' })).status).toBe('CRIT');
    expect((await runKind(dockerImageAge, { max_age: '100000d' })).status).toBe('OK');
    expect((await runKind(dockerImageAge, { ignore: ['lab/busybox'] })).status).toBe('OK');
  });
});
