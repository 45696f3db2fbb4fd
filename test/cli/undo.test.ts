import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ronde, tempDir } from './run-cli.js';

/**
 * `ronde undo` is told to the team as the sign-off was: whoever read "Fait :
 * …" learns that it is not done after all, in the team's language, and the
 * audit keeps who undid what.
 */
describe('ronde undo announces the cancelled sign-off', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const db = join(dir, 'ronde.db');
  writeFileSync(
    config,
    `language: fr
timezone: Europe/Paris
database: { path: ${db} }
hosts: [{ name: box, local: true }]
team: [{ name: alice }, { name: bob }]
notifiers:
  - { name: chat, type: webhook, url: "http://127.0.0.1:9/hook" }
routines:
  - { id: sauvegardes, title: Vérifier les sauvegardes, every: 1w }
`,
  );
  const env = { XDG_DATA_HOME: join(dir, 'data'), LANG: 'en_US.UTF-8' };
  const run = (user: string, ...args: string[]) =>
    ronde(['--config', config, ...args], { ...env, RONDE_USER: user });
  const read = <T>(sql: string): T[] => {
    const conn = new Database(db, { readonly: true });
    try {
      return conn.prepare(sql).all() as T[];
    } finally {
      conn.close();
    }
  };

  it('queues one French line naming who undid whose sign-off, and audits it', () => {
    const done = run('alice', 'done', 'sauvegardes', '-m', 'dumps restaurés');
    expect(done.code, done.stderr).toBe(0);
    const undo = run('bob', 'undo', 'sauvegardes', '-m', 'mauvaise routine');
    expect(undo.code, undo.stderr).toBe(0);

    const queued = read<{ payload: string }>(
      "SELECT payload FROM outbox WHERE event = 'routine.done' ORDER BY id",
    ).map((r) => JSON.parse(r.payload) as { title: string; text: string });
    expect(queued).toHaveLength(2);
    expect(queued[0]).toMatchObject({ title: 'Fait : Vérifier les sauvegardes' });
    expect(queued[1]).toMatchObject({ title: 'Finalement pas fait : Vérifier les sauvegardes' });
    expect(queued[1]!.text).toMatch(
      /^bob a annulé la validation de Vérifier les sauvegardes \(sauvegardes\) faite par alice le \d{4}-\d\d-\d\d \d\d:\d\d CES?T : mauvaise routine\. La routine est de nouveau due comme avant\.$/,
    );

    const audit = read<{ action: string; subject: string; detail: string }>(
      "SELECT action, subject, detail FROM audit WHERE action = 'undo'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe('sauvegardes');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ by: 'bob', note: 'mauvaise routine' });
  });

  it('a second undo with nothing left to cancel queues nothing', () => {
    expect(run('bob', 'undo', 'sauvegardes').code).toBe(64);
    expect(read("SELECT id FROM outbox WHERE event = 'routine.done'")).toHaveLength(2);
  });
});
