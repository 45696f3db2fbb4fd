import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODE, type Status, worst } from '../../src/core/status.js';
import { fingerprint } from '../../src/targets/ssh/known-hosts.js';
import { tempDir } from '../cli/run-cli.js';
import { type LabSshd, type LabSshHost, silentListener, startLabSshd } from '../lab/sshd.js';
import { sessionCount } from '../ssh/helpers.js';
import { type CheckDoc, Fleet, LAB_USER } from './fleet-helpers.js';

/*
 * The fleet through the real CLI (dist/cli/main.js): ronde.yaml of lab sshd
 * hosts on 127.0.20.31+, HOME and XDG_DATA_HOME in temp dirs. Rebuild first:
 * npx tsc -p tsconfig.build.json
 */
let lab: LabSshd;
let h: LabSshHost[];
let known: string;

beforeAll(async () => {
  lab = await startLabSshd({ hosts: 4, firstIndex: 31, user: LAB_USER });
  h = lab.hosts;
  known = lab.knownHosts(
    'fleet_known',
    h.slice(0, 3).map((x) => x.knownHostsLine()),
  );
});
afterAll(async () => {
  await lab?.stop();
});

/** Each CLI run starts a Node process (seconds on a loaded 2-core machine). */
const SLOW = 120_000;

const fp = (x: LabSshHost) => fingerprint(Buffer.from(x.hostKeys.ed25519.split(' ')[1]!, 'base64'));
const counted = (doc: CheckDoc, name: string) =>
  doc.targets.find((t) => t.name === name)!.results.filter((r) => !('notApplicable' in r));

function three(): Fleet {
  return new Fleet(lab, [
    { name: 'h1', at: h[0]!, tags: ['web', 'x'], knownHosts: known },
    { name: 'h2', at: h[1]!, tags: ['web'], knownHosts: known },
    { name: 'h3', at: h[2]!, tags: ['db'], knownHosts: known },
  ]);
}

describe('ronde check over three SSH hosts', () => {
  it(
    'runs the zero-config checks on each, grouped by host; exit code = worst',
    () => {
      const { code, doc } = three().json<CheckDoc>('check', '--no-save');
      expect(doc.targets.map((t) => [t.name, t.transport])).toEqual([
        ['h1', 'ssh'],
        ['h2', 'ssh'],
        ['h3', 'ssh'],
      ]);
      for (const t of doc.targets) {
        expect(t.results.map((r) => r.kind)).toContain('system.disk');
        // Reached: no result carries a transport failure.
        for (const r of t.results)
          expect(r.summary).not.toMatch(/host key|authentication failed|timed out after/);
      }
      const disk = doc.targets.map((t) => t.results.find((r) => r.kind === 'system.disk')!);
      for (const d of disk) expect(d.status).not.toBe('UNKNOWN');
      const all = doc.targets
        .flatMap((t) => t.results)
        .filter((r) => !(r as { notApplicable?: boolean }).notApplicable);
      const expected = worst(all.map((r) => r.status as Status));
      expect(doc.status).toBe(expected);
      expect(code).toBe(EXIT_CODE[expected]);
    },
    SLOW,
  );

  it(
    'selectors: a name plus a tag, or all but a tag, with --check: only those hosts and checks',
    () => {
      const f = three();
      const { doc } = f.json<CheckDoc>('check', '--no-save', 'h1', 'tag:db', '--check', 'system.disk');
      expect(doc.targets.map((t) => t.name)).toEqual(['h1', 'h3']);
      for (const t of doc.targets) expect(t.results.map((r) => r.kind)).toEqual(['system.disk']);
      // The text output: each host a heading, its checks indented under it.
      const text = f.run('check', '--no-save', 'all', '!tag:db', '--check', 'system.disk').stdout;
      expect(text).toMatch(
        /^h1\n\s+(OK|WARN|CRIT)\s+system\.disk\s+.*\nh2\n\s+(OK|WARN|CRIT)\s+system\.disk\s/m,
      );
      expect(text).not.toMatch(/^h3$/m);
    },
    SLOW,
  );

  it(
    'an unknown selector is a usage error (64), not an empty success',
    () => {
      const r = three().run('check', 'nope');
      expect(r.code).toBe(64);
    },
    SLOW,
  );
});

