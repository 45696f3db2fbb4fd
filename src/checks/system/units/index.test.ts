import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { systemUnits } from './index.js';
import { parseUnits } from './parse.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/system/units/${name}`, import.meta.url), 'utf8');
const defaults = systemUnits.options.parse({});

function result(stdout: string, more: Partial<CommandResult> = {}): CommandResult {
  return { argv: ['systemctl'], exitCode: 0, stdout, stderr: '', timedOut: false, durationMs: 5, ...more };
}

async function evaluate(out: CommandResult, options = defaults, lang: 'en' | 'fr' = 'en') {
  return systemUnits.evaluate({
    lang,
    options,
    target: { name: 'h', transport: 'local' },
    outputs: [out],
    now: new Date('2026-11-25T14:00:00Z'),
    signal: new AbortController().signal,
    run: async () => [],
  });
}

describe('parseUnits', () => {
  it('reads unit, states and a description with spaces (hand-made fixture, documented format)', () => {
    const { units, malformed } = parseUnits(fixture('failed.stdout'));
    expect(malformed).toEqual([]);
    expect(units.map((u) => u.unit)).toEqual([
      'backup-db.service',
      'certbot.service',
      'mnt-backup\\x2dnas.mount',
      'ghost.service',
    ]);
    expect(units[0]).toEqual({
      unit: 'backup-db.service',
      load: 'loaded',
      active: 'failed',
      sub: 'failed',
      description: 'Nightly dump of the Etherpad database',
    });
    expect(units[3]?.load).toBe('not-found');
  });

  it('strips the "●" marker some systemd versions print', () => {
    expect(parseUnits(fixture('failed-bullet.stdout')).units[0]?.unit).toBe('backup-db.service');
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const u of parseUnits(s).units) expect(u.unit).not.toMatch(/\s/);
      }),
    );
  });
});

describe('system.units', () => {
  it('lets only "no systemd" be reused on an unchanged machine: failed units change any time', async () => {
    const failed = await evaluate(result(fixture('failed.stdout')));
    expect(failed.validUntil).toBe('2026-11-25T14:00:00.000Z'); // good for no time at all
    const none = await evaluate(
      result(fixture('no-systemd.stdout'), { exitCode: 1, stderr: fixture('no-systemd.stderr') }),
    );
    expect(none.notApplicable).toBe(true);
    expect(none.validUntil).toBeUndefined();
    expect(systemUnits.stampPaths?.(defaults)).toContain('/run/systemd/system');
  });

  it('is CRIT and lists every failed unit', async () => {
    const o = await evaluate(result(fixture('failed.stdout')));
    expect(o.status).toBe('CRIT');
    expect(o.summary).toBe(
      '4 failed units: backup-db.service, certbot.service, mnt-backup\\x2dnas.mount, ghost.service',
    );
    expect(o.reasons?.[0]).toBe(
      'backup-db.service failed/failed (loaded): Nightly dump of the Etherpad database',
    );
    const fr = await evaluate(result(fixture('failed.stdout')), defaults, 'fr');
    expect(fr.summary).toBe(
      '4 unités en échec : backup-db.service, certbot.service, mnt-backup\\x2dnas.mount, ghost.service',
    );
    expect((await evaluate(result(''), defaults, 'fr')).summary).toBe('aucune unité en échec');
  });

  it('leaves out ignored units, and is OK when only ignored ones failed', async () => {
    const some = await evaluate(
      result(fixture('failed.stdout')),
      systemUnits.options.parse({ ignore: ['*.mount', 'ghost*'] }),
    );
    expect(some.summary).toBe('2 failed units: backup-db.service, certbot.service');
    const all = await evaluate(
      result(fixture('failed.stdout')),
      systemUnits.options.parse({ ignore: ['*'] }),
    );
    expect(all.status).toBe('OK');
    expect(all.summary).toContain('4 ignored');
  });

  it('is OK on empty output with exit 0 (what systemctl prints with no failed unit)', async () => {
    expect(await evaluate(result(''))).toMatchObject({ status: 'OK', summary: 'no failed units' });
  });

  it('is not applicable on this machine, where PID 1 is not systemd (captured)', async () => {
    const o = await evaluate(
      result(fixture('no-systemd.stdout'), { exitCode: 1, stderr: fixture('no-systemd.stderr') }),
    );
    expect(o).toMatchObject({
      status: 'UNKNOWN',
      notApplicable: true,
      summary: "no systemd: System has not been booted with systemd as init system (PID 1). Can't operate.",
    });
  });

  it('is not applicable when systemctl is missing, UNKNOWN (applicable) on other failures', async () => {
    expect(await evaluate(result('', { exitCode: 127 }))).toMatchObject({
      status: 'UNKNOWN',
      notApplicable: true,
    });
    const bus = await evaluate(
      result('', { exitCode: 1, stderr: 'Failed to connect to bus: Permission denied\n' }),
    );
    expect(bus).toMatchObject({
      status: 'UNKNOWN',
      summary: 'systemctl exited with 1: Failed to connect to bus: Permission denied',
    });
    expect(bus.notApplicable).toBeUndefined();
    expect((await evaluate(result('', { exitCode: 124, timedOut: true }))).summary).toBe(
      'systemctl timed out',
    );
  });

  it('is UNKNOWN, never OK, on lines that are not units', async () => {
    const o = await evaluate(result('Warning: something odd happened\n'));
    expect(o.status).toBe('UNKNOWN');
  });

  it('never throws and never says OK on non-empty garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.option(fc.integer({ min: 0, max: 255 })),
        async (out, err, code) => {
          const o = await evaluate(result(out, { stderr: err, exitCode: code }));
          if (out.trim() !== '' || code !== 0) expect(o.status).not.toBe('OK');
        },
      ),
    );
  });
});
