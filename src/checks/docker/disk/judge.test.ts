import { describe, expect, it } from 'vitest';
import { type DockerUsage, judgeDockerDisk } from './judge.js';

const GiB = 1024 ** 3;
const usage: DockerUsage = {
  images: { count: 12, size: 6 * GiB, reclaimable: 2 * GiB },
  containers: { count: 5, size: 0.5 * GiB, reclaimable: 0 },
  volumes: { count: 3, size: 1.5 * GiB, unused: 1, unusedSize: 0.2 * GiB },
  buildCache: { count: 0, size: 0, reclaimable: 0 },
  total: 8 * GiB,
  reclaimable: 2 * GiB,
};
const fs = { mount: '/var/lib/docker', size: 40 * GiB, used: 20 * GiB };
const limits = { warnShare: 15, critShare: 75 };

describe('judgeDockerDisk', () => {
  it('says it in English', () => {
    const r = judgeDockerDisk(usage, fs, limits, 'en');
    expect(r.summary).toBe('Docker uses 8.0 GiB (20.0 % of /var/lib/docker), 2.0 GiB reclaimable');
    expect(r.reasons).toEqual([
      'Docker uses 20.0 % of /var/lib/docker (40 GiB), at or above 15 %',
      '2.0 GiB reclaimable: see `ronde docker prune HOST` (dry run)',
    ]);
  });

  it('says it in French to a French team, reasons included', () => {
    const r = judgeDockerDisk(usage, fs, { ...limits, warnSize: 5 * GiB }, 'fr');
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe('Docker occupe 8.0 GiB (20.0 % de /var/lib/docker), dont 2.0 GiB récupérables');
    expect(r.reasons).toEqual([
      'Docker occupe 8.0 GiB, seuil de 5.0 GiB atteint',
      'Docker occupe 20.0 % de /var/lib/docker (40 GiB), seuil de 15 % atteint',
      '2.0 GiB récupérables : voir `ronde docker prune HOST` (simulation)',
    ]);
    expect(judgeDockerDisk(usage, undefined, limits, 'fr').summary).toBe(
      'Docker occupe 8.0 GiB, dont 2.0 GiB récupérables',
    );
  });
});
