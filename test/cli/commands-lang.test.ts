import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords } from '../helpers/cli-english.js';
import { ronde, tempDir } from './run-cli.js';

/** `checks`, `config validate`, `history` and the root's errors with `language: fr`, in an English locale. */
describe('the commands speak the team language', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  writeFileSync(config, 'language: fr\nhosts: [{ name: box, local: true }]\n');
  const run = (args: string[], env: Record<string, string> = {}) =>
    ronde(['--config', config, ...args], { LANG: 'en_US.UTF-8', XDG_DATA_HOME: join(dir, 'data'), ...env });

  it('config validate: valid, and the count of problems', () => {
    const ok = run(['config', 'validate']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`${config} : valide — 1 hôte, les vérifications par défaut, 0 routine\n`);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'language: fr\nhosts: 3\n');
    const r = ronde(['config', 'validate', '--config', bad], { LANG: 'C' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/\n1 problème dans la configuration\n$/);
  }, 60_000);

  it('checks: the zero-config mark and its legend', () => {
    const r = run(['checks']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^system\.disk +défaut {2}/m);
    expect(r.stdout).toContain('« défaut » : tourne sans configuration.');
  }, 60_000);

  it('history and check: usage errors, exit 64', () => {
    const limit = run(['history', '--limit', 'x']);
    expect(limit.code).toBe(64);
    expect(limit.stderr).toBe('ronde: --limit : attendu un entier positif, reçu "x"\n');
    const none = run(['check', '--no-save', '!box']);
    expect(none.code).toBe(64);
    expect(none.stderr).toBe('ronde: aucun hôte ni aucune vérification ne correspond à la sélection\n');
    expect(cliEnglishWords(limit.stderr + none.stderr)).toEqual([]);
  }, 60_000);

  it('notify test: a notifier whose secret is missing, said in French', () => {
    const notify = join(dir, 'notify.yaml');
    writeFileSync(
      notify,
      'language: fr\nnotifiers:\n  - { name: chat, type: mattermost, url: "${env:RONDE_TEST_HOOK}" }\n',
    );
    const r = ronde(['--config', notify, 'notify', 'test', 'chat'], {
      LANG: 'C',
      XDG_DATA_HOME: join(dir, 'data'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('la variable d’environnement RONDE_TEST_HOOK n’est pas définie');
    expect(cliEnglishWords(r.stderr)).toEqual([]);
  }, 60_000);

  it('docker: no engine on the host, an unknown host', () => {
    const docker = join(dir, 'docker.yaml');
    writeFileSync(
      docker,
      `language: fr
hosts: [{ name: box, local: true }]
checks:
  - { kind: docker.services, options: { docker: { socket: ${join(dir, 'no-docker.sock')} } } }
`,
    );
    const env = { LANG: 'C', XDG_DATA_HOME: join(dir, 'data') };
    const r = ronde(['--config', docker, 'docker', 'prune', 'box'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ronde: box : pas de moteur Docker ici : pas de socket .*no-docker\.sock\./);
    const typo = ronde(['--config', docker, 'docker', 'approve', 'bx'], env);
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain('vouliez-vous dire « box »');
  }, 60_000);

  it('serve: a bad role, a role SQLite cannot run', () => {
    const role = run(['serve', '--role', 'chef']);
    expect(role.code).toBe(64);
    expect(role.stderr).toBe('ronde: --role : attendu l’un de all, scheduler, worker, web, reçu "chef"\n');
    const worker = run(['serve', '--role', 'worker']);
    expect(worker.code).toBe(78);
    expect(worker.stderr).toMatch(/^ronde: ronde serve --role worker demande une base PostgreSQL/);
  }, 60_000);

  it('keeps English for an English team', () => {
    const en = join(dir, 'en.yaml');
    writeFileSync(en, 'language: en\n');
    const r = ronde(['config', 'validate', '--config', en], { LANG: 'fr_FR.UTF-8' });
    expect(r.stdout).toBe(`${en}: valid — 0 hosts, the zero-config checks, 0 routines\n`);
  }, 60_000);
});
