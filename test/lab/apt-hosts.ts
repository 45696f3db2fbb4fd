import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Debian hosts for real upgrades, on loopback 127.0.62.N: each is an sshd
 * (root login, its own host keys) running as PID 1 of its own mount and PID
 * namespaces (`unshare -m -p -f`), where per-host directories are bind-mounted
 * over everything dpkg and apt use: /var/lib/dpkg, /var/lib/apt,
 * /var/cache/apt, /etc/apt, /var/log (apt's and dpkg's logs), /srv (where the
 * dummy packages install), /run (reboot-required), /root (no ~/.bashrc) and
 * /usr/local/sbin (the lab's `reboot`). Directories only: dpkg and apt
 * replace files by rename, which a bind-mounted file would not survive.
 * Nothing of the real machine's dpkg state is read or written.
 *
 * A "reboot" is the lab's `reboot` on the host's PATH: it ends the namespace's
 * PID 1 (sshd), which ends every process of the host; the lab then clears its
 * /run, gives it a new boot id (bind-mounted over
 * /proc/sys/kernel/random/boot_id) and starts sshd again on the same address,
 * port and host key — unless the host was told to never come back.
 *
 * The repository is built here with dpkg-deb and reprepro: dummy packages
 * v1 (installed at start) → v2 (in the repository):
 *   ronde-lab-kernel  v2's postinst drops /run/reboot-required
 *   ronde-lab-conf    a conffile /srv/ronde-lab/etc/lab.conf that changes
 *   ronde-lab-sec     v2 in the `lab-security` suite (label ronde-lab-Security)
 *   ronde-lab-held    held on a host that asks for it (`apt-mark hold`)
 */

export const INSTALL_HINT = 'apt-get install -y openssh-server openssh-client reprepro';
const SSHD = '/usr/sbin/sshd';
const MASKED: readonly [string, string][] = [
  ['/var/lib/dpkg', 'dpkg'],
  ['/var/lib/apt', 'aptlib'],
  ['/var/cache/apt', 'aptcache'],
  ['/etc/apt', 'etcapt'],
  ['/var/log', 'log'],
  ['/srv', 'srv'],
  ['/run', 'run'],
  ['/root', 'root'],
  ['/usr/local/sbin', 'sbin'],
];

export interface AptHost {
  index: number;
  name: string;
  address: string;
  port: number;
  dir: string;
  knownHostsLine: string;
  /** Reboots done (sshd came back). */
  reboots: number;
  /** The next reboot never comes back. */
  neverReturn: boolean;
  /** Runs argv inside the host's namespaces (setup and assertions), as root. */
  exec(argv: string[]): string;
  /** The file as the host sees it (a path under one of the masked directories). */
  read(path: string): string;
}

export interface AptLab {
  dir: string;
  repo: string;
  clientKey: string;
  hosts: AptHost[];
  knownHosts: string;
  stop(): Promise<void>;
}

/** Fails (never skips) without root or the tools: namespaces and dpkg need root. */
export function requireAptLab(): void {
  if (process.getuid?.() !== 0)
    throw new Error('the upgrade lab needs root (mount namespaces, dpkg): run the tests as root');
  for (const bin of [
    SSHD,
    '/usr/bin/ssh-keygen',
    '/usr/bin/reprepro',
    '/usr/bin/unshare',
    '/usr/bin/dpkg-deb',
  ])
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: the upgrade lab needs it. Run: ${INSTALL_HINT}`);
}

function control(name: string, version: string, extra = ''): string {
  return (
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nSection: misc\nPriority: optional\n` +
    `Maintainer: ronde lab <lab@localhost>\nDescription: ronde upgrade lab package\n${extra}`
  );
}

