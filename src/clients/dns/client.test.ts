import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DnsError, formatServer, parseServer, readReply } from './client.js';
import { ptrName, reversedLabels, txtText } from './names.js';

describe('parseServer', () => {
  it('reads addresses with and without a port', () => {
    expect(parseServer('127.0.53.1')).toEqual({ host: '127.0.53.1', port: 53 });
    expect(parseServer('127.0.53.1:5353')).toEqual({ host: '127.0.53.1', port: 5353 });
    expect(parseServer('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseServer('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
    expect(formatServer({ host: '::1', port: 5353 })).toBe('[::1]:5353');
  });
  it('refuses names (a resolver is never itself resolved) and bad ports', () => {
    expect(parseServer('dns.example')).toBeNull();
    expect(parseServer('127.0.0.1:0')).toBeNull();
    expect(parseServer('127.0.0.1:70000')).toBeNull();
  });
});

describe('reverse names', () => {
  it('reverses IPv4 and IPv6 as DNSBLs and PTR want', () => {
    expect(reversedLabels('127.0.0.2')).toBe('2.0.0.127');
    expect(reversedLabels('2001:db8::2')).toBe(
      '2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2',
    );
    expect(ptrName('127.0.53.25')).toBe('25.53.0.127.in-addr.arpa');
    expect(ptrName('::1')?.startsWith('1.0.0.0.')).toBe(true);
    expect(ptrName('::ffff:127.0.0.1')?.slice(0, 16)).toBe('1.0.0.0.0.0.f.7.');
    expect(reversedLabels('not-an-ip')).toBeNull();
  });
});

const reply = (over: Partial<dnsPacket.Packet> = {}, rcodeBits = 0) => {
  const buf = dnsPacket.encode({
    type: 'response',
    id: 7,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | rcodeBits,
    questions: [{ type: 'A', name: '2.0.0.127.zen.spamhaus.org', class: 'IN' }],
    answers: [{ type: 'A', name: '2.0.0.127.zen.spamhaus.org', ttl: 60, data: '127.0.0.2' }],
    ...over,
  });
  return buf;
};

describe('readReply', () => {
  it('gives the rcode, flags and answers of a reply to our question', () => {
    const r = readReply(reply(), 7, '2.0.0.127.zen.spamhaus.org.', 'A');
    expect(r.response.rcode).toBe('NOERROR');
    expect(r.response.aa).toBe(true);
    expect(r.response.answers.map((a) => (a as { data?: unknown }).data)).toEqual(['127.0.0.2']);
    expect(readReply(reply({ answers: [] }, 3), 7, '2.0.0.127.zen.spamhaus.org', 'A').response.rcode).toBe(
      'NXDOMAIN',
    );
  });
  it('refuses a reply to another query or question (spoofing, a confused server)', () => {
    expect(() => readReply(reply(), 8, '2.0.0.127.zen.spamhaus.org', 'A')).toThrow(DnsError);
    expect(() => readReply(reply(), 7, 'other.example', 'A')).toThrow(/another question/);
  });
  it('never throws anything but DnsError on malformed input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          readReply(Buffer.from(bytes), 7, 'x.example', 'A');
        } catch (e) {
          expect(e).toBeInstanceOf(DnsError);
        }
      }),
      { numRuns: 2000 },
    );
    const good = reply();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (i, b) => {
        const bad = Buffer.from(good);
        bad[i] = b;
        try {
          readReply(bad.subarray(0, Math.max(i, 12)), 7, '2.0.0.127.zen.spamhaus.org', 'A');
        } catch (e) {
          expect(e).toBeInstanceOf(DnsError);
        }
      }),
    );
  });
  it('joins the strings of a TXT record', () => {
    expect(txtText({ type: 'TXT', name: 'x', data: [Buffer.from('v=spf1 '), Buffer.from('-all')] })).toBe(
      'v=spf1 -all',
    );
  });
});
