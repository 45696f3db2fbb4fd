// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:…} are ronde's secret references
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registry as kinds } from '../checks/index.js';
import { defineCheck } from '../core/check.js';
import { Registry } from '../core/registry.js';
import {
  ConfigError,
  effectiveChecks,
  effectiveHosts,
  loadConfig,
  parseConfig,
  selectHosts,
} from './load.js';

const testKind = (id: string, zeroConfig = true, timeoutSec?: number) =>
  defineCheck({
    id,
    title: `test ${id}`,
    options: z.object({ warn: z.number().int().default(1), path: z.string().default('/') }).strict(),
    zeroConfig,
    timeoutSec,
    commands: () => [],
    evaluate: () => ({ status: 'OK', summary: 'fine' }),
  });
const registry = new Registry().register(testKind('apt.pending')).register(testKind('disk.usage', false, 10));

function problemsOf(text: string, reg = registry): string[] {
  try {
    parseConfig(text, 'ronde.yaml', reg);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).format().split('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('required options', () => {
  it('refuses at load, located, a kind configured without what it cannot run without', () => {
    const text = [
      'checks:', //                       1
      '  - kind: freshness.url', //        2
      '    options: { max_age: 1d }', //   3
      '  - kind: backup.borg', //          4
      '  - kind: backup.restic', //        5
      '    name: offsite', //              6
      '    options:', //                   7
      '      repository: /srv/restic', //  8
      '',
    ].join('\n');
    expect(problemsOf(text, kinds)).toEqual([
      'ronde.yaml:3:14: checks[0].options.url: missing (expected string)',
      'ronde.yaml:4:5: checks[1].options.repository: missing (expected string)',
      'ronde.yaml:8:7: checks[2].options.password_file: missing: give password_file (or password_command); restic reads no password from a terminal here',
    ]);
  });
});

describe('errors', () => {
  it('reports a wrong type, an unknown key and a bad indentation at once, each located', () => {
    const text = [
      'defaults:', //            1
      '  interval: 5m', //       2
      '  sudo: yes', //          3 wrong type (YAML 1.2: a string)
      'hosts:', //               4
      '  - name: web1', //       5
      '    adress: 127.0.20.1', // 6 unknown key
      '  - name: db1', //        7
      '   tags: [db]', //        8 bad indentation
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'ronde.yaml:3:9: defaults.sudo: expected boolean, received string',
      'ronde.yaml:6:5: hosts[0].adress: unknown key (did you mean "address"?)',
      'ronde.yaml:8:1: Sequence item without - indicator',
    ]);
  });

  it('gives the exact documented format for a wrong type', () => {
    const text = 'hosts:\n  - name: a\n  - name: b\n  - name: c\n    address: 42\n';
    expect(problemsOf(text)).toEqual(['ronde.yaml:5:14: hosts[2].address: expected string, received number']);
  });

  it('names the available kinds for an unknown kind, and checks options with the kind schema', () => {
    const text =
      'checks:\n  - kind: apt.pendng\n  - kind: disk.usage\n    options: { warn: high, pth: /var }\n';
    expect(problemsOf(text)).toEqual([
      'ronde.yaml:2:11: checks[0].kind: unknown check kind "apt.pendng" (did you mean "apt.pending"?); available: apt.pending, disk.usage',
      'ronde.yaml:4:22: checks[1].options.warn: expected number, received string',
      'ronde.yaml:4:28: checks[1].options.pth: unknown key (did you mean "path"?)',
    ]);
  });

  it('says so when no kind is registered', () => {
    expect(problemsOf('checks: [{kind: apt.pending}]', new Registry())[0]).toMatch(
      /unknown check kind "apt.pending"; no check kinds are registered/,
    );
  });

  it('refuses duplicate names and selectors naming no host or tag', () => {
    const text = [
      'hosts:',
      '  - { name: web1, tags: [web] }',
      '  - { name: web1 }',
      'checks:',
      '  - kind: apt.pending',
      '    on: [tag:wbe, "!web2"]',
      '  - kind: apt.pending',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'ronde.yaml:3:13: hosts[1].name: duplicate host name "web1" (first at hosts[0])',
      'ronde.yaml:6:10: checks[0].on[0]: no host has tag "wbe"',
      'ronde.yaml:6:19: checks[0].on[1]: no host named "web2" (did you mean "web1"?)',
      'ronde.yaml:7:11: checks[1].kind: duplicate check name "apt.pending" (first at checks[0]): give each instance its own `name`',
    ]);
  });

  it('refuses bad durations, time zones, secret syntax and a database with both url and path', () => {
    const text = [
      'timezone: Europe/Pariss',
      'database: { url: "postgres://r:${vault:x}@db/r", path: /x.db }',
      'defaults: { timeout: soon }',
      '',
    ].join('\n');
    const lines = problemsOf(text);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('ronde.yaml:1:11: timezone: expected an IANA time zone such as Europe/Paris');
    expect(lines).toContain(
      'ronde.yaml:2:18: database.url: unknown reference ${vault:x}: expected ${env:NAME}, ${file:/path} or ${pass:path} (write $${ for a literal ${)',
    );
    expect(lines).toContain(
      'ronde.yaml:2:11: database: give either url (PostgreSQL) or path (SQLite), not both',
    );
    expect(lines).toContain(
      'ronde.yaml:3:22: defaults.timeout: expected a duration such as 30s, 5m, 1h, 7d, 2w or a number of seconds',
    );
  });
});

