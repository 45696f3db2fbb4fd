import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/access.js';
import { accessStore } from '../../src/store/access.js';
import { openStore } from '../../src/store/db.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import { type Backend, postgresBackend, sqliteBackend } from './helpers.js';

/** A write as an admin would type it in sqlite3 or psql, behind ronde's back. */
async function rawWrite(loc: DatabaseLocation, query: string): Promise<void> {
  if (loc.kind === 'sqlite') {
    const db = new Database(loc.path);
    try {
      db.prepare(query).run();
    } finally {
      db.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: loc.url });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

const alice: Principal = {
  id: 'uid=alice,ou=people,dc=lab,dc=test',
  name: 'alice',
  groups: ['admins'],
  flags: [],
};
const bob: Principal = { id: 'uid=bob,ou=people,dc=lab,dc=test', name: 'bob', groups: [], flags: ['stale'] };
const t = (m: number) => new Date(Date.parse('2026-11-01T08:00:00Z') + m * 60_000);

describe.each<Backend>([sqliteBackend(), postgresBackend()])('access reviews on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('keeps one snapshot per distinct state, and the approved one per source', async () => {
    const store = await openStore(await backend.fresh('access'));
    const access = accessStore(store.conn);
    const src = 'ldap@ronde';
    expect(await access.approvedAccess(src)).toBeUndefined();
    const s1 = await access.recordSnapshot(src, t(0), [bob, alice]);
    expect(s1.principals.map((p) => p.name)).toEqual(['alice', 'bob']);
    // Same principals in another order: the same snapshot, no new row.
    expect((await access.recordSnapshot(src, t(1), [alice, bob])).id).toBe(s1.id);
    await access.approve({ source: src, snapshotId: s1.id, at: t(2), by: 'alice', note: 'first review' });
    const carol: Principal = {
      id: 'uid=carol,ou=people,dc=lab,dc=test',
      name: 'carol',
      groups: [],
      flags: [],
    };
    const s2 = await access.recordSnapshot(src, t(3), [alice, bob, carol]);
    expect(s2.id).not.toBe(s1.id);
    expect((await access.latestSnapshot(src))?.id).toBe(s2.id);
    // Still the first approval until someone approves the new snapshot.
    const approved = await access.approvedAccess(src);
    expect(approved?.snapshot.id).toBe(s1.id);
    expect(approved?.approval).toMatchObject({ by: 'alice', note: 'first review', at: t(2) });
    await access.approve({ source: src, snapshotId: s2.id, at: t(4), by: 'bob', note: 'carol joined' });
    expect((await access.approvedAccess(src))?.snapshot.principals).toHaveLength(3);
    expect((await access.approvals(src)).map((a) => a.by)).toEqual(['bob', 'alice']);
    expect(await access.sources()).toEqual([src]);
    await store.close();
  });

  it('refuses to approve a snapshot of another source, and to rewrite or delete an approval', async () => {
    const loc = await backend.fresh('access-append');
    const store = await openStore(loc);
    const access = accessStore(store.conn);
    const s = await access.recordSnapshot('a@h', t(0), [alice]);
    await expect(
      access.approve({ source: 'b@h', snapshotId: s.id, at: t(1), by: 'x', note: '' }),
    ).rejects.toThrow(/no snapshot/);
    await access.approve({ source: 'a@h', snapshotId: s.id, at: t(1), by: 'x', note: '' });
    await store.close();
    await expect(rawWrite(loc, "update access_approvals set by_name = 'mallory'")).rejects.toThrow(
      /append-only/,
    );
    await expect(rawWrite(loc, 'delete from access_approvals')).rejects.toThrow(/append-only/);
  });
});
