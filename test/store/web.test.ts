import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, findSession } from '../../src/auth/sessions.js';
import { addUser, setPassword } from '../../src/auth/users.js';
import { appendDone, listSignoffs } from '../../src/routines/repo.js';
import { appendAudit, listAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/db.js';
import { type Backend, postgresBackend, rawQuery, sqliteBackend } from './helpers.js';

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
});
