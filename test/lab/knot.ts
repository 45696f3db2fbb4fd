import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Knot DNS (Debian `knot`) on 127.0.53.1:53, authoritative for the lab's zones,
 * used by the tests as *the* resolver: nothing is resolved through the machine's own.
 * Port 53 because zonemaster-cli only speaks to port 53; so it needs root.
 *
 *   .                    root zone: delegates lab.test. (zonemaster's hints point here)
 *   lab.test.            unsigned parent: delegations with DS for signed. and a wrong DS for wrongds.
 *   signed.lab.test.     signed, RRSIG lifetime 14 days
 *   expiring.lab.test.   signed, RRSIG lifetime 3.5 days (floor: 3 days left)
 *   wrongds.lab.test.    signed, the parent's DS matches no DNSKEY
 *   unsigned.lab.test.   not signed
 *   mail.lab.test.       MX, SPF, DMARC, DKIM that are right; bad.lab.test. one of each wrong
 *   53.0.127.in-addr.arpa.  PTR of the lab's mail addresses (FCrDNS)
 *   zen.spamhaus.org.    a DNSBL: 127.0.0.2 listed (SBL, XBL, PBL codes and a TXT), 127.0.0.9
 *                        answered 127.255.255.254 ("query through an open resolver: refused")
 *   dbl.spamhaus.org.    a domain list: dbltest.com listed (127.0.1.2)
 *   labkey.zen.dq.spamhaus.net.  ZEN through DQS with the key `labkey`: 127.0.0.2 listed
 */
/**
 * Each test file gives its own address (127.0.53.N): vitest runs files in parallel, and two
 * knotd on one address (UDP reuseport) would split the queries between instances whose
 * DNSSEC keys differ.
 */
export const KNOT_ADDRESS = '127.0.53.1';
export const KNOTD = '/usr/sbin/knotd';
export const INSTALL_HINT = 'apt-get install -y knot knot-dnsutils';

export interface KnotLab {
  address: string;
  port: number;
  /** `127.0.53.1` or `127.0.53.1:PORT`: the resolver option of the DNS kinds. */
  server: string;
  dir: string;
  /** A zonemaster-cli root hints file naming this server. */
  hintsFile: string;
  /** `kdig @server …` output (knot-dnsutils), an independent view for the tests. */
  kdig(...args: string[]): string;
  stop(): Promise<void>;
}

const SIGNED = ['signed.lab.test', 'expiring.lab.test', 'wrongds.lab.test'] as const;

const soa = (zone: string, serial = 1) =>
  `$ORIGIN ${zone}.\n$TTL 300\n@ SOA ns1.lab.test. hostmaster.lab.test. ${serial} 3600 900 604800 300\n@ NS ns1.lab.test.\n`;

const zones = (KNOT_ADDRESS: string): Record<string, string> => ({
  '.': `$ORIGIN .\n$TTL 300\n. SOA ns1.lab.test. hostmaster.lab.test. 1 3600 900 604800 300\n. NS ns1.lab.test.\nlab.test. NS ns1.lab.test.\nns1.lab.test. A ${KNOT_ADDRESS}\nspamhaus.org. NS ns1.lab.test.\n53.0.127.in-addr.arpa. NS ns1.lab.test.\n`,
  'signed.lab.test': `${soa('signed.lab.test')}www A 127.0.53.80\n`,
  'expiring.lab.test': `${soa('expiring.lab.test')}www A 127.0.53.80\n`,
  'wrongds.lab.test': `${soa('wrongds.lab.test')}www A 127.0.53.80\n`,
  'unsigned.lab.test': `${soa('unsigned.lab.test')}www A 127.0.53.80\n`,
  'mail.lab.test': `${soa('mail.lab.test')}@ MX 10 mx.mail.lab.test.
mx A 127.0.53.25
@ TXT "v=spf1 mx ip4:127.0.53.25 include:_spf.mail.lab.test -all"
_spf TXT "v=spf1 ip4:127.0.53.26 ~all"
_dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@mail.lab.test"
s1._domainkey TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
`,
  'bad.lab.test': `${soa('bad.lab.test')}@ MX 10 mx.bad.lab.test.
@ MX 20 gone.bad.lab.test.
mx A 127.0.53.26
@ TXT "v=spf1 a mx include:a.bad.lab.test include:b.bad.lab.test include:c.bad.lab.test include:d.bad.lab.test include:e.bad.lab.test include:f.bad.lab.test include:g.bad.lab.test include:h.bad.lab.test include:i.bad.lab.test -all"
@ TXT "v=spf1 -all"
many TXT "v=spf1 a mx include:a.bad.lab.test include:b.bad.lab.test include:c.bad.lab.test include:d.bad.lab.test include:e.bad.lab.test include:f.bad.lab.test include:g.bad.lab.test include:h.bad.lab.test include:i.bad.lab.test -all"
_dmarc TXT "v=DMARC1; p=none"
s1._domainkey TXT "v=DKIM1; k=rsa; p="
`,
  '53.0.127.in-addr.arpa': `${soa('53.0.127.in-addr.arpa')}25 PTR mx.mail.lab.test.\n26 PTR mx.elsewhere.lab.test.\n`,
  'zen.spamhaus.org': `${soa('zen.spamhaus.org')}2.0.0.127 A 127.0.0.2
2.0.0.127 A 127.0.0.4
2.0.0.127 A 127.0.0.10
2.0.0.127 TXT "https://www.spamhaus.org/sbl/query/SBL2"
2.0.0.127 TXT "https://www.spamhaus.org/query/ip/127.0.0.2"
9.0.0.127 A 127.255.255.254
2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 A 127.0.0.3
`,
  // A Spamhaus DQS zone for the key `labkey` (the tests' DQS key).
  'labkey.zen.dq.spamhaus.net': `${soa('labkey.zen.dq.spamhaus.net')}2.0.0.127 A 127.0.0.2\n`,
  'dbl.spamhaus.org': `${soa('dbl.spamhaus.org')}dbltest.com A 127.0.1.2\ndbltest.com TXT "https://www.spamhaus.org/query/domain/dbltest.com"\n`,
});

function labTest(KNOT_ADDRESS: string, ds: string): string {
  const deleg = ['signed', 'expiring', 'wrongds', 'unsigned', 'mail', 'bad']
    .map((z) => `${z} NS ns1.lab.test.\n`)
    .join('');
  return `${soa('lab.test', 2)}ns1 A ${KNOT_ADDRESS}\n${deleg}${ds}`;
}

function config(KNOT_ADDRESS: string, dir: string, port: number): string {
  const names = [...Object.keys(zones(KNOT_ADDRESS)), 'lab.test']
    .map((z) => {
      const policy = z === 'expiring.lab.test' ? 'short' : 'normal';
      const signing = (SIGNED as readonly string[]).includes(z)
        ? `\n    dnssec-signing: on\n    dnssec-policy: ${policy}`
        : '';
      return `  - domain: ${z}\n    file: ${z === '.' ? 'root' : z}.zone${signing}`;
    })
    .join('\n');
  return `server:
    rundir: ${dir}
    listen: ${KNOT_ADDRESS}@${port}
database:
    storage: ${dir}/db
control:
    listen: ${dir}/knot.sock
log:
  - target: stderr
    any: warning
policy:
  - id: normal
    algorithm: ecdsap256sha256
    rrsig-lifetime: 14d
    rrsig-refresh: 7d
  - id: short
    algorithm: ecdsap256sha256
    rrsig-lifetime: 84h
    rrsig-refresh: 3h
template:
  - id: default
    storage: ${dir}/zones
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
${names}
`;
}

/** Fails (never skips) when Knot is missing or the test does not run as root. */
export function requireKnot(): void {
  for (const bin of [KNOTD, '/usr/sbin/keymgr', '/usr/sbin/knotc', '/usr/bin/kdig'])
    if (!existsSync(bin)) throw new Error(`${bin} is missing: the DNS tests need Knot. Run: ${INSTALL_HINT}`);
  if (process.getuid?.() !== 0)
    throw new Error(
      'the Knot lab listens on 127.0.53.1:53 (zonemaster-cli speaks to port 53 only): run as root',
    );
}

export async function startKnotLab(address = KNOT_ADDRESS): Promise<KnotLab> {
  const KNOT_ADDRESS = address;
  requireKnot();
  const port = 53;
  const dir = mkdtempSync(join(tmpdir(), 'ronde-knot-'));
  mkdirSync(join(dir, 'zones'));
  mkdirSync(join(dir, 'db'));
  for (const [zone, text] of Object.entries(zones(KNOT_ADDRESS)))
    writeFileSync(join(dir, 'zones', `${zone === '.' ? 'root' : zone}.zone`), text);
  writeFileSync(join(dir, 'zones', 'lab.test.zone'), labTest(KNOT_ADDRESS, ''));
  const conf = join(dir, 'knot.conf');
  writeFileSync(conf, config(KNOT_ADDRESS, dir, port));
  const hintsFile = join(dir, 'hints.zone');
  writeFileSync(hintsFile, `. 3600000 NS ns1.lab.test.\nns1.lab.test. 3600000 A ${KNOT_ADDRESS}\n`);

  const child = spawn(KNOTD, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-8000);
  });
  const kdig = (...args: string[]): string =>
    execFileSync('/usr/bin/kdig', [`@${KNOT_ADDRESS}`, '-p', String(port), '+time=2', '+retry=0', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Signing happens at load: wait until every signed zone answers its SOA with a signature.
    for (const z of SIGNED)
      await until(
        () => /\bRRSIG\b/.test(kdig('+dnssec', 'SOA', `${z}.`)),
        child,
        () => log,
      );
    // The parent's DS: the real one for signed. and expiring., one of signed.'s with a changed digest for wrongds.
    const ds = (z: string) =>
      execFileSync('/usr/sbin/keymgr', ['-c', conf, `${z}.`, 'ds'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => / DS \d+ \d+ 2 /.test(l));
    const real = [...ds('signed.lab.test'), ...ds('expiring.lab.test')];
    const wrong = ds('wrongds.lab.test').map((l) =>
      l.replace(/([0-9A-F])(\s*)$/i, (_m, c: string) => `${c === '0' ? '1' : '0'}`),
    );
    writeFileSync(
      join(dir, 'zones', 'lab.test.zone'),
      labTest(KNOT_ADDRESS, `${[...real, ...wrong].join('\n')}\n`),
    );
    execFileSync('/usr/sbin/knotc', ['-s', join(dir, 'knot.sock'), 'zone-reload', 'lab.test.'], {
      stdio: 'pipe',
    });
    await until(
      () => kdig('+short', 'DS', 'wrongds.lab.test.').trim() !== '',
      child,
      () => log,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { address: KNOT_ADDRESS, port, server: KNOT_ADDRESS, dir, hintsFile, kdig, stop };
}

async function until(ok: () => boolean, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`knotd exited with ${child.exitCode}: ${log()}`);
    try {
      if (ok()) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`knotd not ready after 30 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
