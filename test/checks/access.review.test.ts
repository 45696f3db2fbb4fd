import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliRun, ronde, tempDir } from '../cli/run-cli.js';
import { fakeMember, type GitlabFake, startGitlabFake } from '../fakes/gitlab-fake.js';
import { makePassStore, type PassStore } from '../lab/pass-store.js';
import { type SlapdLab, startSlapd } from '../lab/slapd.js';
import { type LabSshd, startLabSshd } from '../lab/sshd.js';

// ronde access review / approve end to end (dist/), against a real slapd and a real pass store.
const SUFFIX = 'dc=lab,dc=test';
const recent = new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
const SEED = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: lab
o: Lab

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: uid=alice,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: alice
cn: Alice
sn: A
userPassword: alice-pw
authTimestamp: ${recent}Z

dn: uid=leftover,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: leftover
cn: Left Over
sn: O
userPassword: old-pw
authTimestamp: 20240101000000Z

dn: uid=newbie,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: newbie
cn: Never Logged
sn: N
userPassword: new-pw

dn: cn=admins,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: admins
member: uid=alice,ou=people,${SUFFIX}
`;

interface Review {
  sources: {
    source: string;
    status: string;
    approved: { by: string } | null;
    diff: { added: { id: string }[]; removed: { id: string }[]; changed: { id: string }[] };
    flagged: { id: string; flags: string[]; expiresAt?: string | null; groups: string[] }[];
  }[];
}

describe('access review of a real LDAP directory', () => {
  let lab: SlapdLab;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  beforeAll(async () => {
    lab = await startSlapd({ suffix: SUFFIX, ldif: SEED, address: '127.0.61.10' });
    writeFileSync(
      config,
      `database: { path: ${join(dir, 'ronde.db')} }
hosts: [{ name: ronde, local: true }]
team: [{ name: alice }, { name: bob }]
checks:
  - name: ldap-accounts
    kind: access.review
    on: ronde
    options:
      source: ldap
      ldap:
        url: ${lab.url}
        bind_dn: ${lab.bindDn}
        password: \${env:LDAP_PW}
        base: ou=people,${SUFFIX}
        group_base: ou=groups,${SUFFIX}
`,
    );
  });
  afterAll(async () => lab?.stop());
  const run = (...args: string[]) =>
    ronde(['--config', config, ...args], { LDAP_PW: lab.password, XDG_DATA_HOME: join(dir, 'data') });
  const review = (): Review => JSON.parse(run('access', 'review', '--json').stdout) as Review;

  it('shows everything as never approved, with the leftover and the never-logged-in accounts flagged', () => {
    const r = run('access', 'review');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^ldap-accounts@ronde — 3 accesses, never approved \(snapshot \d+\)$/m);
    expect(r.stdout).toMatch(
      /^ {4}leftover {2}uid=leftover,ou=people,dc=lab,dc=test — stale · last login 2024-01-01$/m,
    );
    expect(r.stdout).toMatch(/^ {4}newbie {2}uid=newbie,ou=people,dc=lab,dc=test — never-logged-in$/m);
    expect(r.stdout).toContain('ronde access approve ldap-accounts@ronde --by NAME');
    expect(r.stdout).not.toContain(lab.password);
  });

  it('after an approval, adding one account shows exactly that account; approving clears it; history names the approvers', async () => {
    expect(run('access', 'approve', 'ldap-accounts', '--by', 'alice', '--note', 'first review').code).toBe(0);
    const clean = run('access', 'review');
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('last approved by alice');

    await lab.add(`dn: uid=carol,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: carol
