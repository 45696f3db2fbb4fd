import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { tlsFiles } from './index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/tls/${name}`, import.meta.url), 'utf8');
const LIVE = '/tmp/ronde-tlscap/etc/letsencrypt/live';
const opts = (o: Record<string, unknown> = {}) =>
  tlsFiles.options.parse({ paths: [`${LIVE}/*/cert.pem`], ...o });

function captured(name: string, exitCode = 0): CommandResult {
  return {
    argv: ['find'],
    exitCode,
    stdout: fixture(`${name}.stdout`),
    stderr: fixture(`${name}.stderr`),
    timedOut: false,
    durationMs: 3,
  };
}

async function evaluate(
  outputs: CommandResult[],
  options = opts(),
  now = new Date('2026-06-01T00:00:00Z'),
  lang: 'en' | 'fr' = 'en',
) {
  return tlsFiles.evaluate({
    lang,
    options,
    target: { name: 'h', transport: 'local' },
    outputs,
    now,
    signal: new AbortController().signal,
    run: async () => [],
  });
}

type Cert = { path: string; status: string; daysLeft?: number; subject?: string; problem?: string };
const certs = (o: { details?: Record<string, unknown> }) =>
  Object.fromEntries(
    (o.details!.certificates as Cert[]).map((c) => [c.path.slice(LIVE.length + 1).split('/')[0], c]),
  );

