import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { registry } from '../checks/index.js';
import { EX_CANTCREAT, initCommand, runInit } from '../cli/init.js';
import { parseConfig } from '../config/load.js';
import { renderStarterConfig } from './init-template.js';
import { Routines, Team } from './schema.js';

const KINDS_TODAY = [
  'apt.pending',
  'system.reboot',
  'system.disk',
  'system.units',
  'tls.files',
  'docker.disk',
  'docker.image_age',
];
/** Kinds the routines link once configured (they need names and addresses). */
const KINDS_TO_CONFIGURE = [
  'mail.dnsbl',
  'mail.dns',
  'tls.endpoint',
  'dns.zonemaster',
  'dns.dnssec',
  'access.review',
  'credentials.rotation',
  'gitlab.issues',
  'docs.coverage',
  'proxmox.updates',
  'alerting.health',
  'prometheus.query',
  'freshness.metric',
];

/** The commented `team:` example, uncommented: what a user gets by removing the `# `. */
function uncommentedTeam(text: string): unknown {
  const lines = text.split('\n');
  const start = lines.indexOf('# team:');
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('#')) break;
    block.push(line.replace(/^# ?/, ''));
  }
  return parse(block.join('\n')).team;
}

describe.each(['en', 'fr'] as const)('the starter ronde.yaml (%s)', (lang) => {
  const text = renderStarterConfig(lang, 'web-host');
  const doc = parse(text);

  it('holds the 13 routines of the wiki page, valid for the schema', () => {
    const routines = Routines.parse(doc.routines);
    expect(routines).toHaveLength(13);
    expect(routines.every((r) => r.checklist.length > 0 && r.description)).toBe(true);
  });

  it('gives the agreed cadences', () => {
    const every = Object.fromEntries(Routines.parse(doc.routines).map((r) => [r.id, r.every]));
    expect(every).toEqual({
      'vm-updates': '1w',
      'proxmox-updates': '1mo',
      'service-versions': '1mo',
      'mail-blacklists': '1w',
      'metrics-review': '1w',
      backups: '1w',
      'docker-cleanup': '1mo',
      certificates: '1mo',
      'dns-zones': '1mo',
      'access-review': '3mo',
      'credential-rotation': '6mo',
      wiki: '1mo',
      'forgotten-issues': '1mo',
    });
  });

  it('links only check kinds that exist today', () => {
    const linked = Routines.parse(doc.routines).flatMap((r) => r.checks);
    expect(linked).toContain('apt.pending');
    for (const c of linked) expect(KINDS_TODAY).toContain(c);
  });

  it('has one local host, no checks: key (zero-config checks apply), and a valid commented team', () => {
    expect(doc.hosts).toEqual([{ name: 'web-host', local: true }]);
    expect(doc).not.toHaveProperty('checks');
    expect(doc).not.toHaveProperty('team');
    expect(Team.parse(uncommentedTeam(text)).map((m) => m.name)).toEqual(['alice', 'bob']);
  });
});