cn: Carol
sn: C
userPassword: carol-pw
`);
    const [src] = review().sources;
    expect(src?.status).toBe('WARN');
    expect(src?.diff.added.map((p) => p.id)).toEqual([`uid=carol,ou=people,${SUFFIX}`]);
    expect(src?.diff.removed).toEqual([]);
    expect(src?.diff.changed).toEqual([]);
    // The board sees it too: an unapproved change is a WARN of access.review.
    const check = run('check', '--json');
    const doc = JSON.parse(check.stdout) as {
      targets: { results: { kind: string; status: string; summary: string }[] }[];
    };
    const res = doc.targets.flatMap((t) => t.results).find((x) => x.kind === 'access.review');
    expect(res?.status).toBe('WARN');
    expect(res?.summary).toMatch(/^1 change since the approval by alice on \d{4}-\d\d-\d\d$/);

    const md = run('access', 'review', '--markdown').stdout;
    expect(md).toContain('#### Access review: 1 source needs approval');
    expect(md).toContain('  - ➕ `carol  uid=carol,ou=people,dc=lab,dc=test`');

    expect(run('access', 'approve', 'ldap-accounts@ronde', '--by', 'bob', '-m', 'carol joined').code).toBe(0);
    expect(run('access', 'review').code).toBe(0);
    const history = run('access', 'history').stdout.trim().split('\n');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/ldap-accounts@ronde {2}snapshot \d+ {2}bob: carol joined$/);
    expect(history[1]).toMatch(/ldap-accounts@ronde {2}snapshot \d+ {2}alice: first review$/);
  });

  it('says why when the directory refuses the bind, without the password', () => {
    const r = ronde(['--config', config, 'access', 'review'], {
      LDAP_PW: 'wrong-password',
      XDG_DATA_HOME: join(dir, 'data'),
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /ldap-accounts@ronde: cannot read: ldap: bind as cn=admin,dc=lab,dc=test refused/,
    );
    expect(r.stdout).not.toContain('wrong-password');
  });
});

describe('access review of the keys a real pass store is encrypted for', () => {
  let store: PassStore;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  beforeAll(() => {
    store = makePassStore();
    const alice = store.addKey('Alice Admin', 'alice@lab.test');
    const bob = store.addKey('Bob Ops', 'bob@lab.test');
    store.init([alice, bob]);
    store.insert('root/web1', 'secret-web1');
    store.appendRecipient('legacy', store.addExpiredKey('Old Member', 'old@lab.test'));
    writeFileSync(
      config,
      `database: { path: ${join(dir, 'ronde.db')} }
hosts: [{ name: vault, local: true }]
checks:
  - name: pass-keys
    kind: access.review
    on: vault
    options:
      source: pass.recipients
      pass: { store: ${store.dir}, gnupg_home: ${store.gnupgHome} }
`,
    );
  });
  afterAll(() => store?.stop());

  it('lists each recipient key with its folders, the expired one flagged, nothing decrypted', () => {
    const r = ronde(['--config', config, 'access', 'review', '--json'], { XDG_DATA_HOME: join(dir, 'data') });
    expect(r.code, r.stderr).toBe(1);
    const [src] = (JSON.parse(r.stdout) as Review).sources;
    expect(src?.diff.added).toHaveLength(3);
    expect(src?.flagged).toEqual([
      expect.objectContaining({
        flags: ['expired'],
        expiresAt: '2020-01-02T00:00:00.000Z',
        groups: ['legacy'],
      }),
    ]);
    expect(r.stdout).toContain('Old Member <old@lab.test>');
    expect(r.stdout).not.toContain('secret-web1');
  });
});

/** The CLI without blocking this process: the fake answers from here. */
function rondeAsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: tempDir('ronde-cwd-'),
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NO_COLOR: '1', ...env },
        timeout: 120_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('access review of GitLab members (fake of the members API)', () => {
  let fake: GitlabFake;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  beforeAll(async () => {
    fake = await startGitlabFake();
    fake.membersToken = 'glpat-lab-token';
    // 104 members in the parent group: two pages of 100.
    const filler = Array.from({ length: 100 }, (_, i) => fakeMember(1000 + i, `member${i}`, 10));
    fake.members.set('groups/team', [
      fakeMember(1, 'alice', 50, { name: 'Alice' }),
      // Revoked on 2026-01-31 but still listed: GitLab removes expired members later.
      fakeMember(2, 'bob', 30, { name: 'Bob', expires_at: '2026-01-31' }),
      fakeMember(3, 'dave', 20, { state: 'blocked' }),
      ...filler,
    ]);
    fake.members.set('groups/team/infra', [fakeMember(4, 'carol', 40), fakeMember(1, 'alice', 30)]);
    writeFileSync(
      config,
      `database: { path: ${join(dir, 'ronde.db')} }
