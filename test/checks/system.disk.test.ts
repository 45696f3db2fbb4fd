import { describe, expect, it } from 'vitest';
import { systemDisk } from '../../src/checks/system/disk/index.js';
import { LocalTarget } from '../../src/targets/local.js';

// The real df of this machine, through the same batch script that runs over SSH.
describe('system.disk on this machine', () => {
  it('reports the root filesystem and none of the skipped pseudo filesystems', async () => {
    const options = systemDisk.options.parse({});
    const target = new LocalTarget('localhost');
    const outputs = await target.runBatch(systemDisk.commands(options));
    const o = await systemDisk.evaluate({
      lang: 'en',
      options,
      target,
      outputs,
      now: new Date(),
      signal: new AbortController().signal,
      run: (c) => target.runBatch(c),
    });
    expect(o.status).not.toBe('UNKNOWN');
    const fs = o.details?.filesystems as { mount: string; fstype: string; pct: number }[];
    expect(fs.map((f) => f.mount)).toContain('/');
    expect(fs.filter((f) => options.skip_types.includes(f.fstype))).toEqual([]);
    const root = fs.find((f) => f.mount === '/')!;
    expect(root.pct).toBeGreaterThan(0);
    expect(root.pct).toBeLessThanOrEqual(100);
  });
});
