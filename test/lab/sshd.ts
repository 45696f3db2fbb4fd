import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Real OpenSSH servers for the SSH tests, on loopback only: sshd number N
 * listens on 127.0.20.N on a free port, with its own host keys (generated
 * here), authorized key, pid file and a VERBOSE log the tests read to count
 * connections server-side. Nothing of the machine's own sshd is used.
 */
export const SSHD = '/usr/sbin/sshd';
export const INSTALL_HINT = 'apt-get install -y openssh-server openssh-client';

export type LabKeyType = 'ed25519' | 'rsa' | 'ecdsa';

export interface LabSshHost {
  index: number;
  address: string;
  port: number;
  dir: string;
  logFile: string;
  /** `type base64` of each host key, as in known_hosts. */
  hostKeys: Record<LabKeyType, string>;
  /** A known_hosts line for this host (only the given key type). */
  knownHostsLine(type?: LabKeyType): string;
  /** Connections this sshd accepted, from its own log. */
  connectionCount(): number;
  log(): string;
}

export interface LabSshd {
  dir: string;
  user: string;
  hosts: LabSshHost[];
  /** Authorized on every host. */
  clientKey: string;
  /** A valid key that no host authorizes. */
  wrongKey: string;
  /** Writes a known_hosts file with these lines and returns its path. */
  knownHosts(name: string, lines: string[]): string;
  stop(): Promise<void>;
}