hosts: [{ name: ronde, local: true }]
checks:
  - name: gitlab-members
    kind: access.review
    on: ronde
    options:
      source: gitlab.members
      gitlab: { url: "${fake.url}", token: "\${env:GL_TOKEN}", groups: [team/infra] }
`,
    );
  });
  afterAll(async () => fake?.close());
  const run = (...args: string[]) =>
    rondeAsync(['--config', config, ...args], {
      GL_TOKEN: 'glpat-lab-token',
      XDG_DATA_HOME: join(dir, 'data'),
    });

  it('lists inherited members over every page; a revoked member still listed shows its expiry and level', async () => {
    const r = await run('access', 'review', '--json');
    expect(r.code, r.stderr).toBe(1);
    const [src] = (JSON.parse(r.stdout) as Review).sources;
    expect(src?.diff.added).toHaveLength(104);
    expect(fake.requests.map((q) => q.path)).toContain(
      '/api/v4/groups/team%2Finfra/members/all?per_page=100&page=2',
    );
    const bob = src?.flagged.find((p) => p.id === 'bob');
    expect(bob).toMatchObject({
      flags: ['expired'],
      expiresAt: '2026-01-31T00:00:00.000Z',
      groups: ['group:team/infra: Developer until 2026-01-31'],
    });
    expect(src?.flagged.find((p) => p.id === 'dave')?.flags).toEqual(['blocked']);
    // Inherited: alice keeps her highest level, from the parent group.
    const text = (await run('access', 'review')).stdout;
    expect(text).toContain(
      'bob (Bob)  bob — expired · expires 2026-01-31 · group:team/infra: Developer until 2026-01-31',
    );
    expect(text).not.toContain('glpat-lab-token');
  });

  it('is UNKNOWN, saying so, with a wrong token', async () => {
    const r = await rondeAsync(['--config', config, 'access', 'review'], {
      GL_TOKEN: 'wrong',
      XDG_DATA_HOME: join(dir, 'data'),
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/gitlab-members@ronde: cannot read: gitlab\.members: .*401/);
  });
});

/** `ssh-keygen -l` of each key of a file: fingerprint and comment, in file order. */
function keygenList(file: string): { fingerprint: string; comment: string }[] {
  return execFileSync('/usr/bin/ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      // `256 SHA256:… comment words (ED25519)`
      const m = /^\d+ (SHA256:\S+) (.*) \(\w+\)$/.exec(l);
      if (!m) throw new Error(`unexpected ssh-keygen -l line: ${l}`);
      return { fingerprint: m[1]!, comment: m[2]! };
    });
}

describe('access review of the authorized_keys of a real sshd account', () => {
  // Its own account: ronde logs in as it and reads its ~/.ssh/authorized_keys (no sudo).
  const USER = 'ronde-lab-keys';
  let lab: LabSshd;
  let file: string;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const keygen = (name: string, comment: string) => {
    const path = join(dir, name);
    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
    return readFileSync(`${path}.pub`, 'utf8').trim();
  };
  beforeAll(async () => {
    lab = await startLabSshd({ user: USER, addressBase: 67, keyTypes: ['ed25519'] });
    const home = execFileSync('getent', ['passwd', USER], { encoding: 'utf8' }).split(':')[5]!;
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o755 });
    chmodSync(join(home, '.ssh'), 0o755);
    file = join(home, '.ssh', 'authorized_keys');
    writeFileSync(
      file,
      [
        '# deploy keys',
        `from="127.0.0.1",no-pty ${keygen('deploy', 'deploy@ci two words')}`,
        '',
        keygen('alice', 'alice@laptop'),
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
    writeFileSync(
      config,
      `database: { path: ${join(dir, 'ronde.db')} }
