import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../core/command.js';
import { compareDebianVersions, newestKernel, parseVmlinuz } from './parse-kernels.js';
import { systemReboot } from './reboot.js';

const fx = (f: string) =>
  readFileSync(new URL(`../../../test/fixtures/system/reboot/${f}`, import.meta.url), 'utf8');
const NOW = new Date('2026-11-25T14:00:00Z');

function res(stdout: string, exitCode: number | null = 0): CommandResult {
  return { argv: [], exitCode, stdout, stderr: '', timedOut: false, durationMs: 1 };
}

function evaluate(outputs: CommandResult[]) {
  return systemReboot.evaluate({
    options: {},
    outputs,
    now: NOW,
    target: { name: 'h', transport: 'local' },
    signal: new AbortController().signal,
    run: async () => [],
  });
}

describe('system.reboot', () => {
  it('container without kernel images and no flag: OK, kernel part not applicable', async () => {
    const out = await evaluate([
      res(fx('container-flag.txt')),
      res('', 1),
      res(fx('container-uname.txt')),
      res(fx('container-boot.txt')),
    ]);
    expect(out.status).toBe('OK');
    expect(out.details?.kernelCheck).toMatch(/^not applicable/);
    expect(out.details?.runningKernel).toBe('6.18.44-fc-v782');
  });

  it('running an older ABI than installed: WARN naming both', async () => {
    const out = await evaluate([
      res(''),
      res('', 1),
      res('6.1.0-9-amd64\n'),
      res(fx('handmade-boot-bookworm.txt')),
    ]);
    expect(out.status).toBe('WARN');
    expect(out.summary).toContain('running kernel 6.1.0-9-amd64, newest installed 6.1.0-18-amd64');
  });

  it('running the newest of its flavour: OK even if another flavour is listed', async () => {
    const out = await evaluate([
      res(''),
      res('', 1),
      res('6.1.0-18-cloud-amd64\n'),
      res(fx('handmade-boot-bookworm.txt')),
    ]);
    expect(out.status).toBe('OK');
  });

  it('reboot-required flag: WARN with its packages and age', async () => {
    const since = NOW.getTime() / 1000 - 3 * 86400;
    const out = await evaluate([
      res(`${since}.25\n`),
      res(fx('handmade-reboot-required.pkgs')),
      res('6.1.0-18-amd64\n'),
      res(fx('handmade-boot-bookworm.txt')),
    ]);
    expect(out.status).toBe('WARN');
    expect(out.reasons?.[0]).toBe(
      '/run/reboot-required exists since 3.0 days for linux-image-6.1.0-18-amd64, libssl3',
    );
  });

  it('uname failing is UNKNOWN', async () => {
    const out = await evaluate([res(''), res('', 1), res('', 127), res('', 1)]);
    expect(out.status).toBe('UNKNOWN');
  });

  it('ignores dpkg temporary files', () => {
    expect(parseVmlinuz(fx('handmade-boot-bookworm.txt'))).not.toContain('6.1.0-10-amd64.dpkg-tmp');
    expect(newestKernel('6.1.0-9-amd64', ['6.1.0-10-amd64.dpkg-tmp'])).toBeNull();
  });
});

describe('Debian version order (checked against dpkg --compare-versions)', () => {
  // Each pair is a < b according to `dpkg --compare-versions a lt b` on bookworm (dpkg 1.21.22).
  const lt: [string, string][] = [
    ['6.1.0-9', '6.1.0-18'],
    ['1.0~rc1', '1.0'],
    ['1.0', '1.0+deb12u1'],
    ['1.0-1', '1:0.9-1'],
    ['1.20.1-2+deb12u3', '1.20.1-2+deb12u5'],
    ['5.2.15-2+b8', '5.2.15-2+b13'],
    ['1.0a', '1.0+'],
    ['1.0', '1.0a'],
    ['2.66-4+deb12u2+b2', '2.66-4+deb12u3+b1'],
    ['20230311+deb12u1', '20250419~deb12u2'],
  ];
  it.each(lt)('%s < %s', (a, b) => {
    expect(compareDebianVersions(a, b)).toBe(-1);
    expect(compareDebianVersions(b, a)).toBe(1);
  });
  it('is reflexive and antisymmetric on random strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(compareDebianVersions(a, a)).toBe(0);
        expect(compareDebianVersions(a, b)).toBe(-compareDebianVersions(b, a) || 0);
      }),
    );
  });
});

describe('system.reboot never throws', () => {
  it('on random outputs', async () => {
    const r = fc.record({ stdout: fc.string(), exitCode: fc.option(fc.integer({ min: 0, max: 255 })) });
    await fc.assert(
      fc.asyncProperty(fc.array(r, { maxLength: 5 }), async (outs) => {
        const out = await evaluate(outs.map((o) => res(o.stdout, o.exitCode)));
        expect(['OK', 'WARN', 'UNKNOWN']).toContain(out.status);
      }),
    );
  });
});
