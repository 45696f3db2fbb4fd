import { readFileSync } from 'node:fs';
import type { RecordType } from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReply } from '../../../clients/dns/client.js';
import { txtText } from '../../../clients/dns/names.js';
import { classify, zoneSpec } from './classify.js';

const captured = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/mail/dnsbl/knot-replies.json', import.meta.url), 'utf8'),
) as Record<string, { name: string; type: RecordType; id: number; reply: string }>;
const reply = (k: string) => {
  const c = captured[k]!;
  return readReply(Buffer.from(c.reply, 'base64'), c.id, c.name, c.type).response;
};
const zen = zoneSpec('zen.spamhaus.org', undefined);

describe('classify (replies captured from Knot)', () => {
  it('a listed address gives every code with its documented meaning', () => {
    const c = classify(zen, reply('listed'));
    expect(c.result).toBe('listed');
    expect(c.codes).toEqual(['127.0.0.2', '127.0.0.4', '127.0.0.10']);
    expect(c.meanings?.[0]).toMatch(/^SBL: /);
    expect(c.meanings?.[1]).toMatch(/^XBL: /);
    expect(c.meanings?.[2]).toMatch(/^PBL \(ISP\)/);
    expect(reply('listed-txt').answers.map(txtText)).toContain('https://www.spamhaus.org/sbl/query/SBL2');
  });
  it('127.255.255.254 is a refusal with the fix, never "not listed"', () => {
    const c = classify(zen, reply('refused'));
    expect(c.result).toBe('refused');
    expect(c.meanings?.[0]).toMatch(/public or open resolver.*resolver.*dqs_key/);
  });
  it('NXDOMAIN is not listed', () => {
    expect(classify(zen, reply('nxdomain')).result).toBe('clean');
  });
  it('the DBL reads its own codes', () => {
    const c = classify(zoneSpec('dbl.spamhaus.org', undefined), reply('dbl-listed'));
    expect(c).toMatchObject({ result: 'listed', meanings: ['DBL: a spam domain'] });
  });
});

describe('classify (rules)', () => {
  const a = (...codes: string[]) => ({
    rcode: 'NOERROR',
    answers: codes.map((data) => ({ type: 'A' as const, name: 'x', data })),
  });
  it('an unknown list: 127.x listed, 127.0.0.1 and 127.255.255.x refused', () => {
    const any = zoneSpec('dnsbl.example.net', undefined);
    expect(classify(any, a('127.0.0.5'))).toMatchObject({
      result: 'listed',
      meanings: ['listed (code 127.0.0.5)'],
    });
    expect(classify(any, a('127.0.0.1')).result).toBe('refused');
    expect(classify(any, a('127.255.255.255')).result).toBe('refused');
  });
  it('an answer outside 127/8 is a rewriting resolver, not a listing', () => {
    expect(classify(zen, a('192.0.2.1'))).toMatchObject({ result: 'error' });
    expect(classify(zen, a('192.0.2.1')).meanings?.[0]).toMatch(/rewrites answers/);
  });
  it('resolver failures are not "not listed"', () => {
    expect(classify(zen, { rcode: 'SERVFAIL', answers: [] }).result).toBe('error');
    expect(classify(zen, { rcode: 'REFUSED', answers: [] }).result).toBe('refused');
  });
  it('a DQS key changes the zone asked, not the name shown', () => {
    const s = zoneSpec('zen.spamhaus.org', 'k3y');
    expect(s.zone).toBe('zen.spamhaus.org');
    expect(s.dqsZone).toBe('k3y.zen.dq.spamhaus.net');
  });
  it('never throws on any answer', () => {
    const answer = fc.record({
      type: fc.constantFrom('A', 'TXT', 'AAAA', 'CNAME'),
      name: fc.string(),
      data: fc.oneof(fc.ipV4(), fc.string(), fc.constant(undefined)),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('NOERROR', 'NXDOMAIN', 'SERVFAIL', 'XX'),
        fc.array(answer),
        (rcode, answers) => {
          const c = classify(zen, { rcode, answers: answers as never });
          expect(['listed', 'clean', 'refused', 'error']).toContain(c.result);
        },
      ),
    );
  });
});