${web1(lab, USER)}
checks:
  - name: ssh-keys
    kind: access.review
    on: web1
    options:
      source: ssh.authorized_keys
      ssh: { users: [${USER}] }
`,
    );
  });
  afterAll(async () => lab?.stop());
  const run = (...args: string[]) =>
    ronde(['--config', config, ...args], { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'data') });
  const review = (): SshReview => JSON.parse(run('access', 'review', '--json').stdout) as SshReview;

  it('lists each key with the fingerprint ssh-keygen -l gives, its comment and options', () => {
    const [deploy, alice] = keygenList(file);
    const text = run('access', 'review').stdout;
    // What a key may do is part of the access: the text says it, as --json does.
    const lines = text.split('\n');
    expect(lines).toContain(
      `  + deploy@ci two words  ${USER}:${deploy!.fingerprint}  [${USER}]  options from="127.0.0.1",no-pty`,
    );
    expect(lines).toContain(`  + alice@laptop  ${USER}:${alice!.fingerprint}  [${USER}]`);
    const r = run('access', 'review', '--json');
    expect(r.code, r.stderr).toBe(1);
    const [src] = (JSON.parse(r.stdout) as SshReview).sources;
    expect(src?.source).toBe('ssh-keys@web1');
    const byId = new Map(src?.diff.added.map((p) => [p.id, p]));
    expect([...byId.keys()].sort()).toEqual(
      [`${USER}:${deploy!.fingerprint}`, `${USER}:${alice!.fingerprint}`].sort(),
    );
    expect(byId.get(`${USER}:${deploy!.fingerprint}`)).toMatchObject({
      name: deploy!.comment,
      groups: [USER],
      attrs: { type: 'ssh-ed25519', options: 'from="127.0.0.1",no-pty' },
    });
    expect(deploy!.comment).toBe('deploy@ci two words');
    const a = byId.get(`${USER}:${alice!.fingerprint}`);
    expect(a).toMatchObject({ name: 'alice@laptop', groups: [USER], attrs: { type: 'ssh-ed25519' } });
    expect(a?.attrs).not.toHaveProperty('options');
  });

  it('after an approval, adding one key shows exactly that key as added', () => {
    expect(run('access', 'approve', 'ssh-keys', '--by', 'alice').code).toBe(0);
    expect(run('access', 'review').code).toBe(0);
    appendFileSync(file, `${keygen('carol', 'carol@new')}\n`);
    const carol = keygenList(file).at(-1)!;
    const [src] = review().sources;
    expect(src?.status).toBe('WARN');
    expect(src?.diff.added).toEqual([
      expect.objectContaining({ id: `${USER}:${carol.fingerprint}`, name: 'carol@new' }),
    ]);
    expect(src?.diff.removed).toEqual([]);
    expect(src?.diff.changed).toEqual([]);
  });

  it('shows a change of a key’s options (from=, command=) as a change, in the text and the post', () => {
    expect(run('access', 'approve', 'ssh-keys', '--by', 'alice').code).toBe(0);
    const [deploy] = keygenList(file);
    const before = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      before.replace('from="127.0.0.1",no-pty ', 'command="/usr/local/bin/backup --push",from="127.0.0.1" '),
    );
    const r = run('access', 'review');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toContain(
      `  ~ deploy@ci two words  ${USER}:${deploy!.fingerprint}: options from="127.0.0.1",no-pty → command="/usr/local/bin/backup --push",from="127.0.0.1"`,
    );
    expect(run('access', 'review', '--markdown').stdout).toContain(
      `✏️ \`deploy@ci two words  ${USER}:${deploy!.fingerprint}\`: options \`from="127.0.0.1",no-pty\` → \`command="/usr/local/bin/backup --push",from="127.0.0.1"\``,
    );
  });
});

