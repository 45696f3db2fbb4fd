import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseLocation } from '../store/location.js';

/*
 * One `ronde serve` per store. Two daemons on one database would run every
 * check twice and race for the outbox; the second one must refuse to start
 * and say who holds the store. The lock is the operating system's (or the
 * server's), so a killed daemon never leaves a stale one behind.
 *
 * - SQLite: `<database>.serve-lock`, a small SQLite file whose write lock
 *   (an fcntl lock, released by the kernel when the process dies) is held as
 *   long as the daemon runs. Its one row names the holder; others can read it
 *   while the lock is held.
 * - PostgreSQL: a session advisory lock held on a connection of its own; the
 *   holder is named by that connection's application_name.
 */

/** The daemon's claim on its store. `release()` lets the next daemon start at once. */
export interface ServeLock {
  /** Where the lock lives (for the log). */
  readonly where: string;
  release(): Promise<void>;
  /** Called if the lock is lost (PostgreSQL connection gone). */
  onLost(fn: (err: Error) => void): void;
}

/** Another daemon holds the store. */
export class StoreBusy extends Error {
  constructor(readonly holder: string) {
    super(
      `another ronde serve is running on this store (${holder}); ` +
        'stop it first (systemctl stop ronde), or give this one another database',
    );
    this.name = 'StoreBusy';
  }
}

/** `host pid N since TIME`: who we are, as the next daemon will read it. */
export function describeMe(now = new Date()): string {
  return `pid ${process.pid} on ${hostname()}, since ${now.toISOString()}`;
}

export async function acquireServeLock(loc: DatabaseLocation, me = describeMe()): Promise<ServeLock> {
  return loc.kind === 'sqlite' ? sqliteLock(`${loc.path}.serve-lock`, me) : postgresLock(loc.url, me);
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function sqliteLock(file: string, me: string): ServeLock {
  // Before the store is opened (which would create its directory): a first start.
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 0 });
  const fail = (err: unknown): never => {
    const holder = readHolder(db);
    db.close();
    if (isBusy(err)) throw new StoreBusy(holder ?? `lock file ${file}`);
    throw err;
  };
  try {
    db.exec('create table if not exists holder (id integer primary key check (id = 1), who text not null)');
  } catch (err) {
    fail(err);
  }
  // The holder's name must be committed (readable by others) before the lock
  // is taken for good, and committing releases the lock: so name ourselves,
  // take the lock again, and keep it only if the name is still ours (another
  // daemon may have named itself in between; it will find the lock taken).
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      db.exec('begin immediate');
    } catch (err) {
      fail(err);
    }
    db.prepare(
      'insert into holder (id, who) values (1, ?) on conflict (id) do update set who = excluded.who',
    ).run(me);
    db.exec('commit');
    try {
      db.exec('begin immediate');
    } catch (err) {
      if (!isBusy(err)) fail(err);
      continue;
    }
    if (readHolder(db) === me)
      return {
        where: file,
        release: async () => {
          db.close();
        },
        onLost: () => {},
      };
    db.exec('commit');
  }
  return fail(Object.assign(new Error('lock contention'), { code: 'SQLITE_BUSY' }));
}

function readHolder(db: Database.Database): string | undefined {
  try {
    const row = db.prepare('select who from holder where id = 1').get() as { who: string } | undefined;
    return row?.who;
  } catch {
    return undefined;
  }
}

/** `ronde serve`'s session lock key (pg_try_advisory_lock(int, int)): "rond", 1. */
const PG_KEY = [0x726f6e64, 1] as const;

async function postgresLock(url: string, me: string): Promise<ServeLock> {
  const { default: pg } = await import('pg');
  // application_name is at most 63 bytes; it is what the next daemon reads.
  const name = `ronde serve ${me}`.slice(0, 63);
  const client = new pg.Client({ connectionString: url, application_name: name });
  await client.connect();
  const lost: ((err: Error) => void)[] = [];
  let released = false;
  client.on('error', (err) => {
    if (!released) for (const f of lost) f(err);
  });
  try {
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [...PG_KEY]);
    if (!got.rows[0]?.ok) {
      const who = await client.query<{
        application_name: string;
        client_addr: string | null;
        backend_start: Date;
      }>(
        `select a.application_name, a.client_addr::text as client_addr, a.backend_start
           from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = $2 and l.objsubid = 2`,
        [...PG_KEY],
      );
      const h = who.rows[0];
      throw new StoreBusy(
        h
          ? `${h.application_name.replace(/^ronde serve /, '') || 'a client'}${h.client_addr ? ` from ${h.client_addr}` : ''}`
          : 'a PostgreSQL session holds its advisory lock',
      );
    }
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return {
    where: 'PostgreSQL advisory lock',
    release: async () => {
      released = true;
      await client.end().catch(() => undefined);
    },
    onLost: (f) => {
      lost.push(f);
    },
  };
}
