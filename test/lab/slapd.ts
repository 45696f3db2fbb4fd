import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real OpenLDAP server (Debian's slapd 2.5) for the LDAP tests, on loopback
 * only: 127.0.61.N (default .1) and a free port, with its own cn=config
 * (written as LDIF, loaded with `slapadd -n0`) and mdb database in a fresh
 * temp dir. Nothing of /etc/ldap/slapd.d is read or changed.
 *
 * Overlays on the database, for what an access review reads:
 * - `ppolicy` (no default policy): keeps `pwdChangedTime` when a password is
 *   set through LDAP, and `pwdAccountLockedTime` / `pwdFailureTime`.
 * - `lastbind` (contrib module shipped by Debian): writes `authTimestamp` on
 *   every successful simple bind (precision 0), the "last login" of an account.
 * The seed LDIF goes in with `slapadd -n1` before slapd starts, so it may carry
 * operational attributes (`authTimestamp`, `pwdChangedTime`, `createTimestamp`)
 * to backdate accounts; later changes go through `add()` / `modify()`
 * (ldapadd/ldapmodify as the root DN), which the overlays see like any client.
 */
export const SLAPD = '/usr/sbin/slapd';
export const INSTALL_HINT =
  "echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections && apt-get install -y slapd ldap-utils";

export interface SlapdLab {
  /** `ldap://127.0.61.N:PORT` */
  url: string;
  suffix: string;
  /** Its temp dir (config, database, pid file); removed by stop(). */
  dir: string;
  /** The database's root DN (`cn=admin,<suffix>`): may read and write everything. */
  bindDn: string;
  /** Its password, in clear (the rootpw of a throw-away server). */
  password: string;
  /** Adds entries (an LDIF text) through LDAP as the root DN. */
  add(ldif: string): Promise<void>;
  /** Applies an LDIF of `changetype: modify`/`delete` records as the root DN. */
  modify(ldif: string): Promise<void>;
  /** A simple bind as `dn`; resolves true when accepted (and lastbind stamps the entry). */
  bind(dn: string, password: string): Promise<boolean>;
  /** `ldapsearch` output (LDIF) as the root DN, operational attributes included. */
  search(filter: string, ...attrs: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Fails (never skips) when slapd or ldap-utils are missing, with the line that installs them. */
export function requireSlapd(): void {
  for (const bin of [SLAPD, '/usr/sbin/slapadd', '/usr/bin/ldapwhoami', '/usr/lib/ldap/lastbind.so'])
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: the LDAP tests need slapd. Run: ${INSTALL_HINT}`);
}

export async function startSlapd(opts: {
  /** e.g. `dc=lab,dc=test`. */
  suffix: string;
  /** Seed entries, the suffix entry included; loaded with slapadd (operational attributes allowed). */
  ldif: string;
  /** Loopback address of this lab (default 127.0.61.1); each test file may take its own. */
  address?: string;
  password?: string;
  /** Serve StartTLS (RFC 4513) with this PEM certificate and key: tls.endpoint's LDAP tests. */
  tls?: { cert: string; key: string };
}): Promise<SlapdLab> {
  requireSlapd();
  const address = opts.address ?? '127.0.61.1';
  const password = opts.password ?? 'lab-root-secret';
  const suffix = opts.suffix;
  const bindDn = `cn=admin,${suffix}`;
  const dir = mkdtempSync(join(tmpdir(), 'ronde-slapd-'));
  const confDir = join(dir, 'slapd.d');
  const dbDir = join(dir, 'db');
  mkdirSync(confDir);
  mkdirSync(dbDir);
  const configLdif = join(dir, 'config.ldif');
  writeFileSync(
    configLdif,
    configText({ dir, dbDir, suffix, bindDn, password, ...(opts.tls ? { tls: opts.tls } : {}) }),
  );
  const seed = join(dir, 'seed.ldif');
  writeFileSync(seed, `${opts.ldif.trimEnd()}\n\n${policyLdif(suffix)}`);
  try {
    run('/usr/sbin/slapadd', ['-n0', '-F', confDir, '-l', configLdif]);
    // -q: no consistency checks beyond the schema (fast); -w: contextCSN, harmless.
    run('/usr/sbin/slapadd', ['-q', '-n1', '-F', confDir, '-l', seed]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let proc: ChildProcess | undefined;
  let url = '';
  let lastErr = '';
  // A free port can be taken between our probe and slapd's bind: retry a few times.
  for (let attempt = 0; attempt < 5 && !proc; attempt++) {
    const port = await freePort(address);
    url = `ldap://${address}:${port}`;
    // -d 0: stay in the foreground (so the child is slapd itself) without debug output.
    const p = spawn(SLAPD, ['-d', '0', '-F', confDir, '-h', `${url}/`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    if (await waitBind(url, bindDn, password, p, 20_000)) proc = p;
    else {
      p.kill('SIGKILL');
      lastErr = stderr;
    }
  }
  if (!proc) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`lab slapd on ${address} did not start: ${lastErr.trim()}`);
  }
  const child = proc;
  const tool = (bin: string, args: string[], input?: string) =>
    runAsync(bin, ['-x', '-H', url, '-D', bindDn, '-w', password, ...args], input);

  return {
    url,
    suffix,
    dir,
    bindDn,
    password,
    add: async (ldif) => void (await tool('/usr/bin/ldapadd', [], ldif)),
    modify: async (ldif) => void (await tool('/usr/bin/ldapmodify', [], ldif)),
    bind: (dn, pw) => whoami(url, dn, pw),
    search: (filter, ...attrs) => tool('/usr/bin/ldapsearch', ['-LLL', '-b', suffix, filter, ...attrs]),
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // slapd shuts down cleanly on TERM (closes the mdb environment).
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function configText(c: {
  dir: string;
  dbDir: string;
  suffix: string;
  bindDn: string;
  password: string;
  tls?: { cert: string; key: string };
}): string {
  const schema = ['core', 'cosine', 'nis', 'inetorgperson'].map(
    (s) => `include: file:///etc/ldap/schema/${s}.ldif`,
  );
  return `${[
    'dn: cn=config',
    'objectClass: olcGlobal',
    'cn: config',
    `olcPidFile: ${join(c.dir, 'slapd.pid')}`,
    `olcArgsFile: ${join(c.dir, 'slapd.args')}`,
    ...(c.tls ? [`olcTLSCertificateFile: ${c.tls.cert}`, `olcTLSCertificateKeyFile: ${c.tls.key}`] : []),
    '',
    'dn: cn=module{0},cn=config',
    'objectClass: olcModuleList',
    'cn: module{0}',
    'olcModulePath: /usr/lib/ldap',
    'olcModuleLoad: back_mdb',
    'olcModuleLoad: ppolicy',
    'olcModuleLoad: lastbind',
    '',
    'dn: cn=schema,cn=config',
    'objectClass: olcSchemaConfig',
    'cn: schema',
    '',
    ...schema.flatMap((l) => [l, '']),
    'dn: olcDatabase={-1}frontend,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcFrontendConfig',
    'olcDatabase: {-1}frontend',
    '',
    'dn: olcDatabase={0}config,cn=config',
    'objectClass: olcDatabaseConfig',
    'olcDatabase: {0}config',
    'olcAccess: {0}to * by * none',
    '',
    'dn: olcDatabase={1}mdb,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcMdbConfig',
    'olcDatabase: {1}mdb',
    `olcSuffix: ${c.suffix}`,
    `olcRootDN: ${c.bindDn}`,
    `olcRootPW: ${c.password}`,
    `olcDbDirectory: ${c.dbDir}`,
    'olcDbMaxSize: 67108864',
    'olcDbIndex: objectClass eq',
    'olcDbIndex: uid,cn,member,memberUid eq',
    // Passwords: a user may change their own and bind with it; nobody reads them.
    'olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none',
    // Bound users (a service account, a logged-in user) read the directory; anonymous nothing.
    'olcAccess: {1}to * by users read by * none',
    '',
    `dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config`,
    'objectClass: olcOverlayConfig',
    'objectClass: olcPPolicyConfig',
    'olcOverlay: {0}ppolicy',
    `olcPPolicyDefault: cn=default,ou=policies,${c.suffix}`,
    '',
    `dn: olcOverlay={1}lastbind,olcDatabase={1}mdb,cn=config`,
    'objectClass: olcOverlayConfig',
    'objectClass: olcLastBindConfig',
    'olcOverlay: {1}lastbind',
    'olcLastBindPrecision: 0',
    '',
  ].join('\n')}\n`;
}

/**
 * The default password policy: no lockout, no quality rule; ppolicy writes
 * pwdChangedTime only when an age is set, so a maximum age of ten years.
 */
function policyLdif(suffix: string): string {
  return `dn: ou=policies,${suffix}
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,${suffix}
objectClass: organizationalRole
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdMaxAge: 315360000
`;
}

function run(bin: string, args: string[]): void {
  try {
    execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr?.toString().trim() || err.message}`);
  }
}

function runAsync(bin: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function whoami(url: string, dn: string, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('/usr/bin/ldapwhoami', ['-x', '-H', url, '-D', dn, '-w', password], { timeout: 10_000 }, (err) =>
      resolve(!err),
    );
  });
}

/** Ready when the root DN can bind; false if slapd exited or time ran out. */
async function waitBind(
  url: string,
  dn: string,
  pw: string,
  proc: ChildProcess,
  ms: number,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null || proc.signalCode !== null) return false;
    if (await whoami(url, dn, pw)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, address, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
