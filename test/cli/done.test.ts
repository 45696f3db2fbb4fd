import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ronde, tempDir } from './run-cli.js';

/**
 * `ronde done` on a routine whose linked check is CRIT: refused without a
 * terminal, recorded with --force; the sign-off is queued for the team.
 */
describe('ronde done with a linked check not OK', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const db = join(dir, 'ronde.db');
  writeFileSync(
    config,
    `database: { path: ${db} }
hosts: [{ name: box, local: true }]
checks:
  # Any real filesystem is above 2 %: CRIT.
  - { kind: system.disk, name: disk-strict, options: { warn_pct: 1, crit_pct: 2 } }
team: [{ name: alice }]
notifiers:
  - { name: chat, type: webhook, url: "http://127.0.0.1:9/hook" }
routines:
  - { id: backups, title: Check the backups, every: 1w, checks: [disk-strict@box] }
`,
  );
  const env = { XDG_DATA_HOME: join(dir, 'data'), RONDE_USER: 'alice' };
  const run = (...args: string[]) => ronde(['--config', config, ...args], env);
  const outbox = () => {
    const conn = new Database(db, { readonly: true });
    try {
      return conn.prepare("SELECT event, payload FROM outbox WHERE event = 'routine.done'").all() as {
        event: string;
        payload: string;
      }[];
    } finally {
      conn.close();
    }
  };

  it('refuses without a terminal, names the check, records nothing', () => {
    expect(run('check').code).toBe(2);
    const r = run('done', 'backups', '-m', 'dumps restored');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^backups: 1 linked check is not OK:\n {2}CRIT {4}disk-strict on box: /);
    expect(r.stderr).toContain(
      'ronde: Not signed off. If it is done all the same, say why in --note and add --force.',
    );
    expect(r.stdout).toBe('');
    const show = JSON.parse(run('routines', 'show', 'backups', '--json').stdout);
    expect(show.routine.history).toEqual([]);
    expect(outbox()).toEqual([]);
  });

  it('with --force: warns, records, and queues one line for the team', () => {
    const r = run('done', 'backups', '-m', 'dumps restored, disk full is known', '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^backups: 1 linked check is not OK:/);
    expect(r.stdout).toMatch(/^Recorded #\d+: backups done by alice/);
    const queued = outbox();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.payload)).toMatchObject({
      event: 'routine.done',
      title: 'Done: Check the backups',
      text: 'alice signed off Check the backups (backups): dumps restored, disk full is known',
    });
  });
});