describe.each(['en', 'fr'] as const)('the starter links (%s)', (lang) => {
  const text = renderStarterConfig(lang, 'web-host');
  const load = (t: string) => parseConfig(t, 'ronde.yaml', registry, {});

  it('loads as is: every routine link names a check the starter config runs', () => {
    expect(() => load(text)).not.toThrow();
  });

  it('still loads with its commented checks: example uncommented', () => {
    const uncommented = text.replace(/^# (checks:| {2}- kind: .*| {4}(on|options): .*)$/gm, '$1');
    const config = load(uncommented);
    expect(config.checks?.map((c) => c.kind).sort()).toEqual([...KINDS_TODAY, ...KINDS_TO_CONFIGURE].sort());
  });

  it('R4, R8 and R9 link the mail, TLS and DNS kinds once their links are uncommented too', () => {
    const uncommented = text
      .replace(/^# (checks:| {2}- kind: .*| {4}(on|options): .*)$/gm, '$1')
      // The commented link replaces the active one above it, when there is one.
      .replace(/^ {4}checks: .*\n((?: {4}# .*\n)+?) {4}# (checks: .*)$/gm, '$1    $2')
      .replace(/^ {4}# (checks: \[.*\])$/gm, '    $1');
    const config = load(uncommented);
    const links = Object.fromEntries(config.routines.map((r) => [r.id, r.checks]));
    expect(links['mail-blacklists']).toEqual(['mail.dnsbl', 'mail.dns']);
    expect(links.certificates).toEqual(['tls.files', 'tls.endpoint']);
    expect(links['dns-zones']).toEqual(['dns.zonemaster', 'dns.dnssec']);
    expect(links['access-review']).toEqual(['access.review']);
    expect(links['credential-rotation']).toEqual(['credentials.rotation']);
    expect(links['forgotten-issues']).toEqual(['gitlab.issues']);
    expect(links.wiki).toEqual(['docs.coverage']);
    expect(links['proxmox-updates']).toEqual(['proxmox.updates']);
    expect(links['metrics-review']).toEqual([
      'system.disk',
      'system.units',
      'alerting.health',
      'prometheus.query',
      'freshness.metric',
    ]);
  });
});

describe('languages', () => {
  it('writes the French routines in the wiki’s words, the English ones in English', () => {
    const fr = Routines.parse(parse(renderStarterConfig('fr')).routines);
    const en = Routines.parse(parse(renderStarterConfig('en')).routines);
    expect(fr[0]?.checklist).toContain('Sur chaque VM : apt update && apt full-upgrade');
    expect(en[0]?.checklist).toContain('On each VM: apt update && apt full-upgrade');
    expect(fr[10]?.title).toBe('Changer les identifiants critiques');
    expect(en.map((r) => r.id)).toEqual(fr.map((r) => r.id));
  });

  it('falls back to "local" for a host name the config would refuse', () => {
    expect(parse(renderStarterConfig('en', 'bad name')).hosts[0].name).toBe('local');
  });
});

describe('ronde init', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ronde-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file given with --output, in the language given with --lang', async () => {
    const out = join(dir, 'ronde.yaml');
    await initCommand().parseAsync(['--output', out, '--lang', 'fr'], { from: 'user' });
    const doc = parse(await readFile(out, 'utf8'));
    expect(doc.routines).toHaveLength(13);
    expect(doc.routines[0].title).toBe('Mettre à jour toutes les VM');
  });

  it('never overwrites an existing file: exit 73 and the file is untouched', async () => {
    const out = join(dir, 'ronde.yaml');
    await writeFile(out, 'hosts: []  # months of edits\n');
    await expect(runInit({ output: out, lang: 'en' })).rejects.toMatchObject({
      exitCode: EX_CANTCREAT,
      message: expect.stringMatching(/already exists.*never overwrites/),
    });
    expect(await readFile(out, 'utf8')).toBe('hosts: []  # months of edits\n');
  });

  it('says so when the file cannot be created', async () => {
    await expect(runInit({ output: join(dir, 'missing', 'ronde.yaml'), lang: 'en' })).rejects.toMatchObject({
      exitCode: EX_CANTCREAT,
      message: expect.stringMatching(/cannot create/),
    });
  });

  it('speaks the language of the file it writes, and the file sets language:', async () => {
    const out = join(dir, 'fr.yaml');
    const said: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      said.push(String(s));
      return true;
    });
    try {
      await initCommand().parseAsync(['--output', out, '--lang', 'fr'], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    expect(said.join('')).toMatch(
      /^ronde : .*fr\.yaml écrit, avec 13 routines\.\nEnsuite : ajoutez vos hôtes/,
    );
    expect(parse(await readFile(out, 'utf8')).language).toBe('fr');
    await expect(runInit({ output: out, lang: 'fr' })).rejects.toThrow(
      /existe déjà ; ronde init n’écrase jamais/,
    );
  });

  it('refuses an unknown language', async () => {
    const cmd = initCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    await expect(
      cmd.parseAsync(['--lang', 'de', '--output', join(dir, 'x.yaml')], { from: 'user' }),
    ).rejects.toThrow(/Allowed choices are en, fr/);
  });
});
