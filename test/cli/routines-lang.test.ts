import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords as englishWords, helpWords } from '../helpers/cli-english.js';
import { ronde, tempDir } from './run-cli.js';

/*
 * `ronde routines`, `done`, `undo` and `outbox` read by a French team: with
 * `language: fr` in an English (C) locale, every line they print is French;
 * with `language: en` they say what they always said. Their --help follows
 * the locale (no configuration is read to print it).
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
  # Any real filesystem is above 2 %: CRIT.
  - { kind: system.disk, name: disk-strict, options: { warn_pct: 1, crit_pct: 2 } }
team: [{ name: alice }, { name: bob }]
notifiers:
  - { name: chat, type: webhook, url: "http://127.0.0.1:9/hook" }
routines:
  - { id: backups, title: Sauvegardes, every: 1w, checks: [disk-strict@box], checklist: [dumps, restic] }
`,
  );
  const env = { LANG: 'C', XDG_DATA_HOME: join(dir, 'data'), RONDE_USER: 'alice' };
  return (...args: string[]) => ronde(['--config', config, ...args], env);
}

/** Every line of a run, stdout and stderr, without the program name commander or main.ts put first. */
const said = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`.replace(/^ronde: /gm, '');

describe('routines, done, undo and outbox with language: fr in a C locale', () => {
  const run = setup('fr');
  const all: string[] = [];
  const keep = (r: ReturnType<typeof run>) => {
    all.push(said(r));
    return r;
  };

  it('the board and a routine in French', () => {
    expect(run('check').code).toBe(2);
    const board = keep(run('routines'));
    expect(board.code, board.stderr).toBe(0);
    expect(board.stdout).toMatch(
      /^ÉTAT\s+ROUTINE\s+TITRE\s+QUI\s+DERNIÈRE FOIS\s+ÉCHÉANCE\s+VÉRIFICATIONS$/m,
    );
    expect(board.stdout).toMatch(
      /^À FAIRE\s+backups\s+Sauvegardes\s+\S+\?\s+jamais\s+\S+\s+CRIT : 1 sur 1 pas OK$/m,
    );
    expect(board.stdout).toMatch(/^ronde\.self UNKNOWN : /m);
    const show = keep(run('routines', 'show', 'backups'));
    expect(show.stdout).toMatch(/^ {2}CRIT {5}disk-strict sur box depuis le .* UTC : /m);
  });

  it('done: the linked check that is not OK, the refusals, the sign-off', () => {
    const refused = keep(run('done', 'backups', '-m', 'dumps restaurés'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^backups : 1 vérification liée n’est pas OK :\n {2}CRIT {4}disk-strict sur box : /,
    );
    expect(refused.stderr).toContain('Non validée. Si c’est fait malgré tout');
    const item = keep(run('done', 'backups', '--item', '9', '-m', 'x'));
    expect([item.code, item.stderr]).toEqual([64, 'ronde: --item 9 : attendu un numéro d’étape de 1 à 2\n']);
    const stranger = keep(run('done', 'backups', '--by', 'alicia', '-m', 'x'));
    expect(stranger.code).toBe(64);
    expect(stranger.stderr).toContain(
      '« alicia » (d’après --by) n’est pas membre de team: — vouliez-vous dire « alice » ?',
    );
    const done = keep(run('done', 'backups', '-m', 'dumps restaurés', '--item', '1', '--force'));
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(
      /^Enregistré #1 : backups faite par alice .*, points 1 sur 2\.\nNote : dumps restaurés\nProchaine échéance : /,
    );
    const undo = keep(run('undo', 'backups', '-m', 'trop tôt'));
    expect(undo.stdout).toMatch(/^Enregistré #2 : annulation de #1 /);
  });

  it('outbox: the table, retry and drop, the log', () => {
    const list = keep(run('outbox'));
    expect(list.stdout).toMatch(/^N°\s+ÉTAT\s+CANAL\s+ÉVÉNEMENT\s+ESSAIS\s+CRÉÉ\s+TITRE$/m);
    expect(list.stdout).toMatch(
      /^#1\s+en attente\s+chat\s+routine\.done\s+0\s+.* UTC\s+Fait : Sauvegardes$/m,
    );
    const noIds = keep(run('outbox', 'retry'));
    expect([noIds.code, noIds.stderr]).toEqual([
      64,
      'ronde: donnez des numéros de message (tels que `ronde outbox` les liste) ou --all\n',
    ]);
    const drop = keep(run('outbox', 'drop', '#2', '--reason', 'annulée aussitôt'));
    expect(drop.stdout).toBe('#2 : abandonné\n');
    const again = keep(run('outbox', 'retry', '2', '99'));
    expect([again.code, again.stdout]).toEqual([
      1,
      '#2 : inchangé : il est abandonné (voir `ronde outbox --all`)\n#99 : inchangé : aucun message de ce numéro\n',
    ]);
    const log = keep(run('outbox', 'log'));
    expect(log.stdout).toMatch(
      /^.* UTC {2}#2 {2}abandon par alice \(utilisateur système .*\), était en attente — annulée aussitôt$/m,
    );
  });

  it('no English sentence in any of it', () => {
    expect(all).toHaveLength(12);
    expect(all.flatMap(englishWords)).toEqual([]);
  });
});

describe('the same in English', () => {
  const run = setup('en');

  it('says what it always said', () => {
    run('check');
    expect(run('routines').stdout).toMatch(
      /^STATUS\s+ROUTINE\s+TITLE\s+WHO\s+LAST DONE\s+NEXT DUE\s+CHECKS$/m,
    );
    const refused = run('done', 'backups', '-m', 'x');
    expect(refused.stderr).toMatch(/^backups: 1 linked check is not OK:\n {2}CRIT {4}disk-strict on box: /);
    expect(run('done', 'backups', '--item', '9', '-m', 'x').stderr).toBe(
      'ronde: --item 9: expected a checklist item number from 1 to 2\n',
    );
    expect(run('done', 'backups', '--by', 'alicia', '-m', 'x').stderr).toBe(
      'ronde: "alicia" (from --by) is not a member of team: — did you mean "alice"? Members: alice, bob. Pass --by NAME or set RONDE_USER.\n',
    );
    expect(run('done', 'backups', '-m', 'x', '--force').stdout).toMatch(
      /^Recorded #1: backups done by alice/,
    );
    const list = run('outbox').stdout;
    expect(list).toMatch(/^ID\s+STATE\s+NOTIFIER\s+EVENT\s+TRIES\s+CREATED\s+TITLE$/m);
    expect(list).toMatch(/^#1\s+pending\s+chat\s+routine\.done\s+0\s/m);
    expect(run('outbox', 'drop', '1', '--reason', 'x').stdout).toBe('#1: dropped\n');
    expect(run('outbox', 'retry', '1').stdout).toBe(
      '#1: not changed: it was dropped (see `ronde outbox --all`)\n',
    );
    expect(run('outbox', 'log').stdout).toMatch(/ {2}#1 {2}drop by alice \(OS user .*\), was pending — x$/m);
  });
});

/** The help of each command, without commander's own lines (cli1's part). */
function helpOf(path: string[], lang: string): string {
  return helpWords(ronde([...path, '--help'], { LANG: lang }).stdout);
}

describe('their --help in a French locale', () => {
  const paths = [
    ['routines'],
    ['routines', 'show'],
    ['done'],
    ['undo'],
    ['outbox'],
    ['outbox', 'retry'],
    ['outbox', 'drop'],
    ['outbox', 'log'],
  ];

  it.each(paths.map((p) => [p.join(' '), p] as const))('%s', (_, path) => {
    expect(englishWords(helpOf(path, 'fr_FR.UTF-8'))).toEqual([]);
  });

  it('says what the commands do', () => {
    expect(helpOf(['done'], 'fr_FR.UTF-8')).toContain('valider même si une vérification liée n’est pas OK');
    expect(helpOf(['done'], 'C')).toContain('sign off even when a linked check is not OK');
    expect(helpOf(['outbox'], 'fr_FR.UTF-8')).toContain('Exemples :');
  });
});