describe('access review follows sshd’s AuthorizedKeysFile', () => {
  // A lab sshd that reads %h/.ssh/keys_%u (then its shared file), not ~/.ssh/authorized_keys.
  const USER = 'ronde-lab-akf';
  let lab: LabSshd;
  let home: string;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const keygen = (name: string, comment: string) => {
    const path = join(dir, name);
    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
    return readFileSync(`${path}.pub`, 'utf8').trim();
  };
  /** Whether the lab's sshd lets `key` in: what it really reads. */
  const logsIn = (key: string) => {
    const h = lab.hosts[0]!;
    const r = spawnSync(
      '/usr/bin/ssh',
      [
        '-i',
        join(dir, key),
        '-p',
        String(h.port),
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        `${USER}@${h.address}`,
        'true',
      ],
      { timeout: 20_000 },
    );
    return r.status === 0;
  };
  beforeAll(async () => {
    lab = await startLabSshd({
      user: USER,
      addressBase: 73,
      keyTypes: ['ed25519'],
      authorizedKeysFiles: ['%h/.ssh/keys_%u'],
    });
    home = execFileSync('getent', ['passwd', USER], { encoding: 'utf8' }).split(':')[5]!;
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o755 });
    chmodSync(join(home, '.ssh'), 0o755);
    writeFileSync(join(home, '.ssh', `keys_${USER}`), `no-port-forwarding ${keygen('ops', 'ops@bastion')}\n`);
    // What ronde used to read, and sshd does not.
    writeFileSync(join(home, '.ssh', 'authorized_keys'), `${keygen('old', 'old@unused')}\n`);
    const sshdConfig = join(lab.dir, 'host1', 'sshd_config');
    writeFileSync(
      config,
      `database: { path: ${join(dir, 'ronde.db')} }
${web1(lab, USER)}
  - { name: local, local: true }
checks:
  - name: keys
    kind: access.review
    on: [web1, local]
    options:
      source: ssh.authorized_keys
      ssh: { users: [${USER}], sshd_config: ${sshdConfig} }
`,
    );
  });
  afterAll(async () => lab?.stop());

  it('reads the files sshd reads — parsed as a user, sshd -T as root — and says which', () => {
    expect(logsIn('ops')).toBe(true);
    expect(logsIn('old')).toBe(false);
    const r = ronde(['--config', config, 'access', 'review', '--json'], {
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'data'),
    });
    expect(r.code, r.stderr).toBe(1);
    const sources = (JSON.parse(r.stdout) as SshReview).sources;
    const files = ['%h/.ssh/keys_%u', join(lab.dir, 'authorized_keys')];
    const bySource = new Map(sources.map((s) => [s.source, s]));
    // Over SSH as the user: sshd -T cannot read the host keys, its config is parsed.
    expect(bySource.get('keys@web1')?.keysFiles).toEqual({ from: 'sshd_config', patterns: files });
    // Locally as root: sshd's own word.
    expect(bySource.get('keys@local')?.keysFiles).toEqual({ from: 'sshd -T', patterns: files });
    for (const s of sources) {
      const names = s.diff.added.map((p) => p.name).sort();
      expect(names).toEqual(['ops@bastion', 'ronde-lab']);
      expect(s.diff.added.find((p) => p.name === 'ops@bastion')?.attrs.options).toBe('no-port-forwarding');
    }
    const text = ronde(['--config', config, 'access', 'review'], {
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'data'),
    }).stdout;
    expect(text).toContain(`  keys read from ${files.join(' ')} (sshd_config)`);
    expect(text).not.toContain('old@unused');
  });
});

/** The YAML of a host `web1`: the lab's first sshd, logged in as `user`. */
function web1(lab: LabSshd, user: string): string {
  const h = lab.hosts[0]!;
  return `hosts:
  - name: web1
    address: ${h.address}
    ssh:
      port: ${h.port}
      user: ${user}
      identity: ${lab.clientKey}
      known_hosts: ${lab.knownHosts('known_hosts', [h.knownHostsLine('ed25519')])}
      agent: false`;
}

interface SshReview {
  sources: {
    source: string;
    status: string;
    keysFiles?: { from: string; patterns: string[] };
    diff: {
      added: { id: string; name?: string; groups: string[]; attrs: Record<string, string> }[];
      removed: { id: string }[];
      changed: { id: string }[];
    };
  }[];
}
