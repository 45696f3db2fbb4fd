import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords } from '../helpers/cli-english.js';
import { ronde, tempDir } from './run-cli.js';

/*
 * `ronde upgrade` with `language: fr` in a C locale: the plan, its refusals,
 * the history and the usage errors are French; in English as they were. The
 * host is the machine ronde runs on, which upgrade always refuses (nothing
 * is changed). The steps of a real run in French: src/actions/upgrade/host.test.ts,
 * src/cli/upgrade-lang.test.ts.
 */
function setup(language: 'fr' | 'en') {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  writeFileSync(
    config,
    `language: ${language}\ndatabase: { path: ${join(dir, 'ronde.db')} }\n` +
      'hosts: [{ name: box, local: true }]\nupgrade: { hosts: [box] }\n',
  );
  const env = { LANG: 'C', XDG_DATA_HOME: join(dir, 'data'), RONDE_USER: 'alice' };
  return (...args: string[]) => ronde(['--config', config, ...args], env);
}

describe('ronde upgrade with language: fr in a C locale', () => {
  const run = setup('fr');

  it('plan, run, history and errors in French', () => {
    const said: string[] = [];
    const keep = (...args: string[]) => {
      const r = run(...args);
      said.push(r.stdout, r.stderr.replace(/^ronde: /gm, ''));
      return r;
    };
    const plan = keep('upgrade', 'plan');
    expect([plan.code, plan.stdout]).toEqual([
      2,
      'box : REFUSÉ\n  - la machine où tourne ronde : à mettre à jour à la main\n\nRien à mettre à jour.\n',
    ]);
    expect(keep('upgrade', 'run', '--yes').code).toBe(2);
    expect(keep('upgrade', 'history').stdout).toBe('Aucune mise à jour enregistrée (`ronde upgrade run`).\n');
    expect(keep('upgrade', 'history', '-n', '0').stderr).toBe(
      'ronde: --limit attend un nombre entier positif\n',
    );
    const unknown = keep('upgrade', 'plan', 'nope');
    expect([unknown.code, unknown.stderr]).toEqual([64, 'ronde: aucun hôte « nope » dans l’inventaire\n']);
    expect(said.flatMap(cliEnglishWords)).toEqual([]);
  });
});

describe('the same in English', () => {
  it('says what it always said', () => {
    const run = setup('en');
    expect(run('upgrade', 'plan').stdout).toBe(
      'box: REFUSED\n  - the machine ronde runs on: upgrade it by hand\n\nNothing to upgrade.\n',
    );
    expect(run('upgrade', 'history', '-n', 'x').stderr).toBe(
      'ronde: --limit takes a positive whole number\n',
    );
  });
});