describe('the loaded config', () => {
  const text = `
timezone: Europe/Paris
database: { url: "postgres://ronde:\${env:PGPASS}@127.0.0.1/ronde" }
defaults:
  interval: 10m
  ssh: { user: ronde, identity: ~/.ssh/id_ed25519 }
hosts:
  - name: web1
    address: 127.0.20.1
    tags: [web]
    ssh: { port: 2222 }
    sudo: true
  - { name: self, local: true }
checks:
  - kind: apt.pending
    on: tag:web
    options: { warn: 5 }
    interval: 1h
  - kind: disk.usage
    name: disk
    sudo: true
`;
  const config = parseConfig(text, 'ronde.yaml', registry, { HOME: '/home/op' });

  it('merges host settings over the defaults', () => {
    expect(config.hosts).toEqual([
      {
        name: 'web1',
        address: '127.0.20.1',
        local: false,
        tags: ['web'],
        ssh: { user: 'ronde', port: 2222, identity: '/home/op/.ssh/id_ed25519' },
        sudo: true,
      },
      {
        name: 'self',
        address: 'self',
        local: true,
        tags: [],
        ssh: { user: 'ronde', identity: '/home/op/.ssh/id_ed25519' },
        sudo: false,
      },
    ]);
  });

  it('parses options with the kind schema and fills durations in seconds', () => {
    expect(config.checks).toEqual([
      {
        kind: 'apt.pending',
        name: 'apt.pending',
        on: ['tag:web'],
        options: { warn: 5, path: '/' },
        interval: 3600,
        timeout: 60,
      },
      {
        kind: 'disk.usage',
        name: 'disk',
        on: ['all'],
        options: { warn: 1, path: '/' },
        interval: 600,
        timeout: 10,
        sudo: true,
      },
    ]);
  });

  it('keeps secret references unresolved', () => {
    expect(config.database?.url).toBe('postgres://ronde:${env:PGPASS}@127.0.0.1/ronde');
    expect(config.timezone).toBe('Europe/Paris');
  });

  it('selects hosts by name, tag and exclusion', () => {
    const names = (on: string[]) => selectHosts(on, config.hosts).map((h) => h.name);
    expect(names(['all'])).toEqual(['web1', 'self']);
    expect(names(['tag:web'])).toEqual(['web1']);
    expect(names(['!tag:web'])).toEqual(['self']);
    expect(names(['self', 'web1', '!web1'])).toEqual(['self']);
  });

  it('treats an empty file as all defaults', () => {
    const empty = parseConfig('# nothing yet\n', 'ronde.yaml', registry, { ...process.env, LC_ALL: 'C' });
    expect(empty).toEqual({
      language: 'en',
      defaults: { interval: 300, timeout: 60, concurrency: 32, ssh: {}, sudo: false },
      hosts: [],
      team: [],
      routines: [],
      notifiers: [],
      routes: [],
      releases: [],
      maintenance: [],
      notify: {
        damping: 2,
        remindEveryDays: 3,
        digest: { weekday: 1, hour: 9 },
        failingAfter: 3,
        maxAttempts: 10,
      },
      web: { session_ttl: 604800, cookie_secure: true, public_metrics: false },
    });
    expect(effectiveChecks(empty, registry).map((c) => c.name)).toEqual(['apt.pending']);
    expect(effectiveHosts(empty)).toMatchObject([{ local: true }]);
  });
});

describe('language', () => {
  it('is `language:` when given, else the locale’s', () => {
    const fr = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' };
    expect(parseConfig('', 'ronde.yaml', registry, fr).language).toBe('fr');
    expect(parseConfig('language: en\n', 'ronde.yaml', registry, fr).language).toBe('en');
    expect(parseConfig('language: fr\n', 'ronde.yaml', registry, { LANG: 'C' }).language).toBe('fr');
    expect(() => parseConfig('language: de\n', 'ronde.yaml', registry)).toThrow(/language/);
  });
});

describe('routines and team', () => {
  it('accepts them and checks that assignees are team members', () => {
    const text = [
      'team: [{ name: alice }]',
      'routines:',
      '  - { id: backups, title: Check backups, every: 1w, checklist: [look], assignee: alcie }',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'ronde.yaml:3:82: routines[0].assignee: "alcie" is not a member of `team:`',
    ]);
  });
});