describe('tls.files', () => {
  it('says until when time alone leaves the outcome as it is (for reuse on an unchanged machine)', async () => {
    const now = new Date('2026-06-01T06:00:00Z');
    const o = await evaluate([captured('live-mixed')], opts(), now);
    // pad.example.org, valid until 2027-01-01: 213 days left, 212 from 2026-06-02 00:00.
    expect(certs(o)['pad.example.org']?.daysLeft).toBe(213);
    expect(Date.parse(o.validUntil!)).toBeLessThanOrEqual(Date.parse('2026-06-02T00:00:00Z'));
    expect(Date.parse(o.validUntil!)).toBeGreaterThan(now.getTime());
    // On the edge itself, the outcome is good for no time at all.
    const edge = await evaluate([captured('live-mixed')], opts(), new Date('2026-06-02T00:00:00Z'));
    expect(edge.validUntil).toBe('2026-06-02T00:00:00.000Z');
  });

  it('judges each file of a certbot tree: expired and not-yet-valid are CRIT, bad files UNKNOWN', async () => {
    const o = await evaluate([captured('live-mixed')]);
    expect(o.status).toBe('CRIT');
    const c = certs(o);
    expect(c['pad.example.org']).toMatchObject({
      status: 'OK',
      daysLeft: 214,
      subject: 'CN=pad.example.org, O=Ronde Test',
      notAfter: '2027-01-01T00:00:00.000Z',
    });
    expect(c['old.example.org']).toMatchObject({ status: 'CRIT', problem: 'expired on 2020-04-01' });
    expect(c['next.example.org']).toMatchObject({ status: 'CRIT', problem: 'not valid before 2040-01-01' });
    expect(c['garbage.example.org']).toMatchObject({
      status: 'UNKNOWN',
      problem: 'no PEM certificate in the file',
    });
    expect(c['gone.example.org']).toMatchObject({ status: 'UNKNOWN', problem: 'dangling symlink' });
    expect(o.summary).toBe(
      `${LIVE}/old.example.org/cert.pem: expired on 2020-04-01; ${LIVE}/next.example.org/cert.pem: not valid before 2040-01-01`,
    );
    const fr = await evaluate([captured('live-mixed')], opts(), undefined, 'fr');
    expect(fr.summary).toBe(
      `${LIVE}/old.example.org/cert.pem: expiré le 2020-04-01; ${LIVE}/next.example.org/cert.pem: pas valide avant le 2040-01-01`,
    );
    expect(fr.reasons).toContain(`${LIVE}/gone.example.org/cert.pem: lien symbolique cassé`);
  });

  it('warns under 21 days, crit under 7, by the clock of the run', async () => {
    const only = opts({ paths: [`${LIVE}/pad.*/cert.pem`] });
    const out = captured('live-mixed');
    // The fixture output holds all five files; keep the pad certificate's verdict only.
    const pad = async (iso: string) => certs(await evaluate([out], only, new Date(iso)))['pad.example.org'];
    expect((await pad('2026-12-01T00:00:00Z'))?.status).toBe('OK'); // 31 days left
    expect(await pad('2026-12-15T00:00:00Z')).toMatchObject({ status: 'WARN', daysLeft: 17 });
    expect(await pad('2026-12-27T00:00:00Z')).toMatchObject({
      status: 'CRIT',
      problem: 'expires in 5 days (2027-01-01)',
    });
    expect(await pad('2027-01-02T00:00:00Z')).toMatchObject({
      status: 'CRIT',
      problem: 'expired on 2027-01-01',
    });
  });

  it('is OK with the next expiry in the summary when every certificate is fine', async () => {
    const okOnly: CommandResult = {
      ...captured('live-mixed'),
      stdout: `\0ronde-file\0/etc/x/cert.pem\0${fixture('cert-2026.pem')}`,
    };
    const o = await evaluate([okOnly], opts({ paths: ['/etc/x/cert.pem'] }));
    expect(o).toMatchObject({
      status: 'OK',
      summary: '1 certificate, next expiry in 214 days (/etc/x/cert.pem)',
    });
  });

  it('says "permission denied" naming the directory, never "no certificates" (real stderr as nobody)', async () => {
    const o = await evaluate([captured('live-denied-dir', 1)]);
    expect(o).toMatchObject({ status: 'UNKNOWN', summary: `permission denied: ${LIVE}` });
    expect(o.notApplicable).toBeUndefined();
  });

  it('names an unreadable certificate file and still judges the readable ones', async () => {
    const o = await evaluate([captured('live-denied-file', 1)]);
    expect(o.status).toBe('CRIT'); // the expired one is still known
    expect(o.reasons).toContain(`permission denied: ${LIVE}/pad.example.org/cert.pem`);
  });

  it('is not applicable when the directory does not exist (no certbot)', async () => {
    const o = await evaluate(
      [captured('live-missing', 1)],
      opts({ paths: ['/tmp/ronde-tlscap/etc/nocertbot/live/*/cert.pem'] }),
    );
    expect(o).toMatchObject({
      status: 'UNKNOWN',
      notApplicable: true,
      summary: 'no such directory: /tmp/ronde-tlscap/etc/nocertbot/live',
    });
  });

  it('is UNKNOWN when the directory exists but nothing matches, or find timed out', async () => {
    const empty = await evaluate([{ ...captured('live-mixed'), stdout: '' }]);
    expect(empty).toMatchObject({
      status: 'UNKNOWN',
      summary: `no certificate file matches ${LIVE}/*/cert.pem`,
    });
    const slow = await evaluate([{ ...captured('live-mixed'), stdout: '', exitCode: 124, timedOut: true }]);
    expect(slow.summary).toBe(`${LIVE}/*/cert.pem: find timed out`);
  });

  it('rejects relative globs and crit above warn', () => {
    expect(tlsFiles.options.safeParse({ paths: ['etc/*.pem'] }).success).toBe(false);
    expect(tlsFiles.options.safeParse({ warn_days: 5, crit_days: 7 }).success).toBe(false);
  });

  it('never throws and never says OK on garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.option(fc.integer({ min: 0, max: 255 })),
        async (out, err, code) => {
          const o = await evaluate([
            { argv: ['find'], stdout: out, stderr: err, exitCode: code, timedOut: false, durationMs: 1 },
          ]);
          expect(o.status).not.toBe('OK');
        },
      ),
    );
  });
});
