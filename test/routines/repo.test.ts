import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDone, listSignoffs, markSeen, NothingToUndo, undoLatest } from '../../src/routines/repo.js';
import { openStore } from '../../src/store/db.js';
import { type Backend, postgresBackend, rawQuery, sqliteBackend } from '../store/helpers.js';

const t0 = Date.parse('2025-03-01T08:00:00Z');
const day = (d: number) => new Date(t0 + d * 86_400_000);
const who = { by: 'alice', osUser: 'alice' };

describe.each<Backend>([sqliteBackend(), postgresBackend()])('routines repository on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('records when a routine id is first seen and keeps that date afterwards', async () => {
    const loc = await backend.fresh('seen');
    const store = await openStore(loc);
    const first = await markSeen(store.conn, ['backups'], day(0));
    expect(first.get('backups')).toEqual(day(0));
    const later = await markSeen(store.conn, ['backups', 'vm-updates'], day(5));
    expect(later.get('backups')).toEqual(day(0));
    expect(later.get('vm-updates')).toEqual(day(5));
    await store.close();
    // A second process (the daemon) sees the same dates.
    const again = await openStore(loc);
    expect((await markSeen(again.conn, ['backups'], day(9))).get('backups')).toEqual(day(0));
    await again.close();
  });

  it('appends sign-offs and undoes, and reads them back in log order', async () => {
    const loc = await backend.fresh('log');
    const store = await openStore(loc);
    const a = await appendDone(store.conn, {
      routine: 'backups',
      at: day(0),
      ...who,
      note: 'dumps ok',
      items: [1, 3],
    });
    const b = await appendDone(store.conn, {
      routine: 'backups',
      at: day(7),
      by: 'bob',
      osUser: 'root (sudo from bob)',
      note: 'oops, wrong routine',
      items: [],
    });
    await appendDone(store.conn, { routine: 'wiki', at: day(8), ...who, note: 'x', items: [] });
    const { undo, undone } = await undoLatest(store.conn, {
      routine: 'backups',
      at: day(7.1),
      ...who,
      note: 'bob meant wiki',
    });
    expect(undone.id).toBe(b.id);
    expect(undo).toMatchObject({ kind: 'undo', undoes: b.id, by: 'alice', note: 'bob meant wiki' });

    const log = await listSignoffs(store.conn.db, 'backups');
    expect(log.map((s) => [s.kind, s.by, s.note])).toEqual([
      ['done', 'alice', 'dumps ok'],
      ['done', 'bob', 'oops, wrong routine'],
      ['undo', 'alice', 'bob meant wiki'],
    ]);
    expect(log[0]).toMatchObject({ id: a.id, at: day(0), items: [1, 3], osUser: 'alice', source: 'cli' });
    expect(log[1]!.osUser).toBe('root (sudo from bob)');
    expect(await listSignoffs(store.conn.db)).toHaveLength(4);

    // The next undo cancels the sign-off now in force, then there is none left.
    expect(
      (await undoLatest(store.conn, { routine: 'backups', at: day(8), ...who, note: '' })).undone.id,
    ).toBe(a.id);
    await expect(
      undoLatest(store.conn, { routine: 'backups', at: day(9), ...who, note: '' }),
    ).rejects.toThrow(NothingToUndo);
    await store.close();
  });

  it('refuses to rewrite or delete the audit trail, even behind the store’s back', async () => {
    const loc = await backend.fresh('appendonly');
    const store = await openStore(loc);
    await appendDone(store.conn, { routine: 'backups', at: day(0), ...who, note: 'ok', items: [] });
    await expect(store.conn.db.deleteFrom('signoffs').execute()).rejects.toThrow(/append-only/);
    await expect(store.conn.db.updateTable('signoffs').set({ by_name: 'mallory' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await store.close();
    const rows = await rawQuery(loc, 'select by_name, note from signoffs');
    expect(rows).toEqual([{ by_name: 'alice', note: 'ok' }]);
  });

  it('never cancels one sign-off twice, even with concurrent undos', async () => {
    const loc = await backend.fresh('concurrent');
    const a = await openStore(loc);
    const b = await openStore(loc);
    await appendDone(a.conn, { routine: 'backups', at: day(0), ...who, note: 'one', items: [] });
    await appendDone(a.conn, { routine: 'backups', at: day(1), ...who, note: 'two', items: [] });
    const [u1, u2] = await Promise.all([
      undoLatest(a.conn, { routine: 'backups', at: day(2), ...who, note: '' }),
      undoLatest(b.conn, { routine: 'backups', at: day(2), ...who, note: '' }),
    ]);
    expect(new Set([u1.undone.note, u2.undone.note])).toEqual(new Set(['one', 'two']));
    await a.close();
    await b.close();
  });
});