describe('loadConfig lookup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-config-'));
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, body);
    return file;
  };
  const a = write('a.yaml', 'hosts: [{ name: a }]\n');
  const b = write('b.yaml', 'hosts: [{ name: b }]\n');
  const cwdFile = write('work/ronde.yaml', 'hosts: [{ name: cwd }]\n');
  const sys = write('etc/ronde.yaml', 'hosts: [{ name: sys }]\n');
  const work = join(dir, 'work');
  const load = (o: { path?: string; env?: NodeJS.ProcessEnv; cwd?: string; systemPath?: string }) =>
    loadConfig({ registry, env: {}, cwd: work, systemPath: sys, ...o });

  it('prefers --config, then $RONDE_CONFIG, then ./ronde.yaml, then the system file', async () => {
    expect((await load({ path: a, env: { RONDE_CONFIG: b } })).path).toBe(a);
    expect((await load({ env: { RONDE_CONFIG: b } })).path).toBe(b);
    expect((await load({})).path).toBe(cwdFile);
    expect((await load({ cwd: dir })).path).toBe(sys);
  });

  it('is zero-config when no file exists', async () => {
    const loaded = await load({ cwd: dir, systemPath: join(dir, 'none.yaml') });
    expect(loaded.path).toBeNull();
    expect(loaded.config.hosts).toEqual([]);
    expect(loaded.config.checks).toBeUndefined();
  });

  it('fails when an explicitly named file is missing', async () => {
    await expect(load({ path: 'missing.yaml' })).rejects.toThrow(
      'missing.yaml: cannot read the file (ENOENT)',
    );
    await expect(load({ env: { RONDE_CONFIG: '/nonexistent/r.yaml' } })).rejects.toThrow(ConfigError);
  });

  it('names the file relative to the working directory in problems', async () => {
    write('work/bad.yaml', 'hosts: 3\n');
    await expect(load({ path: 'bad.yaml' })).rejects.toThrow(
      'bad.yaml:1:8: hosts: expected array, received number',
    );
  });
});

describe('ssh connect_timeout', () => {
  it('is merged host over defaults and reaches the SSH layer', async () => {
    const { sshOptions } = await import('../targets/factory.js');
    const config = parseConfig(
      [
        'defaults:',
        '  ssh: { connect_timeout: 3 }',
        'hosts:',
        '  - { name: slow, address: 127.0.20.9, ssh: { connect_timeout: 20 } }',
        '  - { name: fast, address: 127.0.20.10 }',
        '',
      ].join('\n'),
      'ronde.yaml',
      registry,
      {},
    );
    const byName = new Map(config.hosts.map((h) => [h.name, h]));
    expect(sshOptions(byName.get('slow')!, byName).connectTimeoutSec).toBe(20);
    expect(sshOptions(byName.get('fast')!, byName).connectTimeoutSec).toBe(3);
    expect(() =>
      parseConfig('defaults:\n  ssh: { connect_timeout: -1 }\n', 'ronde.yaml', registry, {}),
    ).toThrow(/connect_timeout/);
  });
});

describe('routine links to checks', () => {
  const base = `hosts:
  - { name: web1, tags: [web] }
  - { name: db1 }
checks:
  - { kind: apt.pending, on: tag:web }
  - { kind: disk.usage, name: disk-root }
routines:
  - id: updates
    title: Updates
    every: 1w
    checks: `;

  it('accepts kinds, instance names, @host and @tag: that match a configured check', () => {
    expect(() =>
      parseConfig(
        `${base}[apt.pending, disk-root@db1, disk.usage@tag:web, apt.pending@web1]\n`,
        'r.yaml',
        registry,
      ),
    ).not.toThrow();
  });

  it('refuses a typo at its line and column, with the nearest name', () => {
    expect(problemsOf(`${base}[disk-root, apt.pendng@web1]\n`)).toEqual([
      'ronde.yaml:11:25: routines[0].checks[1]: unknown check "apt.pendng" — did you mean "apt.pending"? ' +
        'Checks: apt.pending, disk-root (disk.usage), disk.usage (kind)',
    ]);
  });

  it('refuses an unknown host or tag, and a host the check does not run on', () => {
    const problems = problemsOf(`${base}[apt.pending@web9, apt.pending@tag:wbe, apt.pending@db1]\n`);
    expect(problems[0]).toMatch(/checks\[0\]: unknown host "web9" — did you mean "web1"\? Hosts: web1, db1$/);
    expect(problems[1]).toMatch(/checks\[1\]: no host has tag "wbe" — did you mean "web"\? Tags: web$/);
    expect(problems[2]).toMatch(/checks\[2\]: "apt.pending" does not run on db1 \(it runs on: tag:web\)/);
  });

  it('checks links against the zero-config kinds when there is no checks: key', () => {
    const text = 'routines:\n  - { id: r, title: R, every: 1w, checks: [apt.pending, disk.usage] }\n';
    expect(problemsOf(text)).toEqual([
      'ronde.yaml:2:57: routines[0].checks[1]: no check of kind "disk.usage" is configured. Checks: apt.pending',
    ]);
  });
});
