import type { Answer } from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeZone, outcome, previouslySigned, type ZoneAnswers } from './judge.js';
import { dsDigest, keyTag } from './keys.js';

// Records shaped as dns-packet decodes Knot's answers (ECDSA P-256, algorithm 13).
const zone = 'example.org';
const ksk = { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) };
const zsk = { flags: 256, algorithm: 13, key: Buffer.alloc(64, 9) };
const now = new Date('2026-12-05T12:00:00Z');
const t = (days: number) => Math.floor(now.getTime() / 1000 + days * 86_400);
const sig = (covers: string, days: number, key = zsk): Answer =>
  ({
    type: 'RRSIG',
    name: zone,
    data: {
      typeCovered: covers,
      algorithm: 13,
      labels: 2,
      originalTTL: 300,
      expiration: t(days),
      inception: t(-1),
      keyTag: keyTag(key),
      signersName: zone,
      signature: Buffer.alloc(64),
    },
  }) as Answer;
const ok = (answers: Answer[]) => ({ rcode: 'NOERROR', answers });
const ds = (key = ksk, type = 2): Answer =>
  ({
    type: 'DS',
    name: zone,
    data: { keyTag: keyTag(key), algorithm: 13, digestType: type, digest: dsDigest(zone, key, type)! },
  }) as Answer;
const signed = (soaDays = 14, dsRecords: Answer[] = [ds()]): ZoneAnswers => ({
  zone,
  soa: ok([{ type: 'SOA', name: zone, data: {} } as Answer, sig('SOA', soaDays)]),
  dnskey: ok([
    { type: 'DNSKEY', name: zone, data: ksk } as Answer,
    { type: 'DNSKEY', name: zone, data: zsk } as Answer,
    sig('DNSKEY', 14, ksk),
  ]),
  ns: ok([sig('NS', 13)]),
  ds: ok(dsRecords),
});
const o = { warn_days: 6, crit_days: 4, require_ds: true };

describe('judgeZone', () => {
  it('OK: signed, the earliest signature far enough, a DS matching the KSK', () => {
    const f = judgeZone(signed(), o, now);
    expect(f.status).toBe('OK');
    expect(f).toMatchObject({ signed: true, daysLeft: 13, earliest: { covers: 'NS' } });
    expect(f.ds?.[0]?.matches).toBe(true);
  });
  it('CRIT at 3 days left, WARN at 5, CRIT when expired', () => {
    expect(judgeZone(signed(3.5), o, now).problems[0]).toMatch(
      /^example\.org: the SOA signature \(key \d+\) expires in 3 days/,
    );
    expect(judgeZone(signed(3.5), o, now).status).toBe('CRIT');
    expect(judgeZone(signed(5.5), o, now).status).toBe('WARN');
    expect(judgeZone(signed(-1), o, now).problems[0]).toMatch(
      /expired on .* validating resolvers refuse the zone/,
    );
  });
  it('a DS that matches no key is CRIT; no DS is WARN', () => {
    const bad = {
      ...(ds() as { data: object }),
      data: { ...(ds() as { data: object }).data, digest: Buffer.alloc(32) },
    } as Answer;
    expect(judgeZone(signed(14, [bad]), o, now).problems[0]).toMatch(/no DS at the parent matches a DNSKEY/);
    expect(judgeZone(signed(14, []), o, now).status).toBe('WARN');
    expect(judgeZone(signed(14, []), { ...o, require_ds: false }, now).status).toBe('OK');
  });
  it('an unsigned zone: WARN; CRIT when it was signed, or has a DS', () => {
    const plain: ZoneAnswers = { zone, soa: ok([]), dnskey: ok([]), ns: ok([]), ds: ok([]) };
    expect(judgeZone(plain, o, now).status).toBe('WARN');
    expect(judgeZone(plain, o, now, { at: '2026-12-04T10:00:00Z' }).problems).toEqual([
      'example.org: the zone was signed (last seen 2026-12-04 10:00) and is no longer: no DNSKEY, no RRSIG',
    ]);
    expect(judgeZone({ ...plain, ds: ok([ds()]) }, o, now).status).toBe('CRIT');
  });
  it('SERVFAIL is UNKNOWN with the likely reason', () => {
    const f = judgeZone({ ...signed(), soa: { rcode: 'SERVFAIL', answers: [] } }, o, now);
    expect(f.status).toBe('UNKNOWN');
    expect(f.problems[0]).toMatch(/validating resolver/);
  });
  it('remembers signed zones across runs', () => {
    const prev = outcome([{ ...judgeZone(signed(), o, now) }]).details;
    expect(previouslySigned(prev, '2026-12-04T10:00:00Z').get(zone)).toEqual({ at: '2026-12-04T10:00:00Z' });
    expect(previouslySigned({ zones: [{ zone, signed: false, signedAt: 'X' }] }, 'Y').get(zone)).toEqual({
      at: 'X',
    });
    expect(previouslySigned('garbage', undefined).size).toBe(0);
  });
  it('never throws on any answers', () => {
    const answer = fc.record({
      type: fc.constantFrom('RRSIG', 'DNSKEY', 'DS', 'SOA', 'A'),
      name: fc.constantFrom(zone, 'other.org'),
      data: fc.oneof(
        fc.constant(undefined),
        fc.object(),
        fc.record({
          typeCovered: fc.constantFrom('SOA', 'NS'),
          expiration: fc.integer(),
          inception: fc.integer(),
        }),
      ),
    });
    const resp = fc.record({
      rcode: fc.constantFrom('NOERROR', 'NXDOMAIN', 'SERVFAIL'),
      answers: fc.array(answer, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(resp, resp, resp, resp, (soa, dnskey, ns, d) => {
        const f = judgeZone({ zone, soa, dnskey, ns, ds: d } as never, o, now);
        expect(['OK', 'WARN', 'CRIT', 'UNKNOWN']).toContain(f.status);
      }),
    );
  });
});