/** Builds the .debs (v1 and v2) and the repository (v2) once, under `dir`. */
export function buildRepository(dir: string): { repo: string; v1: string[] } {
  const debs = join(dir, 'debs');
  mkdirSync(debs, { recursive: true });
  const make = (
    name: string,
    version: string,
    files: Record<string, string>,
    debian: Record<string, string>,
  ) => {
    const root = join(debs, `${name}-${version}`);
    for (const [path, text] of Object.entries({ ...files, ...prefix(debian, 'DEBIAN/') })) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text, { mode: path.endsWith('inst') ? 0o755 : 0o644 });
    }
    const out = `${root}.deb`;
    execFileSync('dpkg-deb', ['-Zgzip', '--root-owner-group', '--build', root, out], { stdio: 'ignore' });
    return out;
  };
  const v1: string[] = [];
  const v2: string[] = [];
  for (const version of ['1', '2']) {
    const list = version === '1' ? v1 : v2;
    list.push(
      make(
        'ronde-lab-kernel',
        version,
        { 'srv/ronde-lab/kernel/VERSION': `${version}\n` },
        {
          control: control('ronde-lab-kernel', version),
          ...(version === '2'
            ? {
                postinst:
                  '#!/bin/sh\nset -e\n# Like a kernel package: the host must boot into it.\n' +
                  'if [ "$1" = configure ]; then touch /run/reboot-required; ' +
                  'echo ronde-lab-kernel >> /run/reboot-required.pkgs; fi\n',
              }
            : {}),
        },
      ),
      make(
        'ronde-lab-conf',
        version,
        { 'srv/ronde-lab/etc/lab.conf': `setting=${version}\n` },
        {
          control: control('ronde-lab-conf', version),
          conffiles: '/srv/ronde-lab/etc/lab.conf\n',
        },
      ),
      make(
        'ronde-lab-held',
        version,
        { 'srv/ronde-lab/held/VERSION': `${version}\n` },
        {
          control: control('ronde-lab-held', version),
        },
      ),
    );
  }
  const sec1 = make(
    'ronde-lab-sec',
    '1',
    { 'srv/ronde-lab/sec/VERSION': '1\n' },
    { control: control('ronde-lab-sec', '1') },
  );
  const sec2 = make(
    'ronde-lab-sec',
    '2',
    { 'srv/ronde-lab/sec/VERSION': '2\n' },
    { control: control('ronde-lab-sec', '2') },
  );
  v1.push(sec1);
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, 'conf'), { recursive: true });
  writeFileSync(
    join(repo, 'conf/distributions'),
    'Codename: lab\nSuite: lab\nOrigin: ronde-lab\nLabel: ronde-lab\nArchitectures: amd64\nComponents: main\n\n' +
      'Codename: lab-security\nSuite: lab-security\nOrigin: ronde-lab\nLabel: ronde-lab-Security\n' +
      'Architectures: amd64\nComponents: main\n',
  );
  execFileSync('reprepro', ['-b', repo, 'includedeb', 'lab', ...v2], { stdio: 'ignore' });
  execFileSync('reprepro', ['-b', repo, 'includedeb', 'lab-security', sec2], { stdio: 'ignore' });
  return { repo, v1 };
}

