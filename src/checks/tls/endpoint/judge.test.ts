import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changes, judgeEndpoint, outcome } from './judge.js';
import { type Endpoint, endpoints, Options, parseHostPort } from './options.js';

const der = (name: string): Buffer =>
  new X509Certificate(
    readFileSync(new URL(`../../../../test/fixtures/tls/endpoint/${name}`, import.meta.url)),
  ).raw;
const o = Options.parse({ endpoints: ['mail.lab.test:25'] });
const ep = (expect = 'mail.lab.test', port = 25): Endpoint => ({
  id: `${expect}:${port}`,
  host: expect,
  port,
  starttls: 'smtp',
  connect: '127.0.53.25',
  expect,
});
const probe = (name: string, extra: object = {}) => ({
  chain: [der(name)],
  authorized: true,
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  ...extra,
});
// The fixtures expire on 2036-12-02.
const at = (iso: string) => new Date(iso);

describe('judgeEndpoint', () => {
  it('OK: trusted, the right name, days left as openssl would count them', () => {
    const f = judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, at('2026-12-05T17:26:18Z'), 'en');
    expect(f.status).toBe('OK');
    expect(f.daysLeft).toBe(3649);
    expect(f).toMatchObject({ key: 'EC prime256v1', signature: 'ecdsa-with-SHA256', verified: true });
  });
  it('a wildcard and an IP SAN match; another name is CRIT', () => {
    expect(
      judgeEndpoint(ep('smtp.mail.lab.test'), probe('ec-sha256-mail.pem'), o, at('2030-01-01Z'), 'en').status,
    ).toBe('OK');
    expect(
      judgeEndpoint(ep('127.0.53.25'), probe('ec-sha256-mail.pem'), o, at('2030-01-01Z'), 'en').status,
    ).toBe('OK');
    const f = judgeEndpoint(ep('imap.lab.test'), probe('ec-sha256-mail.pem'), o, at('2030-01-01Z'), 'en');
    expect(f.status).toBe('CRIT');
    expect(f.problems[0]?.why).toBe(
      'imap.lab.test:25: the certificate is not for imap.lab.test (it names DNS:mail.lab.test, DNS:*.mail.lab.test, IP Address:127.0.53.25)',
    );
  });
  it('WARN and CRIT by days left, CRIT when expired', () => {
    expect(judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, at('2036-11-20T00:00:00Z'), 'en').status).toBe(
      'WARN',
    );
    const crit = judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, at('2036-11-29T00:00:00Z'), 'en');
    expect(crit.problems[0]?.why).toBe('mail.lab.test:25: certificate expires in 3 days (2036-12-02)');
    const fr = judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, at('2036-12-01T00:00:00Z'), 'fr');
    expect(outcome([fr], [], 'fr').summary).toBe(
      'mail.lab.test:25: certificat expire dans 1 jour (2036-12-02)',
    );
    expect(
      judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, at('2037-01-01Z'), 'en').problems[0]?.why,
    ).toMatch(/expired on 2036-12-02/);
  });
  it("an untrusted chain is CRIT with what to do; node's own name error is left to our name check", () => {
    const f = judgeEndpoint(
      ep(),
      probe('ec-sha256-mail.pem', {
        authorized: false,
        authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      }),
      o,
      at('2030-01-01Z'),
      'en',
    );
    expect(f.problems[0]?.why).toMatch(/intermediate certificate \(use the fullchain\)/);
    const n = judgeEndpoint(
      ep(),
      probe('ec-sha256-mail.pem', { authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      o,
      at('2030-01-01Z'),
      'en',
    );
    expect(n.status).toBe('OK');
  });
  it('a weak key and a SHA-1 signature are WARN', () => {
    const f = judgeEndpoint(ep('weak.lab.test'), probe('weak-rsa1024-sha1.pem'), o, at('2030-01-01Z'), 'en');
    expect(f.status).toBe('WARN');
    expect(f.problems.map((p) => p.why)).toEqual([
      'weak.lab.test:25: weak key: RSA 1024 bits (fewer than 2048)',
      'weak.lab.test:25: weak signature: sha1WithRSAEncryption on the certificate',
    ]);
  });
  it('no certificate is CRIT', () => {
    expect(
      judgeEndpoint(ep(), { ...probe('rsa2048-sha256.pem'), chain: [] }, o, new Date(), 'en').status,
    ).toBe('CRIT');
  });
});

describe('changes since the previous result', () => {
  it('says when the fingerprint differs, with both serials and dates', () => {
    const now = at('2030-01-01Z');
    const a = judgeEndpoint(ep(), probe('ec-sha256-mail.pem'), o, now, 'en');
    const b = { ...judgeEndpoint(ep(), probe('rsa2048-sha256.pem'), o, now, 'en'), endpoint: a.endpoint };
    expect(changes([a], { endpoints: [a] })).toEqual([]);
    const c = changes([b], { endpoints: [a] });
    expect(c).toHaveLength(1);
    const out = outcome([b], c, 'en');
    expect(out.summary).toMatch(
      /certificate changed since the last result \(serial \w+ until 2036-12-02 → serial \w+ until 2036-12-02\)/,
    );
    expect(changes([a], undefined)).toEqual([]);
    expect(changes([a], { endpoints: 'garbage' })).toEqual([]);
  });
});

describe('options', () => {
  it('reads host:port and picks the dialog from the port', () => {
    expect(parseHostPort('[2001:db8::1]:993')).toEqual({ host: '2001:db8::1', port: 993 });
    expect(parseHostPort('mail.example.org')).toBeNull();
    const e = endpoints(
      Options.parse({
        endpoints: [
          'mail.example.org:25',
          'mail.example.org:993',
          { host: 'db', port: 5432, address: '127.0.0.1' },
        ],
      }),
    );
    expect(e.map((x) => x.starttls)).toEqual(['smtp', 'none', 'postgres']);
    expect(e[2]).toMatchObject({ connect: '127.0.0.1', expect: 'db' });
  });
});
