import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { systemReboot } from './index.js';
import {
  compareDebianVersions,
  newestKernel,
  parseRebootFind,
  parseRebootHead,
  parseVmlinuz,
} from './parse.js';

const fx = (f: string) =>
  readFileSync(new URL(`../../../../test/fixtures/system/reboot/${f}`, import.meta.url), 'utf8');
const NOW = new Date('2026-11-25T14:00:00Z');

function res(stdout: string, exitCode: number | null = 0, stderr = ''): CommandResult {
  return { argv: [], exitCode, stdout, stderr, timedOut: false, durationMs: 1 };
}

/** The two commands' real outputs, captured under `unshare -m` (see the fixtures' README). */
function captured(name: string, findExit = 0, headExit = 0): CommandResult[] {
  return [
    res(fx(`${name}.find.stdout`), findExit, fx(`${name}.find.stderr`)),
    res(fx(`${name}.head.stdout`), headExit, fx(`${name}.head.stderr`)),
  ];
}

function evaluate(outputs: CommandResult[], lang: 'en' | 'fr' = 'en') {
  return systemReboot.evaluate({
    lang,
    options: {},
    outputs,
    now: NOW,
    target: { name: 'h', transport: 'local' },
    signal: new AbortController().signal,
    run: async () => [],
  });
}

describe('system.reboot', () => {
  it('runs two processes: one find, one head', () => {
    expect(systemReboot.commands({}).map((c) => c.argv[0])).toEqual(['find', 'head']);
  });

  it('container without kernel images and no flag: OK, kernel part not applicable', async () => {
    const out = await evaluate(captured('container', 0, 1));
    expect(out.status).toBe('OK');
    expect(out.details?.kernelCheck).toMatch(/^not applicable/);
    expect(out.details?.runningKernel).toBe('6.18.44-fc-v782');
  });

  it('flag, and running an older ABI than installed: WARN naming the packages, the age and both kernels', async () => {
    const out = await evaluate(captured('bookworm-flag'));
    expect(out.status).toBe('WARN');
    // The flag was made 2026-11-22 14:00 UTC, 3 days before NOW.
    expect(out.reasons).toEqual([
      '/run/reboot-required set 3 days ago, asked by linux-image-6.1.0-18-amd64, libssl3',
      'running kernel 6.1.0-9-amd64, newest installed 6.1.0-18-amd64',
    ]);
    expect(out.details?.rebootRequiredSince).toBe('2026-11-22T14:00:00.000Z');
    const fr = await evaluate(captured('bookworm-flag'), 'fr');
    expect(fr.summary).toBe(
      'redémarrage nécessaire : /run/reboot-required posé il y a 3 jours, demandé par linux-image-6.1.0-18-amd64, libssl3; ' +
        'noyau en cours 6.1.0-9-amd64, plus récent installé 6.1.0-18-amd64',
    );
  });

  it('running the newest of its flavour, no flag: OK (a cloud-amd64 image is another flavour)', async () => {
    const out = await evaluate(captured('bookworm-newest', 0, 1));
    expect(out.status).toBe('OK');
    expect(out.details).toMatchObject({ runningKernel: '6.1.0-18-amd64', newestKernel: '6.1.0-18-amd64' });
  });

  it('no /boot at all: the kernel part is not applicable, the flag still counts', async () => {
    const [, head] = captured('bookworm-flag');
    const out = await evaluate([res(fx('no-boot.find.stdout'), 1, fx('no-boot.find.stderr')), head!]);
    expect(out.details?.kernelCheck).toMatch(/^not applicable/);
    expect(out.status).toBe('WARN');
  });

  it('the running kernel unreadable is UNKNOWN', async () => {
    const out = await evaluate([res('', 0), res('', 1, "head: cannot open '/proc/sys/kernel/osrelease'")]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons).toEqual(['/proc/sys/kernel/osrelease could not be read']);
  });

  it("reads head's two sections whatever the package list holds", () => {
    const text = fx('bookworm-flag.head.stdout') + '==> /proc/sys/kernel/osrelease <==\nx y\n';
    expect(parseRebootHead(text)).toMatchObject({ running: '6.1.0-9-amd64' });
    expect(parseRebootHead(text).pkgs).toContain('libssl3');
    expect(parseRebootHead('garbage\n')).toEqual({ running: null, pkgs: null });
    fc.assert(
      fc.property(fc.string(), (t) => {
        parseRebootHead(t);
        parseRebootFind(t);
      }),
    );
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
