import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords as englishWords, helpWords } from '../helpers/cli-english.js';
import { CLI, ronde, tempDir } from './run-cli.js';

/*
 * `ronde users`, `audit`, `ack`, `silence` and `maintenance` with
 * `language: fr` in a C locale: what they print is French; in English it is
 * what it always was. Their --help follows the locale.
 */

function setup(language: 'fr' | 'en') {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  writeFileSync(
    config,
    `language: ${language}
database: { path: ${join(dir, 'ronde.db')} }
hosts: [{ name: box, local: true }]
checks:
  # Any real filesystem is above 2 %: CRIT, something to acknowledge.
  - { kind: system.disk, name: disk-strict, options: { warn_pct: 1, crit_pct: 2 } }
team: [{ name: alice }]
`,
  );
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NO_COLOR: '1',
    LANG: 'C',
    XDG_DATA_HOME: join(dir, 'data'),
    RONDE_USER: 'alice',
  };
  /** The CLI with `input` on its stdin (a password, for `users add`). */
  return (args: string[], input = '') => {
    const r = spawnSync(process.execPath, [CLI, '--config', config, ...args], {
      encoding: 'utf8',
      cwd: dir,
      env,
      input,
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

const said = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`.replace(/^ronde: /gm, '');

describe('users, audit, ack, silence and maintenance with language: fr in a C locale', () => {
  const run = setup('fr');
  const all: string[] = [];
  const keep = (args: string[], input?: string) => {
    const r = run(args, input);
    all.push(said(r));
    return r;
  };

  it('users and the audit log', () => {
    expect(keep(['users', 'list']).stdout).toBe(
      'Aucun compte pour l’instant : `ronde users add NOM --role admin`.\n',
    );
    const added = keep(['users', 'add', 'bob', '--role', 'operator'], 'un mot de passe assez long\n');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(
      'Compte bob créé (operator). Connexion à l’adresse de `ronde serve`.\n' +
        'Attention : « bob » n’est pas membre de team:, ses validations depuis la page seront donc refusées.\n',
    );
    expect(keep(['users', 'add', 'carol'], 'court\n').stderr).toBe(
      'ronde: un mot de passe doit avoir au moins 10 caractères\n',
    );
    const badRole = keep(['users', 'role', 'bob', 'boss']);
    expect([badRole.code, badRole.stderr]).toEqual([
      64,
      'ronde: --role boss : attendu parmi viewer, operator, admin\n',
    ]);
    expect(keep(['users', 'role', 'bob', 'admin']).stdout).toBe('bob est maintenant admin.\n');
    expect(keep(['users', 'passwd', 'bob'], 'un autre mot de passe\n').stdout).toBe(
      'Mot de passe de bob changé ; ses sessions sont fermées.\n',
    );
    expect(keep(['users', 'remove', 'bob']).stdout).toBe('Compte bob supprimé.\n');
    expect(keep(['users', 'remove', 'bob']).stderr).toBe('ronde: aucun compte « bob »\n');
    const audit = keep(['audit']);
    expect(audit.stdout.split('\n').filter(Boolean)).toHaveLength(4);
    expect(audit.stdout).toMatch(/^.* UTC {2}\S+ {2}user\.remove {2}bob {2}\(cli local\)$/m);
    expect(keep(['audit', '--action', 'nothing.such']).stdout).toBe('Le journal d’audit est vide.\n');
  });

  it('acknowledgements, silences and maintenance windows', () => {
    expect(run(['check']).code).toBe(2);
    const noReason = keep(['ack', 'box', 'disk-strict']);
    expect([noReason.code, noReason.stderr]).toEqual([
      64,
      'ronde: --reason est obligatoire : dites pourquoi c’est connu\n',
    ]);
    expect(keep(['ack', 'box', 'disk-strict', '-r', 'disque commandé']).stdout).toMatch(
      /^Pris en compte #\d+ : disk-strict sur box \(jusqu’au retour à OK\)\.\n$/,
    );
    expect(keep(['ack', 'box', 'disk-strict', '--clear']).stdout).toBe(
      'Prise en compte de disk-strict sur box terminée.\n',
    );
    const silence = keep(['silence', 'add', 'host=box', '-r', 'travaux', '--for', '2h']);
    const id = /^Silence #(\S+) sur host=box jusqu’au \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\n$/.exec(
      silence.stdout,
    )?.[1];
    expect(id, silence.stdout + silence.stderr).toBeDefined();
    expect(keep(['silence', 'list']).stdout).toMatch(
      new RegExp(`^#${id} +ouverte +host=box +jusqu’au .* UTC {2}alice: travaux$`, 'm'),
    );
    expect(keep(['silence', 'end', `${id}`]).stdout).toBe(`Silence #${id} terminé.\n`);
    expect(keep(['maintenance', 'list']).stdout).toMatch(/^Aucune fenêtre de maintenance en vigueur\.\n/);
    expect(keep(['ack', 'box', 'disk-strict', '-r', 'x', '--for', '2x']).stderr).toBe(
      'ronde: --for « 2x » : attendu une durée comme 2h, 4d, 1w\n',
    );
    const none = keep(['silence', 'end', '999']);
    expect([none.code, none.stderr]).toEqual([64, 'ronde: aucun silence #999 en vigueur\n']);
  });

  it('no English sentence in any of it', () => {
    expect(all.length).toBeGreaterThan(15);
    expect(all.flatMap(englishWords)).toEqual([]);
  });
});

describe('the same in English', () => {
  const run = setup('en');

  it('says what it always said', () => {
    expect(run(['users', 'add', 'bob'], 'a long enough password\n').stdout).toBe(
      'User bob added (viewer). Log in at the address of `ronde serve`.\n' +
        'Note: "bob" is not a member of team:, so signing off from the page will be refused.\n',
    );
    expect(run(['users', 'remove', 'nobody']).stderr).toBe('ronde: no user "nobody"\n');
    expect(run(['users', 'role', 'bob', 'boss']).stderr).toBe(
      'ronde: --role boss: expected one of viewer, operator, admin\n',
    );
    run(['check']);
    expect(run(['ack', 'box', 'disk-strict', '-r', 'ordered', '--for', '1d']).stdout).toMatch(
      /^Acknowledged #\d+: disk-strict on box \(for 1d\)\.\n$/,
    );
    expect(run(['maintenance', 'list']).stdout).toMatch(/^No maintenance window in force\.\n/);
    expect(run(['silence', 'end', '999']).stderr).toBe('ronde: no silence #999 in force\n');
  });
});

/** The help of each command, without commander's own lines (cli1's part). */
function helpOf(path: string[], lang: string): string {
  return helpWords(ronde([...path, '--help'], { LANG: lang }).stdout);
}

describe('their --help in a French locale', () => {
  const paths = [
    ['users'],
    ['users', 'add'],
    ['users', 'role'],
    ['audit'],
    ['ack'],
    ['silence'],
    ['silence', 'add'],
    ['maintenance', 'start'],
    ['maintenance', 'list'],
  ];
  it.each(paths.map((p) => [p.join(' '), p] as const))('%s', (_, path) => {
    expect(englishWords(helpOf(path, 'fr_FR.UTF-8'))).toEqual([]);
  });
});
