import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemUnits } from '../../src/checks/system/units/index.js';
import { LocalTarget } from '../../src/targets/local.js';

// The real systemctl of this machine, through the batch script. The test VM's PID 1 is not
// systemd, so this pins the "not applicable" path; on a systemd host it checks we never say UNKNOWN.
describe('system.units on this machine', () => {
  it('is not applicable without systemd as PID 1, and a real answer with it', async () => {
    const options = systemUnits.options.parse({});
    const target = new LocalTarget('localhost');
    const outputs = await target.runBatch(systemUnits.commands(options));
    const o = await systemUnits.evaluate({
      lang: 'en',
      options,
      target,
      outputs,
      now: new Date(),
      signal: new AbortController().signal,
      run: (c) => target.runBatch(c),
    });
    const pid1 = readFileSync('/proc/1/comm', 'utf8').trim();
    if (pid1 === 'systemd') expect(o.status).not.toBe('UNKNOWN');
    else expect(o).toMatchObject({ status: 'UNKNOWN', notApplicable: true });
  });
});
