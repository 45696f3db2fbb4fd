import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords } from '../helpers/cli-english.js';
import { ronde, tempDir } from './run-cli.js';

/** `ronde hosts` with `language: fr` in an English locale: the table, the states and the totals are French. */
describe('ronde hosts speaks the team language', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  // web1: loopback of this engineer's range, port 1 where nothing listens (refused at once).
  writeFileSync(
    config,
    `language: fr
hosts:
  - { name: box, local: true }
  - { name: web1, address: 127.0.71.1, ssh: { port: 1 } }
`,
  );
  const run = (args: string[]) =>
    ronde(['--config', config, 'hosts', ...args], { LANG: 'en_US.UTF-8', XDG_DATA_HOME: join(dir, 'data') });

  it('lists the inventory with French heads, states and totals', () => {
    const r = run([]);
    expect(r.code, r.stderr).toBe(3);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NOM +ADRESSE +ACCÈS +ÉTIQUETTES +CONNEXION +REBOND +ÉTAT$/);
    expect(r.stdout).toMatch(/^web1 +127\.0\.71\.1 +ssh .* injoignable \(/m);
    expect(r.stdout).toContain('2 hôtes, 1 injoignable');
    // The reason in parentheses is the SSH layer's own text, quoted as it came.
    expect(cliEnglishWords(r.stdout.replace(/\(.*\)/g, ''))).toEqual([]);
  }, 60_000);

  it('says so when it does not connect', () => {
    const r = run(['--no-connect']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 hôtes, non contactés (--no-connect)');
  }, 60_000);

  it('refuses an unknown host with exit 64, naming the nearest', () => {
    const r = run(['wbe1']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('ronde: hôte inconnu « wbe1 » — vouliez-vous dire « web1 » ? Hôtes : box, web1\n');
    const trust = run(['trust', 'box']);
    expect(trust.code).toBe(64);
    expect(trust.stderr).toBe('ronde: box est local : ronde ne l’atteint pas par SSH\n');
  }, 60_000);

  it('says the English it always said with language: en', () => {
    const en = join(dir, 'en.yaml');
    writeFileSync(en, 'language: en\nhosts: [{ name: box, local: true }]\n');
    const r = ronde(['--config', en, 'hosts'], { LANG: 'fr_FR.UTF-8', XDG_DATA_HOME: join(dir, 'data') });
    expect(r.stdout).toBe(
      'NAME  ADDRESS  TRANSPORT  TAGS  LOGIN  JUMP  STATE\nbox   box      local      -     -      -     local\n\n1 host(s), all reachable\n',
    );
  }, 60_000);
});
