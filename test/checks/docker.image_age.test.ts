import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerImageAge } from '../../src/checks/docker/image_age/index.js';
import { runKind } from '../lab/docker-kind.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
beforeAll(async () => {
  lab = await startDockerLab();
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

describe('docker.image_age against a real engine', () => {
  it('WARN for the running image built in 2020, naming it and its container', async () => {
    const r = await runKind(lab, dockerImageAge, {});
    expect(r.status).toBe('WARN');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons?.[0]).toMatch(/^lab\/busybox:2020 built 2020-01-01 \(\d+ days\), used by lab-app-1/);
  });

  it('CRIT beyond crit_age, OK when young enough or ignored', async () => {
    expect((await runKind(lab, dockerImageAge, { crit_age: '365d' })).status).toBe('CRIT');
    expect((await runKind(lab, dockerImageAge, { max_age: '100000d' })).status).toBe('OK');
    expect((await runKind(lab, dockerImageAge, { ignore: ['lab/busybox'] })).status).toBe('OK');
  });
});
