import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, findSession } from '../../src/auth/sessions.js';
import { addUser, setPassword } from '../../src/auth/users.js';
import { appendDone, listSignoffs } from '../../src/routines/repo.js';
import { appendAudit, listAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/db.js';
import { webIndexesMigration } from '../../src/store/migrations/0012-web-indexes.js';
import { latestResults, stateCounts, statusCounts } from '../../src/store/queries.js';
import { reads } from '../../src/web/memo.js';
import { type Backend, postgresBackend, rawQuery, result, round, sqliteBackend } from './helpers.js';

const now = new Date('2026-03-02T09:00:00Z');

describe.each<Backend>([sqliteBackend(), postgresBackend()])('store of the team page on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('keeps sign-offs append-only after widening their sources to web and chat', async () => {
    const loc = await backend.fresh('signoffs');
    const store = await openStore(loc);
    const s = { routine: 'backups', at: now, by: 'alice', osUser: 'www', note: 'ok', items: [] };
    await appendDone(store.conn, { ...s, source: 'web' });
    await appendDone(store.conn, { ...s, source: 'chat' });
    expect((await listSignoffs(store.conn.db)).map((x) => x.source)).toEqual(['web', 'chat']);
    await expect(store.conn.db.deleteFrom('signoffs').execute()).rejects.toThrow(/append-only/);
    await expect(store.conn.db.updateTable('signoffs').set({ note: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      store.conn.db
        .insertInto('signoffs')
        .values({
          routine: 'r',
          kind: 'done',
          at: 1,
          by_name: 'a',
          os_user: 'a',
          note: '',
          items: '[]',
          undoes: null,
          source: 'mail',
        })
        .execute(),
    ).rejects.toThrow();
    await store.close();
  });

  it('refuses to rewrite the audit log', async () => {
    const loc = await backend.fresh('audit');
    const store = await openStore(loc);
    await store.conn.write((trx) =>
      appendAudit(trx, {
        at: now,
        actor: 'alice',
        action: 'login',
        subject: 'alice',
        address: '::1',
        channel: 'web',
      }),
    );
    await expect(store.conn.db.deleteFrom('audit').execute()).rejects.toThrow(/append-only/);
    await expect(store.conn.db.updateTable('audit').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      /append-only/,
    );
    expect((await listAudit(store.conn.db))[0]).toMatchObject({ actor: 'alice', address: '::1' });
    expect(await rawQuery(loc, 'select actor from audit')).toEqual([{ actor: 'alice' }]);
    await store.close();
  });

  it('ends every session of a user whose password changes', async () => {
    const store = await openStore(await backend.fresh('sessions'));
    const { token } = await store.conn.write(async (trx) => {
      const user = await addUser(trx, {
        name: 'bob',
        role: 'operator',
        password: 'first long password',
        now,
      });
      return createSession(trx, user, { now, ttlMs: 3_600_000, address: '::1' });
    });
    expect((await findSession(store.conn.db, token, now))?.user.name).toBe('bob');
    await store.conn.write((trx) => setPassword(trx, 'bob', 'second long password', now));
    expect(await findSession(store.conn.db, token, now)).toBeUndefined();
    await store.close();
  });

  it('reads only what the page shows: problems, counts by status, the checks of a routine', async () => {
    const store = await openStore(await backend.fresh('page-reads'));
    await store.saveRound(round(now), [
      result('disk', 'web1', 'CRIT', now),
      result('disk', 'web2', 'OK', now),
      result('disk', 'db1', 'WARN', now),
      result('units', 'web1', 'UNKNOWN', now, { kind: 'system.units', notApplicable: true }),
      result('units', 'web2', 'UNKNOWN', now, { kind: 'system.units' }),
      result('images', 'web2', 'OK', now, { kind: 'docker.updates', notApplicable: true }),
    ]);
    const problems = await latestResults(store.conn.db, { problems: true });
    expect(problems.map((p) => `${p.target}/${p.check}/${p.status}`)).toEqual([
      'db1/disk/WARN',
      'web1/disk/CRIT',
      'web2/units/UNKNOWN',
    ]);
    expect(await statusCounts(store.conn.db)).toEqual({
      OK: 2,
      WARN: 1,
      CRIT: 1,
      UNKNOWN: 1,
      notApplicable: 1,
    });
    // By instance name or by kind, on given hosts; a tag with no host matches nothing.
    const linked = await latestResults(store.conn.db, {
      any: [
        { name: 'system.disk', targets: ['web1', 'web2'] },
        { name: 'units' },
        { name: 'x', targets: [] },
      ],
    });
    expect(linked.map((p) => `${p.target}/${p.check}`)).toEqual([
      'web1/disk',
      'web1/units',
      'web2/disk',
      'web2/units',
    ]);
    expect(linked.find((p) => p.check === 'units' && p.target === 'web1')?.notApplicable).toBe(true);
    expect(await latestResults(store.conn.db, { any: [{ name: 'x', targets: [] }] })).toEqual([]);
    const counts = await stateCounts(store.conn.db, [
      { name: 'disk', targets: ['web1', 'web2'] },
      { name: 'system.units' },
      { name: 'nothing' },
    ]);
    const sorted = counts.map((g) => [...g].sort((a, b) => a.status.localeCompare(b.status)));
    expect(sorted).toEqual([
      [
        { status: 'CRIT', notApplicable: false, n: 1 },
        { status: 'OK', notApplicable: false, n: 1 },
      ],
      [
        { status: 'UNKNOWN', notApplicable: false, n: 1 },
        { status: 'UNKNOWN', notApplicable: true, n: 1 },
      ].sort((a, b) => Number(a.notApplicable) - Number(b.notApplicable)),
      [],
    ]);
    // The next result clears "not applicable" on the state (save.ts keeps it beside the status).
    await store.saveRound(round(new Date(now.getTime() + 60_000)), [
      result('units', 'web1', 'UNKNOWN', new Date(now.getTime() + 60_000), { kind: 'system.units' }),
    ]);
    expect((await statusCounts(store.conn.db)).UNKNOWN).toBe(2);
    await store.close();
  });

  it('gives every write a new version, whoever made it, so what the pages keep never goes stale', async () => {
    const loc = await backend.fresh('version');
    const web = await openStore(loc);
    const daemon = await openStore(loc); // another connection: the daemon's, or a CLI's
    const problems = async () => {
      const kept = await reads(web, scope);
      const states = await kept.get('problems', () => latestResults(web.conn.db, { problems: true }));
      return states.map((p) => `${p.target}/${p.status}`);
    };
    const scope = {};
    const v0 = await web.conn.version();
    if (backend.name === 'sqlite') {
      // Reads change nothing: the kept value is used again.
      await latestResults(web.conn.db);
      expect(await web.conn.version()).toBe(v0);
      let loads = 0;
      const kept = await reads(web, scope);
      await kept.get('count', async () => ++loads);
      await (await reads(web, scope)).get('count', async () => ++loads);
      expect(loads).toBe(1);
    }
    expect(await problems()).toEqual([]);
    // Its own connection's write…
    await web.saveRound(round(now), [result('disk', 'web1', 'CRIT', now)]);
    const v1 = await web.conn.version();
    expect(v1).not.toBe(v0);
    expect(await problems()).toEqual(['web1/CRIT']);
    // …and another connection's.
    await daemon.saveRound(round(now), [result('disk', 'db1', 'WARN', now)]);
    expect(await web.conn.version()).not.toBe(v1);
    expect(await problems()).toEqual(['db1/WARN', 'web1/CRIT']);
    // A new scope (a reloaded configuration) reads afresh.
    let loads = 0;
    await (await reads(web, {})).get('problems', async () => ++loads);
    expect(loads).toBe(1);
    await daemon.close();
    await web.close();
  });

  it('fills not_applicable of the states already there when migrating to 0012', async () => {
    const store = await openStore(await backend.fresh('na-backfill'));
    await store.saveRound(round(now), [
      result('units', 'web1', 'UNKNOWN', now, { kind: 'system.units', notApplicable: true }),
      result('disk', 'web1', 'OK', now),
    ]);
    const migration = webIndexesMigration(backend.name);
    await migration.down!(store.conn.db as never);
    await migration.up(store.conn.db as never);
    const states = await latestResults(store.conn.db, {});
    expect(states.map((s) => [s.check, s.notApplicable ?? false])).toEqual([
      ['disk', false],
      ['units', true],
    ]);
    await store.close();
  });
});
