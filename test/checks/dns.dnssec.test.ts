import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsDnssec, evaluateDnssec } from '../../src/checks/dns/dnssec/index.js';
import type { ZoneFacts } from '../../src/checks/dns/dnssec/judge.js';
import { type KnotLab, startKnotLab } from '../lab/knot.js';

// Knot signs signed.lab.test (14-day signatures) and expiring.lab.test (3.5 days), serves a
// wrong DS for wrongds.lab.test at the parent, and an unsigned zone; it is the resolver.
let lab: KnotLab;
beforeAll(async () => {
  lab = await startKnotLab('127.0.53.12');
});
afterAll(() => lab?.stop());

const run = (zones: string[], previous?: { details: Record<string, unknown>; startedAt?: string }) =>
  evaluateDnssec({
    options: dnsDnssec.options.parse({ zones, resolver: [lab.server] }),
    now: new Date(),
    signal: new AbortController().signal,
    ...(previous ? { previous: { status: 'OK', startedAt: '2026-12-01T08:00:00.000Z', ...previous } } : {}),
  });
const zone = (o: { details?: Record<string, unknown> }, i = 0) => (o.details!.zones as ZoneFacts[])[i]!;

/** The earliest RRSIG expiration kdig shows for SOA, DNSKEY and NS, as days left. */
function kdigDaysLeft(z: string): number {
  const ends = ['SOA', 'DNSKEY', 'NS'].flatMap((t) =>
    lab
      .kdig('+dnssec', '+short', t, `${z}.`)
      .split('\n')
      .flatMap((l) => {
        const m = /^\w+ \d+ \d+ \d+ (\d{14}) \d{14} /.exec(l);
        if (!m) return [];
        const s = m[1]!;
        return [
          Date.UTC(
            +s.slice(0, 4),
            +s.slice(4, 6) - 1,
            +s.slice(6, 8),
            +s.slice(8, 10),
            +s.slice(10, 12),
            +s.slice(12, 14),
          ),
        ];
      }),
  );
  return Math.floor((Math.min(...ends) - Date.now()) / 86_400_000);
}

describe('dns.dnssec against Knot DNS', () => {
  it('a signed zone with its DS at the parent is OK, with the days left kdig shows', async () => {
    const o = await run(['signed.lab.test']);
    expect(o.status, o.summary).toBe('OK');
    expect(zone(o).daysLeft).toBe(kdigDaysLeft('signed.lab.test'));
    expect(zone(o).daysLeft).toBe(13);
    expect(zone(o).ds?.some((d) => d.matches)).toBe(true);
    expect(o.summary).toBe(
      '1 signed zone, DS matching; earliest signature expiry in 13 days (signed.lab.test)',
    );
  });

  it('a zone whose signatures expire in 3 days is CRIT', async () => {
    const o = await run(['expiring.lab.test']);
    expect(o.status).toBe('CRIT');
    expect(zone(o).daysLeft).toBe(3);
    expect(zone(o).daysLeft).toBe(kdigDaysLeft('expiring.lab.test'));
    expect(o.summary).toMatch(
      /^expiring\.lab\.test: the \w+ signature \(key \d+\) expires in 3 days \(.* UTC\): is the signer re-signing\?$/,
    );
  });

  it('a DS at the parent that matches no DNSKEY is CRIT', async () => {
    const o = await run(['wrongds.lab.test']);
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(/no DS at the parent matches a DNSKEY of the zone/);
  });

  it('an unsigned zone is WARN; once seen signed, CRIT, and it stays so on the next run', async () => {
    const plain = await run(['unsigned.lab.test']);
    expect(plain.status).toBe('WARN');
    const was = { details: { zones: [{ zone: 'unsigned.lab.test', signed: true }] } };
    const o = await run(['unsigned.lab.test'], was);
    expect(o.status).toBe('CRIT');
    expect(o.summary).toBe(
      'unsigned.lab.test: the zone was signed (last seen 2026-12-01 08:00) and is no longer: no DNSKEY, no RRSIG',
    );
    const again = await run(['unsigned.lab.test'], {
      details: o.details ?? {},
      startedAt: new Date().toISOString(),
    });
    expect(again.status).toBe('CRIT');
  });
});
