import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateTlsEndpoint, tlsEndpoint } from '../../src/checks/tls/endpoint/index.js';
import type { EndpointFacts } from '../../src/checks/tls/endpoint/judge.js';
import { type MailLab, makeTestCa, startMailLab, type TestCa } from '../lab/mail.js';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';
import { type SlapdLab, startSlapd } from '../lab/slapd.js';
import { type SmtpSink, startSmtpSink } from '../lab/smtp-sink.js';

// Real Postfix (STARTTLS, certificate expiring in 3 days) and Dovecot (IMAP/POP3 STARTTLS
// and IMAPS, certificate for another name) on 127.0.53.x, certificates from a test CA.
let lab: MailLab;
let plain: SmtpSink;
beforeAll(async () => {
  lab = await startMailLab();
  plain = await startSmtpSink({ starttls: false });
});
afterAll(async () => {
  await plain?.close();
  await lab?.stop();
});

const DAY = 86_400_000;
const run = async (options: Record<string, unknown>, previous?: Record<string, unknown>) =>
  evaluateTlsEndpoint({
    lang: 'en',
    options: tlsEndpoint.options.parse(options),
    now: new Date(),
    signal: new AbortController().signal,
    ...(previous
      ? { previous: { status: 'OK', startedAt: new Date().toISOString(), details: previous } }
      : {}),
  });
const facts = (o: { details?: Record<string, unknown> }) => o.details?.endpoints as EndpointFacts[];

