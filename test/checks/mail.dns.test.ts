import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/mail/dns/checks.js';
import { evaluateMailDns, mailDns } from '../../src/checks/mail/dns/index.js';
import { type KnotLab, startKnotLab } from '../lab/knot.js';

// Knot serves mail.lab.test (everything right), bad.lab.test (one of each wrong) and the PTR
// zone of 127.0.53.x; it is the resolver.
let lab: KnotLab;
beforeAll(async () => {
  lab = await startKnotLab('127.0.53.13');
});
afterAll(() => lab?.stop());

const run = (options: Record<string, unknown>) =>
  evaluateMailDns({
    options: mailDns.options.parse({ resolver: [lab.server], dkim_selectors: ['s1'], ...options }),
    signal: new AbortController().signal,
  });
const texts = (o: { details?: Record<string, unknown> }) =>
  (o.details!.findings as Finding[]).map((f) => `${f.status} ${f.subject}: ${f.text}`);

describe('mail.dns against Knot DNS', () => {
  it('a domain with MX, FCrDNS, SPF, DMARC and DKIM right is OK, each finding said', async () => {
    const o = await run({ domains: ['mail.lab.test'], sending_ips: ['127.0.53.25'] });
    expect(o.status, o.summary).toBe('OK');
    expect(texts(o)).toEqual([
      'OK mail.lab.test MX: MX 10 mx.mail.lab.test → 127.0.53.25',
      'OK mail.lab.test SPF: SPF record valid, 2 DNS lookups of 10',
      'OK mail.lab.test DMARC: DMARC policy p=reject: forgeries are refused',
      'OK mail.lab.test DKIM s1: DKIM selector s1 publishes a ed25519 key',
      'OK 127.0.53.25 PTR: 127.0.53.25 → mx.mail.lab.test → 127.0.53.25 (forward-confirmed reverse DNS)',
    ]);
  });

  it('each wrong record is a finding a newcomer understands', async () => {
    const o = await run({ domains: ['bad.lab.test'], sending_ips: ['127.0.53.26', '127.0.53.99'] });
    expect(o.status).toBe('CRIT');
    expect(texts(o)).toEqual([
      'OK bad.lab.test MX: MX 10 mx.bad.lab.test → 127.0.53.26',
      'CRIT bad.lab.test MX: MX 20 gone.bad.lab.test has no address (A/AAAA): senders cannot deliver to it',
      'CRIT bad.lab.test SPF: bad.lab.test publishes 2 SPF records: receivers treat that as an error (permerror); merge them into one',
      'WARN bad.lab.test DMARC: DMARC policy p=none: receivers only report forgeries, they still deliver them (expected at least quarantine)',
      'CRIT bad.lab.test DKIM s1: DKIM selector s1: the key is revoked (empty p=): mail signed with it fails DKIM',
      "CRIT 127.0.53.26 PTR: 127.0.53.26's PTR says mx.elsewhere.lab.test, but that name does not resolve back to 127.0.53.26: receivers see a forged-looking sender",
      'CRIT 127.0.53.99 PTR: 127.0.53.99 has no reverse DNS (PTR): many receivers refuse mail from it',
    ]);
  });

  it('an SPF record over 10 lookups, with includes that publish nothing', async () => {
    // many.bad.lab.test: a, mx and 9 includes of names without SPF.
    const o = await run({ domains: ['many.bad.lab.test'], dkim_selectors: [] });
    const spf = texts(o).filter((t) => t.includes(' SPF: '));
    expect(spf).toHaveLength(10);
    expect(spf[0]).toBe(
      'CRIT many.bad.lab.test SPF: a.bad.lab.test (included by the domain) publishes no SPF record: receivers treat that as an error',
    );
    expect(spf[9]).toBe(
      'CRIT many.bad.lab.test SPF: the SPF record needs 11 DNS lookups (includes counted): more than 10 is an error (permerror) for receivers; flatten includes',
    );
  });

  it('a domain that does not exist', async () => {
    const o = await run({ domains: ['nowhere.lab.test'], dkim_selectors: [] });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(
      /^nowhere\.lab\.test MX: nowhere\.lab\.test does not exist in DNS \(NXDOMAIN\)/,
    );
  });
});
