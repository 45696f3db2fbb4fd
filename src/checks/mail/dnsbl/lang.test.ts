import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../../test/helpers/english.js';
import { type DnsClient, DnsError, type DnsResponse } from '../../../clients/dns/client.js';
import { said } from '../../../core/said.js';
import type { ZoneSpec } from './classify.js';
import { judgeLookups } from './judge.js';
import { lookupAll } from './lookup.js';

const spec = (zone: string, dqsZone?: string): ZoneSpec => ({
  zone,
  type: 'ip',
  listed: {},
  refused: {},
  ...(dqsZone ? { dqsZone } : {}),
});
const reply = (rcode: DnsResponse['rcode'], a: string[] = []): DnsResponse =>
  ({
    rcode,
    aa: false,
    ad: false,
    answers: a.map((data) => ({ name: 'x', type: 'A', ttl: 60, data })),
    authorities: [],
  }) as unknown as DnsResponse;

/* Per-zone failures: details keep the English (stored, compared), reasons and summary the team's language. */
describe('mail.dnsbl: a list that could not tell, in the team language', () => {
  it('SERVFAIL, a rewritten answer, a time-out and a bad address: French reasons, English details', async () => {
    const client = {
      query: async (name: string) => {
        if (name.includes('servfail.example')) return reply('SERVFAIL');
        if (name.includes('rewrite.example')) return reply('NOERROR', ['192.0.2.80']);
        throw new DnsError(said('client.dns.timeout', { ms: 3000, tcp: false }));
      },
    } as unknown as DnsClient;
    const plan = {
      specs: [
        spec('servfail.example'),
        spec('rewrite.example'),
        spec('zen.spamhaus.org', 'SECRETKEY.zen.dq.spamhaus.net'),
      ],
      addresses: ['127.0.0.2', '300.0.0.1'],
      domains: [],
    };
    const lookups = await lookupAll(plan, client, new Map(), new Date('2026-12-05T10:00:00Z'));
    const en = judgeLookups(lookups, ['127.0.74.53'], 'en');
    const fr = judgeLookups(lookups, ['127.0.74.53'], 'fr');
    expect(en.reasons).toContain(
      'servfail.example could not say whether 127.0.0.2 is listed: the resolver answered SERVFAIL: it could not reach the list, or the list is down',
    );
    expect(fr.reasons).toContain(
      'servfail.example n’a pas pu dire si 127.0.0.2 y figure : le résolveur a répondu SERVFAIL : il n’a pas pu joindre la liste, ou la liste est en panne',
    );
    expect(fr.reasons).toContain(
      'zen.spamhaus.org n’a pas pu dire si 127.0.0.2 y figure : délai dépassé après 3000 ms',
    );
    for (const r of [fr.summary, ...(fr.reasons ?? [])]) expect([r, englishWords(r)]).toEqual([r, []]);
    // details: the same English in both languages, never the DQS key.
    expect(JSON.stringify(fr.details)).toBe(JSON.stringify(en.details));
    expect(JSON.stringify(fr.details)).toContain('"meanings":["not an IP address"]');
    expect(JSON.stringify(fr.details)).toContain('is not a blocklist code (127.x)');
    expect(JSON.stringify(fr.details)).not.toContain('SECRETKEY');
  });
});

describe('mail.dnsbl: a DQS key that does not resolve, in the team language', () => {
  it('says the SecretError in French', async () => {
    const { evaluateDnsbl } = await import('./index.js');
    delete process.env.RONDE_TEST_UNSET_DQS_KEY;
    const o = await evaluateDnsbl({
      options: { dqs_key: '${env:RONDE_TEST_UNSET_DQS_KEY}' } as never,
      now: new Date(),
      lang: 'fr',
    } as never);
    expect(o.summary).toBe(
      'dqs_key : secret ${env:RONDE_TEST_UNSET_DQS_KEY} : la variable d’environnement RONDE_TEST_UNSET_DQS_KEY n’est pas définie',
    );
  });
});