/** What openssl sees: `openssl s_client -starttls PROTO … | openssl x509 -noout -enddate`. */
function opensslEnd(address: string, port: number, proto: string | null, servername: string): Date {
  const pem = execFileSync(
    'openssl',
    [
      's_client',
      '-connect',
      `${address}:${port}`,
      '-servername',
      servername,
      ...(proto ? ['-starttls', proto] : []),
    ],
    { input: '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], timeout: 20_000 },
  );
  const end = execFileSync('openssl', ['x509', '-noout', '-enddate'], { input: pem, encoding: 'utf8' });
  // notAfter=Dec  8 17:26:04 2026 GMT
  return new Date(
    Date.parse(
      end
        .trim()
        .replace(/^notAfter=/, '')
        .replace(/\s+/g, ' '),
    ),
  );
}

describe('tls.endpoint against real Postfix and Dovecot', () => {
  it('SMTP STARTTLS: the days left openssl shows, CRIT for the certificate expiring in 3 days', async () => {
    const now = Date.now();
    const end = opensslEnd(lab.smtp.host, 25, 'smtp', 'mail.lab.test');
    const o = await run({
      ca_file: lab.ca.caFile,
      endpoints: [{ host: 'mail.lab.test', address: lab.smtp.host, port: 25 }],
    });
    const f = facts(o)[0]!;
    expect(f.starttls).toBe('smtp');
    expect(f.notAfter).toBe(end.toISOString());
    expect(f.daysLeft).toBe(Math.floor((end.getTime() - now) / DAY));
    expect(f.verified).toBe(true);
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(/^mail\.lab\.test:25: certificate expires in [23] days \(\d{4}-\d\d-\d\d\)$/);
  });

  it('IMAP STARTTLS: the days left openssl shows; the wrong name is CRIT', async () => {
    const now = Date.now();
    const end = opensslEnd(lab.imap.host, 143, 'imap', 'mail.lab.test');
    const o = await run({
      ca_file: lab.ca.caFile,
      endpoints: [{ host: 'mail.lab.test', address: lab.imap.host, port: 143 }],
    });
    const f = facts(o)[0]!;
    expect(f.daysLeft).toBe(Math.floor((end.getTime() - now) / DAY));
    expect(o.status).toBe('CRIT');
    expect(o.reasons).toEqual([
      'mail.lab.test:143: the certificate is not for mail.lab.test (it names DNS:other.lab.test)',
    ]);
  });

  it('POP3 STLS and implicit TLS (IMAPS) with the right name are OK', async () => {
    const o = await run({
      ca_file: lab.ca.caFile,
      endpoints: [
        { host: 'other.lab.test', address: lab.pop3.host, port: 110 },
        { host: 'other.lab.test', address: lab.imaps.host, port: 993 },
      ],
    });
    expect(o.status, o.summary).toBe('OK');
    expect(facts(o).map((f) => f.starttls)).toEqual(['pop3', 'none']);
    expect(o.summary).toMatch(/^2 endpoints, next expiry in 8\d days/);
  });

  it('without the test CA the chain is untrusted against the system CAs: CRIT', async () => {
    const o = await run({ endpoints: [{ host: 'other.lab.test', address: lab.imaps.host, port: 993 }] });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(/not trusted|trusted CA/);
  });

  it('a changed certificate is said, with both serials', async () => {
    const first = await run({
      ca_file: lab.ca.caFile,
      endpoints: [{ host: 'other.lab.test', address: lab.imaps.host, port: 993 }],
    });
    const same = await run(
      { ca_file: lab.ca.caFile, endpoints: [{ host: 'other.lab.test', address: lab.imaps.host, port: 993 }] },
      first.details,
    );
    expect(same.details?.changed).toBeUndefined();
    // The previous result saw Postfix's certificate on this endpoint.
    const smtp = await run({
      ca_file: lab.ca.caFile,
      endpoints: [{ host: 'mail.lab.test', address: lab.smtp.host, port: 25 }],
    });
    const swapped = { endpoints: [{ ...facts(smtp)[0], endpoint: 'other.lab.test:993' }] };
    const o = await run(
      { ca_file: lab.ca.caFile, endpoints: [{ host: 'other.lab.test', address: lab.imaps.host, port: 993 }] },
      swapped,
    );
    expect(o.status).toBe('OK');
    expect(o.summary).toMatch(
      /certificate changed since the last result \(serial [0-9A-F]+ until .* → serial [0-9A-F]+ until/,
    );
  });

  it('a server that stopped offering STARTTLS is CRIT; a closed port is UNKNOWN', async () => {
    const o = await run({
      endpoints: [{ host: 'mail.lab.test', address: plain.host, port: plain.port, starttls: 'smtp' }],
    });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(/does not offer STARTTLS/);
    const closed = await run({
      endpoints: [{ host: 'mail.lab.test', address: lab.smtp.host, port: 26, starttls: 'smtp' }],
    });
    expect(closed.status).toBe('UNKNOWN');
    expect(closed.summary).toMatch(/connect failed: .*ECONNREFUSED/);
  });
});

// Real PostgreSQL 15 (SSLRequest, certificate for 45 days) on 127.0.0.1 and a real slapd
// (StartTLS, certificate expiring in 5 days) on 127.0.63.2, certificates from their own test CA.
describe('tls.endpoint against real PostgreSQL and slapd (STARTTLS)', () => {
  let dir: string;
  let ca: TestCa;
  let pg: PostgresLab;
  let ldap: SlapdLab;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ronde-tls-db-'));
    ca = makeTestCa(dir);
    const db = ca.issue('db', ['db.lab.test'], 45);
    const directory = ca.issue('ldap', ['ldap.lab.test'], 5);
    [pg, ldap] = await Promise.all([
      startPostgres({ ssl: db }),
      startSlapd({
        suffix: 'dc=lab,dc=test',
        ldif: 'dn: dc=lab,dc=test\nobjectClass: dcObject\nobjectClass: organization\ndc: lab\no: lab\n',
        address: '127.0.63.2',
        tls: directory,
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([pg?.stop(), ldap?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('PostgreSQL STARTTLS: the days left openssl shows, verified against the CA, OK', async () => {
    const port = Number(new URL(pg.url).port);
    const now = Date.now();
    const end = opensslEnd('127.0.0.1', port, 'postgres', 'db.lab.test');
    const o = await run({
      ca_file: ca.caFile,
      endpoints: [{ host: 'db.lab.test', address: '127.0.0.1', port, starttls: 'postgres' }],
    });
    const f = facts(o)[0]!;
    expect(f).toMatchObject({ starttls: 'postgres', verified: true, notAfter: end.toISOString() });
    expect(f.daysLeft).toBe(Math.floor((end.getTime() - now) / DAY));
    expect(o.status).toBe('OK');
    // Without the CA the chain is not trusted: said, never OK.
    const untrusted = await run({
      endpoints: [{ host: 'db.lab.test', address: '127.0.0.1', port, starttls: 'postgres' }],
    });
    expect(untrusted.status).toBe('CRIT');
  });

  it('LDAP StartTLS: the days left openssl shows, CRIT for the certificate expiring in 5 days', async () => {
    const { hostname: address, port: p } = new URL(ldap.url);
    const port = Number(p);
    const now = Date.now();
    const end = opensslEnd(address, port, 'ldap', 'ldap.lab.test');
    const o = await run({
      ca_file: ca.caFile,
      endpoints: [{ host: 'ldap.lab.test', address, port, starttls: 'ldap' }],
    });
    const f = facts(o)[0]!;
    expect(f).toMatchObject({ starttls: 'ldap', verified: true, notAfter: end.toISOString() });
    expect(f.daysLeft).toBe(Math.floor((end.getTime() - now) / DAY));
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(/^ldap\.lab\.test:\d+: certificate expires in [45] days/);
  });
});