describe('unknown host, then ronde hosts trust', () => {
  it(
    'the unknown host is UNKNOWN with its fingerprint and the trust command; others unaffected; trust fixes it',
    () => {
      const empty = lab.knownHosts('empty_known', []);
      const f = new Fleet(lab, [
        { name: 'h1', at: h[0]!, knownHosts: known },
        { name: 'newbie', at: h[3]!, knownHosts: empty },
      ]);
      const before = f.json<CheckDoc>('check', '--no-save', '--check', 'system.disk').doc;
      const nb = counted(before, 'newbie');
      expect(nb.map((r) => r.status)).toEqual(['UNKNOWN']);
      expect(nb[0]!.reasons.join(' ')).toContain(fp(h[3]!));
      expect(nb[0]!.reasons.join(' ')).toContain('ronde hosts trust newbie');
      expect(counted(before, 'h1')[0]!.status).not.toBe('UNKNOWN');

      const listed = f.json('hosts');
      expect(listed.code).toBe(3);
      expect(listed.doc.hosts.find((x) => x.name === 'newbie')).toMatchObject({
        reachability: 'hostkey-unknown',
        state: `unknown host key (${fp(h[3]!)})`,
        fingerprint: fp(h[3]!),
      });

      // Not a terminal and neither --yes nor --fingerprint: refused, nothing written.
      const noTty = f.run('hosts', 'trust', 'newbie');
      expect(noTty.code).toBe(64);
      expect(noTty.stderr).toContain('--fingerprint');
      // A fingerprint that does not match: refused.
      const wrong = f.run('hosts', 'trust', 'newbie', '--fingerprint', fp(h[0]!));
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toContain('REFUSED');

      const trusted = f.run('hosts', 'trust', 'newbie', '--yes');
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toContain('ssh-ed25519');
      expect(trusted.stdout).toContain(fp(h[3]!));
      expect(readFileSync(f.stateKnownHosts, 'utf8')).toContain(
        `[${h[3]!.address}]:${h[3]!.port} ssh-ed25519 `,
      );

      const after = f.json<CheckDoc>('check', '--no-save', '--check', 'system.disk').doc;
      expect(counted(after, 'newbie')[0]!.status).not.toBe('UNKNOWN');
      expect(f.run('hosts', 'trust', 'newbie', '--yes').stdout).toContain('Already trusted');
    },
    SLOW,
  );

  it(
    'on a terminal it asks, and only "y" trusts',
    () => {
      const f = new Fleet(lab, [{ name: 'asked', at: h[3]!, knownHosts: lab.knownHosts('empty4', []) }]);
      const no = f.runTty('n\n', 'hosts', 'trust', 'asked');
      expect(no.stdout).toContain('Trust this key for asked? [y/N]');
      expect(no.stdout).toContain('Not trusted');
      expect(no.code).toBe(1);
      expect(existsSync(f.stateKnownHosts)).toBe(false);
      const yes = f.runTty('y\n', 'hosts', 'trust', 'asked');
      expect(yes.stdout).toContain('Trusted: recorded in');
      expect(yes.code).toBe(0);
      expect(readFileSync(f.stateKnownHosts, 'utf8')).toContain(h[3]!.hostKeys.ed25519);
    },
    SLOW,
  );

  it(
    '--fingerprint that matches trusts without asking',
    () => {
      const f = new Fleet(lab, [{ name: 'n2', at: h[3]!, knownHosts: lab.knownHosts('empty2', []) }]);
      const r = f.run('hosts', 'trust', 'n2', '--fingerprint', fp(h[3]!));
      expect(r.code).toBe(0);
      expect(f.json('hosts').code).toBe(0);
    },
    SLOW,
  );
});

