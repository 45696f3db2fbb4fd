import { describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english.js';
import { registry } from '../checks/index.js';
import { ConfigError, parseConfig } from './load.js';

/*
 * The schemas' own refinements (routines, notifiers, routes, maintenance,
 * releases, store, timezone) and the cross-section checks (assignee, route and
 * release notifiers, upgrade names) follow the rule of docs/configuration.md,
 * "Language of the problems", like validate.ts's problems.
 */
const REFINED = `language: fr
timezone: Mars/Olympus
database: { url: postgres://127.0.0.1/ronde, path: /var/lib/ronde/ronde.db }
notifiers:
  - { name: mail, type: email, host: 127.0.0.1, from: r@example.org, to: [a@example.org], user: ronde }
  - { name: mail, type: email, host: 127.0.0.1, from: r@example.org, to: [a@example.org] }
routes:
  - { events: [chek.*], notifiers: [mail] }
maintenance:
  - { name: nuit, cron: "0 3 * *", duration: 2h }
  - { name: jour, cron: "0 3 * * sun", duration: 2h }
team:
  - { name: ana }
  - { name: ana }
routines:
  - { id: maj, title: Mises à jour, checks: [] , done_when: checks_ok }
  - { id: maj, title: Encore, every: 1w, cron: "0 0 30 2 *" }
releases:
  - { name: rel, source: github, repo: a/b }
  - { name: rel, source: github, repo: a/b }
`;

const CROSS = `language: fr
hosts: [{ name: web1 }]
notifiers:
  - { name: mm, type: webhook, url: http://127.0.0.1:9/hook }
routes:
  - { events: ["*"], notifiers: [mn] }
team: [{ name: ana }]
routines:
  - { id: maj, title: Mises à jour, every: 1w, assignee: bob }
releases:
  - { name: rel, source: github, repo: a/b, notify: [mn] }
upgrade:
  routine: maja
  window: nuit
`;

function problems(text: string, env: NodeJS.ProcessEnv = { LANG: 'C.UTF-8' }): string[] {
  try {
    parseConfig(text, 'ronde.yaml', registry, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.format().split('\n');
    throw e;
  }
  return [];
}
const message = (line: string) => line.replace(/^\S+:\d+:\d+: \S+: /, '');

describe("the schemas' refinements in the team's language", () => {
  it('language: fr: each refinement in French, at its file:line:col', () => {
    const out = problems(REFINED);
    const expected = [
      /^ronde\.yaml:2:\d+: timezone: fuseau horaire IANA attendu, par exemple Europe\/Paris$/,
      /^ronde\.yaml:3:\d+: database: donnez url \(PostgreSQL\) ou path \(SQLite\), pas les deux$/,
      /^ronde\.yaml:5:\d+: notifiers\[0\]\.user: donnez `user` et `password` ensemble, ou aucun des deux$/,
      /^ronde\.yaml:6:\d+: notifiers\[1\]\.name: notificateur « mail » défini deux fois$/,
      /^ronde\.yaml:8:\d+: routes\[0\]\.events\[0\]: ne correspond à aucun événement ; les événements sont : /,
      /^ronde\.yaml:10:\d+: maintenance\[0\]\.cron: motif cron attendu, par exemple « 0 3 \* \* sun »/,
      /^ronde\.yaml:11:5: maintenance\[1\]: une fenêtre couvre quelque chose : donnez `host`, `tag`, `kind` ou `check`$/,
      /^ronde\.yaml:14:\d+: team\[1\]\.name: membre de l’équipe « ana » listé deux fois$/,
      /^ronde\.yaml:16:\d+: routines\[0\]\.every: donnez exactement l’un de `every:` ou `cron:`$/,
      /^ronde\.yaml:16:\d+: routines\[0\]\.done_when: `done_when: checks_ok` demande au moins une entrée dans `checks:`$/,
      /^ronde\.yaml:17:\d+: routines\[1\]\.cron: ce motif cron ne se déclenche jamais$/,
      /^ronde\.yaml:17:\d+: routines\[1\]\.id: identifiant « maj » utilisé deux fois$/,
      /^ronde\.yaml:20:\d+: releases\[1\]\.name: suivi de versions « rel » défini deux fois$/,
    ];
    for (const re of expected)
      expect(
        out.some((l) => re.test(l)),
        `${re}\n${out.join('\n')}`,
      ).toBe(true);
    for (const l of out) expect(englishWords(message(l)), l).toEqual([]);
  });

  it('English stays as it was', () => {
    const out = problems(REFINED.replace('language: fr\n', ''));
    expect(out).toContain('ronde.yaml:13:13: team[1].name: team member "ana" listed twice');
    expect(
      out.some((l) => l.endsWith('database: give either url (PostgreSQL) or path (SQLite), not both')),
    ).toBe(true);
    expect(out.some((l) => l.endsWith('a window covers something: give host, tag, kind or check'))).toBe(
      true,
    );
  });

  it('the cross-section checks: French with language: fr, English under LANG=C', () => {
    const fr = problems(CROSS).map(message);
    expect([...fr].sort()).toEqual(
      [
        'aucun notificateur nommé « mn » dans `notifiers:`',
        'aucun notificateur nommé « mn » dans `notifiers:`',
        'aucune routine « maja » dans `routines:`',
        'aucune fenêtre « nuit » dans `maintenance:`',
        '« bob » n’est pas membre de `team:`',
      ].sort(),
    );
    const en = problems(CROSS.replace('language: fr\n', '')).map(message);
    expect(en).toContain('"bob" is not a member of `team:`');
    expect(en).toContain('no notifier named "mn" in `notifiers:`');
    expect(en).toContain('no routine "maja" in `routines:`');
  });

  it("the kinds' own option rules: French with language: fr, English unchanged", () => {
    const text = `language: fr
hosts: [{ name: web1 }]
checks:
  - { kind: system.disk, on: [web1], options: { warn_pct: 95, crit_pct: 90 } }
  - { kind: tls.files, on: [web1], options: { paths: [/etc/ssl/a.pem], warn_days: 7, crit_days: 14 } }
  - { kind: backup.borg, on: [web1], options: { repository: /srv/borg, prefix: a, glob: "b*" } }
`;
    const fr = problems(text);
    expect(fr).toContain('ronde.yaml:4:47: checks[0].options: les seuils warn ne doivent pas dépasser crit');
    expect(fr.some((l) => l.endsWith('checks[1].options: crit_days ne doit pas dépasser warn_days'))).toBe(
      true,
    );
    expect(fr.some((l) => l.endsWith('checks[2].options: donnez prefix ou glob, pas les deux'))).toBe(true);
    for (const l of fr) expect(englishWords(message(l)), l).toEqual([]);
    const en = problems(text.replace('language: fr\n', ''));
    expect(en.some((l) => l.endsWith('checks[0].options: warn thresholds must not exceed crit'))).toBe(true);
    expect(en.some((l) => l.endsWith('checks[1].options: crit_days must not exceed warn_days'))).toBe(true);
    expect(en.some((l) => l.endsWith('checks[2].options: give prefix or glob, not both'))).toBe(true);
  });
});
