import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerDisk } from '../../src/checks/docker/disk/index.js';
import { runKind } from '../lab/docker-kind.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
beforeAll(async () => {
  lab = await startDockerLab();
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

describe('docker.disk against a real engine', () => {
  it('counts what the engine holds and is OK under the defaults', async () => {
    const r = await runKind(lab, dockerDisk, {});
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
    expect((await runKind(lab, dockerDisk, { warn_size: '1K' })).status).toBe('WARN');
    expect((await runKind(lab, dockerDisk, { warn_size: '1K', crit_size: '1M' })).status).toBe('CRIT');
    const share = await runKind(lab, dockerDisk, { warn_share: 0 });
    expect(share.status).toBe('WARN');
    expect(share.reasons?.[0]).toMatch(/% of \/.*at or above 0 %$/);
  });
});