describe('changed host key', () => {
  it(
    'is CRIT "host key changed" and nothing runs on the host; trust refuses without --replace',
    () => {
      // evil points at h3's sshd, but its known_hosts holds h2's key under h3's name: a man in the middle.
      const kh = lab.knownHosts('changed_known', [
        `[${h[2]!.address}]:${h[2]!.port} ${h[1]!.hostKeys.ed25519}`,
      ]);
      const f = new Fleet(lab, [
        { name: 'h1', at: h[0]!, knownHosts: known },
        { name: 'evil', at: h[2]!, knownHosts: kh },
      ]);
      const sessions = sessionCount(h[2]!);
      const logins = h[2]!.log().match(/Accepted publickey/g)?.length ?? 0;
      const { code, doc } = f.json<CheckDoc>('check', '--no-save');
      const evil = counted(doc, 'evil');
      expect(evil.length).toBeGreaterThan(0);
      for (const r of evil) {
        expect(r.status).toBe('CRIT');
        expect(r.summary).toContain('host key changed');
      }
      expect(code).toBe(2);
      expect(counted(doc, 'h1').every((r) => !r.summary.includes('host key'))).toBe(true);
      expect(sessionCount(h[2]!)).toBe(sessions);
      expect(h[2]!.log().match(/Accepted publickey/g)?.length ?? 0).toBe(logins);

      const listed = f.json('hosts');
      expect(listed.code).toBe(2);
      expect(listed.doc.hosts.find((x) => x.name === 'evil')?.state).toBe('HOST KEY CHANGED');

      const refused = f.run('hosts', 'trust', 'evil', '--yes');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('CHANGED');
      expect(refused.stdout).toContain(`${kh}:1`);
    },
    SLOW,
  );

  it(
    "--replace swaps the old key in ronde's own file for the new one",
    () => {
      const f = new Fleet(lab, [{ name: 'moved', at: h[3]!, knownHosts: lab.knownHosts('empty3', []) }]);
      // A stale key in ronde's own known_hosts (the host was reinstalled since it was trusted).
      const state = f.stateKnownHosts;
      mkdirSync(dirname(state), { recursive: true });
      writeFileSync(state, `# ronde\n[${h[3]!.address}]:${h[3]!.port} ${h[0]!.hostKeys.ed25519} old\n`);
      const r = f.run('hosts', 'trust', 'moved', '--yes', '--replace');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Removed the old key from ${state}`);
      expect(readFileSync(state, 'utf8')).not.toContain(h[0]!.hostKeys.ed25519);
      expect(f.json('hosts').code).toBe(0);
    },
    SLOW,
  );
});

describe('ronde hosts', () => {
  it(
    'lists name, transport, tags, the resolved login and ok; exit 0 when all are reachable',
    () => {
      const f = three();
      const sessions = h.slice(0, 3).map(sessionCount);
      const r = f.run('hosts');
      expect(r.code).toBe(0);
      // Logging in is enough: no session was opened, so nothing ran on the hosts.
      expect(h.slice(0, 3).map(sessionCount)).toEqual(sessions);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(/^NAME\s+ADDRESS\s+TRANSPORT\s+TAGS\s+LOGIN\s+JUMP\s+STATE$/);
      expect(lines[1]).toMatch(
        new RegExp(
          `^h1\\s+${h[0]!.address.replaceAll('.', '\\.')}\\s+ssh\\s+web,x\\s+${LAB_USER}@${h[0]!.address.replaceAll('.', '\\.')}:${h[0]!.port}\\s+-\\s+ok$`,
        ),
      );
      expect(r.stdout).toContain('3 host(s), all reachable');
      const { doc } = f.json('hosts', 'tag:web');
      expect(doc.hosts.map((x) => [x.name, x.reachability])).toEqual([
        ['h1', 'ok'],
        ['h2', 'ok'],
      ]);
    },
    SLOW,
  );

  it(
    'resolves through ~/.ssh/config, shows its unsupported directives, and names the keys tried on auth failure',
    () => {
      const f = new Fleet(lab, [
        { name: 'alias', at: { address: 'lab-alias', port: h[0]!.port }, knownHosts: known },
      ]);
      f.sshConfig(`Host lab-alias\n  HostName ${h[0]!.address}\n  ProxyCommand nc %h %p\n`);
      const { code, doc } = f.json('hosts');
      const a = doc.hosts[0]!;
      expect(a.login).toBe(`${LAB_USER}@${h[0]!.address}:${h[0]!.port}`);
      expect(a.warnings.join(' ')).toContain('ProxyCommand is not supported');
      expect(a.reachability).toBe('ok');
      expect(code).toBe(0);

      const bad = new Fleet(lab, [{ name: 'h1', at: h[0]!, knownHosts: known }]);
      const yaml = readFileSync(bad.config, 'utf8').replace(lab.clientKey, lab.wrongKey);
      writeFileSync(bad.config, yaml);
      const r = bad.json('hosts');
      expect(r.code).toBe(3);
      expect(r.doc.hosts[0]!.state).toBe(`auth failed (tried publickey ${lab.wrongKey})`);
    },
    SLOW,
  );
});

describe('ronde hosts with a jump host and the local machine', () => {
  it(
    'shows the jump chain, reaches the host through it, and lists the local host without contacting anything',
    () => {
      const f = new Fleet(
        lab,
        [
          { name: 'bastion', at: h[0]!, knownHosts: known },
          { name: 'inner', at: h[1]!, knownHosts: known, jump: 'bastion' },
        ],
        '  - name: me\n    local: true\n',
      );
      const bastionLogins = h[0]!.connectionCount();
      const { code, doc } = f.json('hosts');
      expect(doc.hosts.map((x) => [x.name, x.transport, x.jump, x.reachability])).toEqual([
        ['bastion', 'ssh', [], 'ok'],
        ['inner', 'ssh', [`${LAB_USER}@${h[0]!.address}:${h[0]!.port}`], 'ok'],
        ['me', 'local', [], 'local'],
      ]);
      expect(code).toBe(0);
      // One connection to the bastion, shared by itself and the tunnel to inner.
      expect(h[0]!.connectionCount()).toBe(bastionLogins + 1);

      const before = h[1]!.connectionCount();
      const listed = f.run('hosts', '--no-connect');
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('3 host(s), not contacted (--no-connect)');
      expect(h[1]!.connectionCount()).toBe(before);
    },
    SLOW,
  );
});

describe('a host that never answers', () => {
  it(
    'is UNKNOWN within its connect timeout; the round ends and the other host is checked',
    async () => {
      const silent = await silentListener('127.0.20.39');
      try {
        const f = new Fleet(lab, [
          { name: 'h1', at: h[0]!, knownHosts: known },
          { name: 'mute', at: { address: '127.0.20.39', port: silent.port }, knownHosts: known },
        ]);
        // ssh_config's ConnectTimeout applies to ronde as to ssh.
        f.sshConfig('Host 127.0.20.39\n  ConnectTimeout 2\n');
        const started = Date.now();
        const { code, doc } = f.json<CheckDoc>('check', '--no-save', '--check', 'system.disk');
        const took = Date.now() - started;
        expect(counted(doc, 'mute')[0]).toMatchObject({ status: 'UNKNOWN' });
        expect(counted(doc, 'mute')[0]!.summary).toMatch(/timed out after 2 s: .*no SSH banner/);
        expect(counted(doc, 'h1')[0]!.status).not.toBe('UNKNOWN');
        expect(code).toBe(EXIT_CODE[worst(['UNKNOWN', counted(doc, 'h1')[0]!.status as Status])]);
        // The summary shows the 2 s applied; this shows the round did not hang on the mute host.
        // Loose on purpose: it includes starting the CLI, slow on a loaded machine.
        expect(took).toBeLessThan(30_000);
        const hosts = f.json('hosts', 'mute');
        expect(hosts.doc.hosts[0]!.state).toMatch(/^unreachable \(timed out after 2 s: .*no SSH banner\)$/);
        expect(hosts.code).toBe(3);
      } finally {
        await silent.close();
      }
    },
    SLOW,
  );
});

describe('a repeat round over SSH', () => {
  /** A certificate valid for `days`, written as a renewal does: a new file in place of the old. */
  function cert(dir: string, days: number): void {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat(
        ['-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'new.pem'), '-days', String(days)],
        ['-subj', '/CN=lab.example.org'],
      ),
      { stdio: 'ignore' },
    );
    execFileSync('mv', [join(dir, 'new.pem'), join(dir, 'cert.pem')]);
  }

  it(
    'reuses what did not change on the host, says so, and re-reads what did',
    () => {
      const certs = tempDir('ronde-certs-');
      chmodSync(certs, 0o755); // the lab's login user reads them
      cert(join(certs, 'lab.example.org'), 90);
      const f = new Fleet(
        lab,
        [{ name: 'h1', at: h[0]!, knownHosts: known }],
        `checks:\n  - { kind: tls.files, name: certs, options: { paths: ["${certs}/*/cert.pem"] } }\n` +
          '  - { kind: system.disk }\n',
      );
      type R = { check: string; status: string; details: { reused?: { from: string } } };
      const round = (...args: string[]) => {
        const { doc } = f.json<CheckDoc>('check', ...args);
        const results = doc.targets[0]!.results as unknown as R[];
        return Object.fromEntries(results.map((r) => [r.check, r]));
      };
      const first = round();
      expect(first.certs).toMatchObject({ status: 'OK' });
      const second = round();
      // The certificate files did not change: the check did not run again, and says since when.
      expect(second.certs?.details.reused?.from).toBeDefined();
      expect(second.certs?.status).toBe('OK');
      // Disk usage has no stamp: always measured.
      expect(second['system.disk']?.details.reused).toBeUndefined();
      // A renewal (here, a bad one: 3 days left) is seen at the next round.
      cert(join(certs, 'lab.example.org'), 3);
      const third = round();
      expect(third.certs?.details.reused).toBeUndefined();
      expect(third.certs?.status).toBe('CRIT');
      expect(round('--no-reuse').certs?.details.reused).toBeUndefined();
    },
    SLOW,
  );
});