function prefix(o: Record<string, string>, p: string): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}${k}`, v]));
}

export async function startAptLab(opts: { hosts: number; firstIndex?: number }): Promise<AptLab> {
  requireAptLab();
  const dir = mkdtempSync(join(tmpdir(), 'ronde-apt-lab-'));
  const { repo, v1 } = buildRepository(dir);
  const clientKey = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ronde-lab', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  const inner = join(dir, 'inner.sh');
  writeFileSync(
    inner,
    [
      '#!/bin/sh',
      '# Runs inside the host namespaces: masks what dpkg and apt use, then execs the command.',
      'set -e',
      'H=$1; shift',
      ...MASKED.map(([path, sub]) => `mount --bind "$H/${sub}" ${path}`),
      'mount --bind "$H/boot_id" /proc/sys/kernel/random/boot_id',
      'exec "$@"',
      '',
    ].join('\n'),
  );
  const procs = new Map<number, ChildProcess>();
  let stopping = false;
  const hosts: AptHost[] = [];

  const boot = async (h: AptHost): Promise<void> => {
    // What a boot clears: /run (reboot-required included); and a new boot id.
    rmSync(join(h.dir, 'run'), { recursive: true, force: true });
    mkdirSync(join(h.dir, 'run/sshd'), { recursive: true, mode: 0o755 });
    writeFileSync(join(h.dir, 'boot_id'), `${randomUUID()}\n`);
    const p = spawn(
      'unshare',
      [
        '-m',
        '-p',
        '-f',
        '--mount-proc',
        '--kill-child',
        'sh',
        inner,
        h.dir,
        SSHD,
        '-D',
        '-f',
        join(h.dir, 'sshd_config'),
        '-E',
        join(h.dir, 'sshd.log'),
      ],
      { stdio: 'ignore' },
    );
    procs.set(h.index, p);
    p.once('exit', () => {
      procs.delete(h.index);
      if (stopping || h.neverReturn) return;
      h.reboots++;
      setTimeout(() => boot(h).catch(() => undefined), 300);
    });
    if (!(await waitBanner(h.address, h.port, 15_000)))
      throw new Error(`lab host ${h.name} did not start: ${readLog(h.dir)}`);
  };

  try {
    for (let i = 0; i < opts.hosts; i++) {
      const index = (opts.firstIndex ?? 1) + i;
      const address = `127.0.62.${index}`;
      const hdir = join(dir, `host${index}`);
      for (const [, sub] of MASKED) mkdirSync(join(hdir, sub), { recursive: true });
      for (const sub of [
        'dpkg/info',
        'dpkg/updates',
        'dpkg/triggers',
        'aptlib/lists/partial',
        'aptcache/archives/partial',
        'etcapt/apt.conf.d',
        'etcapt/preferences.d',
        'etcapt/sources.list.d',
        'etcapt/trusted.gpg.d',
        'log/apt',
      ])
        mkdirSync(join(hdir, sub), { recursive: true });
      writeFileSync(join(hdir, 'dpkg/status'), '');
      writeFileSync(join(hdir, 'dpkg/available'), '');
      writeFileSync(
        join(hdir, 'etcapt/sources.list'),
        `deb [trusted=yes] file:${repo} lab main\ndeb [trusted=yes] file:${repo} lab-security main\n`,
      );
      writeFileSync(
        join(hdir, 'sbin/reboot'),
        '#!/bin/sh\n# The lab reboot: PID 1 of this host (sshd) ends a moment later, and the whole host with it.\n' +
          "setsid sh -c 'sleep 0.5; kill -TERM 1' </dev/null >/dev/null 2>&1 &\nexit 0\n",
        { mode: 0o755 },
      );
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(hdir, 'ssh_host_ed25519_key')]);
      const key = readFileSync(join(hdir, 'ssh_host_ed25519_key.pub'), 'utf8')
        .trim()
        .split(/\s+/)
        .slice(0, 2)
        .join(' ');
      const port = await freePort(address);
      writeFileSync(
        join(hdir, 'sshd_config'),
        [
          `ListenAddress ${address}:${port}`,
          `HostKey ${join(hdir, 'ssh_host_ed25519_key')}`,
          `PidFile ${join(hdir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'AllowUsers root',
          'PermitRootLogin prohibit-password',
          'UsePAM no',
          'StrictModes no',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PrintMotd no',
          'LogLevel VERBOSE',
          '',
        ].join('\n'),
      );
      const h: AptHost = {
        index,
        name: `vm${index}`,
        address,
        port,
        dir: hdir,
        knownHostsLine: `[${address}]:${port} ${key}`,
        reboots: 0,
        neverReturn: false,
        exec: (argv) =>
          execFileSync(
            'unshare',
            ['-m', '-p', '-f', '--mount-proc', '--kill-child', 'sh', inner, hdir, ...argv],
            {
              encoding: 'utf8',
              env: {
                PATH: '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin',
                LC_ALL: 'C',
                DEBIAN_FRONTEND: 'noninteractive',
              },
            },
          ),
        read: (path) => {
          const m = MASKED.find(([p]) => path.startsWith(`${p}/`));
          if (!m) throw new Error(`${path} is not under a masked directory`);
          return readFileSync(join(hdir, m[1], path.slice(m[0].length + 1)), 'utf8');
        },
      };
      // v1 installed, the lists read: the state of a VM with pending upgrades.
      writeFileSync(join(hdir, 'boot_id'), `${randomUUID()}\n`);
      h.exec(['dpkg', '-i', ...v1]);
      h.exec(['apt-get', 'update', '-q']);
      hosts.push(h);
      await boot(h);
    }
  } catch (err) {
    stopping = true;
    for (const p of procs.values()) p.kill('SIGKILL');
    throw err;
  }
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, hosts.map((h) => `${h.knownHostsLine}\n`).join(''));
  return {
    dir,
    repo,
    clientKey,
    hosts,
    knownHosts,
    async stop() {
      stopping = true;
      await Promise.all(
        [...procs.values()].map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve();
              p.once('exit', () => resolve());
              // unshare --fork ignores TERM; KILL ends it, and --kill-child ends the host with it.
              p.kill('SIGKILL');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  const f = join(dir, 'sshd.log');
  return existsSync(f) ? readFileSync(f, 'utf8').slice(-2000) : '(no log)';
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

/** Ready when the port sends an `SSH-2.0-` banner. */
export async function waitBanner(address: string, port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const got = await new Promise<boolean>((resolve) => {
      const sock = connect({ host: address, port });
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