/** Fails (never skips) when OpenSSH is missing, with the line that installs it. */
export function requireSshd(): void {
  for (const bin of [SSHD, '/usr/bin/ssh-keygen'])
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: the SSH tests need OpenSSH. Run: ${INSTALL_HINT}`);
}

export async function startLabSshd(
  opts: {
    hosts?: number;
    firstIndex?: number;
    keyTypes?: readonly LabKeyType[];
    /** Login user (default: the current one); an account with a plain /bin/sh skips a heavy ~/.bashrc. */
    user?: string;
    /** Third octet of the first address (default 20: 127.0.20.x); a test's own loopback range. */
    addressBase?: number;
    /** AuthorizedKeysFile patterns read before the lab's shared file (which holds the client key). */
    authorizedKeysFiles?: readonly string[];
  } = {},
): Promise<LabSshd> {
  requireSshd();
  const dir = mkdtempSync(join(tmpdir(), 'ronde-sshd-'));
  const user = opts.user ?? userInfo().username;
  if (opts.user) {
    ensureUser(opts.user);
    // sshd reads authorized_keys as the user: it must be able to reach it.
    chmodSync(dir, 0o755);
  }
  // Privilege separation directory; sshd refuses to start without it.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const clientKey = keygen(join(dir, 'client_ed25519'), 'ed25519');
  const wrongKey = keygen(join(dir, 'wrong_ed25519'), 'ed25519');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  const procs: ChildProcess[] = [];
  const hosts: LabSshHost[] = [];
  try {
    for (let i = 0; i < (opts.hosts ?? 1); i++) {
      const index = (opts.firstIndex ?? 1) + i;
      const h = await startOne(
        dir,
        index,
        user,
        opts.keyTypes ?? ['ed25519', 'rsa', 'ecdsa'],
        opts.addressBase,
        opts.authorizedKeysFiles ?? [],
      );
      procs.push(h.proc);
      hosts.push(h.host);
    }
  } catch (err) {
    for (const p of procs) p.kill('SIGTERM');
    throw err;
  }
  return {
    dir,
    user,
    hosts,
    clientKey,
    wrongKey,
    knownHosts(name, lines) {
      const p = join(dir, name);
      writeFileSync(p, lines.map((l) => `${l}\n`).join(''));
      return p;
    },
    async stop() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve();
              p.once('exit', () => resolve());
              p.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a system account with /bin/sh (as root) when missing; `*` password: not locked, no password login. */
function ensureUser(name: string): void {
  const exists = () => spawnSync('getent', ['passwd', name]).status === 0;
  if (exists()) return;
  if (process.getuid?.() !== 0)
    throw new Error(`lab user ${name} is missing; as root: useradd -r -m -s /bin/sh -p '*' ${name}`);
  const r = spawnSync('useradd', ['-r', '-m', '-s', '/bin/sh', '-p', '*', name]);
  // Another test file may have created it at the same moment.
  if (r.status !== 0 && !exists()) throw new Error(`useradd ${name} failed: ${r.stderr}`);
}

function keygen(path: string, type: LabKeyType): string {
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', 'ronde-lab', '-f', path]);
  return path;
}

/** Host N on 127.0.20.N (or `base` for 20); past 254 hosts the next /24 (127.0.21.1…), for the scale benchmark. */
export function labAddress(index: number, base = 20): string {
  return `127.0.${base + Math.floor((index - 1) / 254)}.${((index - 1) % 254) + 1}`;
}

async function startOne(
  root: string,
  index: number,
  user: string,
  keyTypes: readonly LabKeyType[],
  base?: number,
  keysFiles: readonly string[] = [],
): Promise<{ proc: ChildProcess; host: LabSshHost }> {
  const address = labAddress(index, base);
  const dir = join(root, `host${index}`);
  mkdirSync(dir);
  const hostKeys = {} as Record<LabKeyType, string>;
  for (const t of keyTypes) {
    const k = keygen(join(dir, `ssh_host_${t}_key`), t);
    hostKeys[t] = readFileSync(`${k}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  }
  const logFile = join(dir, 'sshd.log');
  let lastErr = '';
  // A free port can be taken between our probe and sshd's bind: retry a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort(address);
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `ListenAddress ${address}:${port}`,
        ...keyTypes.map((t) => `HostKey ${join(dir, `ssh_host_${t}_key`)}`),
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${[...keysFiles, join(root, 'authorized_keys')].join(' ')}`,
        `AllowUsers ${user}`,
        'UsePAM no',
        'StrictModes no',
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'AllowTcpForwarding yes',
        'X11Forwarding no',
        'PrintMotd no',
        'MaxStartups 100',
        'LoginGraceTime 30',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    const proc = spawn(SSHD, ['-D', '-E', logFile, '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const ok = await waitBanner(address, port, proc, 10_000);
    if (ok) {
      const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
      return {
        proc,
        host: {
          index,
          address,
          port,
          dir,
          logFile,
          hostKeys,
          knownHostsLine: (type = 'ed25519') => `[${address}]:${port} ${hostKeys[type]}`,
          // Our readiness probe is one connection: subtract it.
          connectionCount: () => (log().match(/^Connection from .* on /gm)?.length ?? 1) - 1,
          log,
        },
      };
    }
    proc.kill('SIGKILL');
    lastErr = `${stderr}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`.trim();
  }
  throw new Error(`lab sshd on ${address} did not start: ${lastErr.slice(-2000)}`);
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

/** Ready when the port sends an `SSH-2.0-` banner; false if sshd exited or time ran out. */
async function waitBanner(address: string, port: number, proc: ChildProcess, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null || proc.signalCode !== null) return false;
    const got = await new Promise<boolean>((resolve) => {
      const sock: Socket = connect({ host: address, port });
      const done = (v: boolean) => {
        sock.destroy();
        resolve(v);
      };
      sock.once('data', (d: Buffer) => done(d.toString().startsWith('SSH-')));
      sock.once('error', () => done(false));
      sock.setTimeout(1000, () => done(false));
    });
    if (got) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A TCP listener that accepts and never says a word (a hung service, a firewall's tarpit). */
export function silentListener(
  address = '127.0.20.250',
): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<Socket>();
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    });
    server.once('error', reject);
    server.listen(0, address, () =>
      resolve({
        port: (server.address() as { port: number }).port,
        server,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    );
  });
}
