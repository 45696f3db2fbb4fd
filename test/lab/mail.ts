import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real Postfix and Dovecot (Debian) on loopback, each with its own configuration
 * directory in a temp dir (nothing of /etc/postfix or /etc/dovecot is read or changed),
 * with certificates from a throw-away test CA:
 *
 *   Postfix  127.0.53.25:25     STARTTLS, certificate for mail.lab.test expiring in 3 days
 *   Dovecot  127.0.53.143:143   IMAP STARTTLS, 127.0.53.143:110 POP3 STLS, 127.0.53.143:993 IMAPS:
 *            certificate for other.lab.test (a wrong name when asked as mail.lab.test), 90 days
 *
 * Root is needed (ports below 1024; both daemons drop to their own users).
 */
export const POSTFIX_ADDRESS = '127.0.53.25';
export const DOVECOT_ADDRESS = '127.0.53.143';
export const INSTALL_HINT = 'apt-get install -y postfix dovecot-imapd dovecot-pop3d openssl';

export interface TestCa {
  dir: string;
  caFile: string;
  /** Issues a certificate (ECDSA P-256, SHA-256) for these DNS names, valid `days`. */
  issue(name: string, dnsNames: string[], days: number): { cert: string; key: string };
}

export function makeTestCa(dir: string): TestCa {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.crt');
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // biome-ignore format: one option and its value per pair
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', caKey, '-out', caFile, '-days', '30', '-subj', '/CN=ronde test CA', '-sha256');
  return {
    dir,
    caFile,
    issue(name, dnsNames, days) {
      const key = join(dir, `${name}.key`);
      const csr = join(dir, `${name}.csr`);
      const cert = join(dir, `${name}.crt`);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(
        ext,
        `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`,
      );
      // biome-ignore format: one option and its value per pair
      ssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', key, '-out', csr, '-subj', `/CN=${dnsNames[0]}`);
      // biome-ignore format: one option and its value per pair
      ssl('x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial',
        '-out', cert, '-days', String(days), '-sha256', '-extfile', ext);
      return { cert, key };
    },
  };
}

export interface MailLab {
  ca: TestCa;
  smtp: { host: string; port: number; certFile: string };
  imap: { host: string; port: number; certFile: string };
  pop3: { host: string; port: number };
  imaps: { host: string; port: number };
  stop(): Promise<void>;
}

export function requireMailLab(): void {
  for (const bin of ['/usr/sbin/postfix', '/usr/sbin/dovecot', '/usr/bin/openssl'])
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: the TLS endpoint tests need it. Run: ${INSTALL_HINT}`);
  if (process.getuid?.() !== 0)
    throw new Error('the mail lab listens on ports 25, 110, 143, 993: run as root');
}

export async function startMailLab(): Promise<MailLab> {
  requireMailLab();
  const dir = mkdtempSync(join(tmpdir(), 'ronde-mail-'));
  // Postfix's master writes its lock as the postfix user, dovecot's logins run as dovenull.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const pf = join(dir, 'postfix');
  const dv = join(dir, 'dovecot');
  const stop = async (): Promise<void> => {
    try {
      execFileSync('/usr/sbin/postfix', ['-c', pf, 'stop'], { stdio: 'ignore' });
    } catch {
      // not started
    }
    for (const c of children)
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGTERM');
        await new Promise((r) => c.once('exit', r));
      }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ca = makeTestCa(dir);
    const smtpCert = ca.issue('smtp', ['mail.lab.test'], 3);
    const imapCert = ca.issue('imap', ['other.lab.test'], 90);
    for (const f of [smtpCert.key, imapCert.key]) chownSync(f, 0, 0);

    mkdirSync(join(pf, 'queue'), { recursive: true });
    mkdirSync(join(pf, 'data'));
    chownSync(join(pf, 'data'), uidOf('postfix'), 0);
    writeFileSync(
      join(pf, 'main.cf'),
      `compatibility_level = 3.6
queue_directory = ${pf}/queue
data_directory = ${pf}/data
mail_owner = postfix
setgid_group = postdrop
# the master.cf service names its own address; this one only has to exist on lo
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.lab.test
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
smtp_dns_support_level = disabled
smtpd_tls_cert_file = ${smtpCert.cert}
smtpd_tls_key_file = ${smtpCert.key}
smtpd_tls_security_level = may
maillog_file_prefixes = ${dir}
maillog_file = ${pf}/maillog
`,
    );
    // Debian's master.cf, chroot off (no copy of /etc into a jail), smtpd on the lab address.
    const master = readFileSync('/etc/postfix/master.cf', 'utf8')
      .split('\n')
      .map((l) => {
        const f = l.split(/\s+/);
        if (/^[a-z]/.test(l) && f.length >= 8) f[4] = 'n';
        if (f[0] === 'smtp' && f[1] === 'inet') f[0] = `${POSTFIX_ADDRESS}:25`;
        return /^[a-z]/.test(l) ? f.join(' ') : l;
      })
      .join('\n');
    writeFileSync(join(pf, 'master.cf'), master);
    execFileSync('/usr/sbin/postfix', ['-c', pf, 'check'], { stdio: 'pipe' });
    children.push(spawn('/usr/sbin/postfix', ['-c', pf, 'start-fg'], { stdio: 'ignore' }));

    mkdirSync(join(dv, 'run'), { recursive: true });
    writeFileSync(
      join(dv, 'dovecot.conf'),
      `base_dir = ${dv}/run
state_dir = ${dv}/state
log_path = ${dv}/dovecot.log
protocols = imap pop3
listen = ${DOVECOT_ADDRESS}
ssl = yes
ssl_cert = <${imapCert.cert}
ssl_key = <${imapCert.key}
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = static
  args = password=never-used
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dv}/home
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = 143
  }
  inet_listener imaps {
    port = 993
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 110
  }
  inet_listener pop3s {
    port = 0
  }
}
`,
    );
    children.push(
      spawn('/usr/sbin/dovecot', ['-F', '-c', join(dv, 'dovecot.conf')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    for (const [h, p] of [
      [POSTFIX_ADDRESS, 25],
      [DOVECOT_ADDRESS, 143],
      [DOVECOT_ADDRESS, 110],
      [DOVECOT_ADDRESS, 993],
    ] as const)
      await listening(h, p, children, () => `${tail(join(pf, 'maillog'))}\n${tail(join(dv, 'dovecot.log'))}`);
    return {
      ca,
      smtp: { host: POSTFIX_ADDRESS, port: 25, certFile: smtpCert.cert },
      imap: { host: DOVECOT_ADDRESS, port: 143, certFile: imapCert.cert },
      pop3: { host: DOVECOT_ADDRESS, port: 110 },
      imaps: { host: DOVECOT_ADDRESS, port: 993 },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
}

/** Waits until the port accepts a connection (the daemon's own readiness). */
async function listening(
  host: string,
  port: number,
  children: ChildProcess[],
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, host, () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    const dead = children.find((c) => c.exitCode !== null && c.exitCode !== 0);
    if (dead || Date.now() > deadline)
      throw new Error(
        `${host}:${port} not listening (${dead ? `exit ${dead.exitCode}` : 'after 30 s'}):\n${log()}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
