import { realpathSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Kysely as KyselyDb } from 'kysely';
import { Kysely, PostgresDialect, SqliteDialect, sql } from './kysely.js';
import type { DatabaseLocation } from './location.js';
import { migrateToLatest, type StoreDialect } from './migrator.js';
import { history, latestResults, previousResults, rounds } from './queries.js';
import { saveRound } from './save.js';
import type { Database as Schema } from './schema.js';
import { prepareSqliteFile } from './sqlite-file.js';
import type { Store } from './types.js';

/** How long a SQLite writer waits for another process's write lock (daemon and CLI share a file). */
const BUSY_TIMEOUT_MS = 10_000;

/** A connection with a way to run a write transaction that cannot deadlock with another writer. */
export interface Conn {
  db: KyselyDb<Schema>;
  dialect: StoreDialect;
  /** Runs `fn` in one transaction, serialised with every other writer of the database. */
  write<T>(fn: (trx: KyselyDb<Schema>) => Promise<T>): Promise<T>;
  /**
   * Changes whenever anyone (this connection, another one, another process)
   * has committed a write since the last call; equal values mean the data read
   * in between is still current. Read it *before* the data it labels. Cheap:
   * for caches of what pages read (web/memo.ts).
   */
  version(): Promise<string>;
}

/** Opens (and creates or migrates) the store. Concurrent opens of the same database are safe. */
export async function openStore(loc: DatabaseLocation): Promise<Store> {
  const conn =
    loc.kind === 'sqlite' ? await openSqlite(loc.path, loc.shared ?? false) : await openPostgres(loc.url);
  return {
    dialect: conn.dialect,
    conn,
    saveRound: (round, results) => saveRound(conn, round, results),
    history: (query) => history(conn.db, query),
    rounds: (query) => rounds(conn.db, query),
    latestResults: () => latestResults(conn.db),
    previousResults: (targets) => previousResults(conn.db, targets),
    close: () => conn.db.destroy(),
  };
}

async function openSqlite(path: string, shared: boolean): Promise<Conn> {
  prepareSqliteFile(path, shared);
  const key = realpathSync(path);
  const raw = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  // better-sqlite3 is synchronous: two connections of one process waiting on
  // each other's lock would block the thread until busy_timeout. A per-file
  // queue serialises this process's writers; BEGIN IMMEDIATE serialises
  // processes (a deferred transaction that upgrades to write can fail with
  // SQLITE_BUSY_SNAPSHOT instead of waiting).
  const write = <T>(fn: (trx: KyselyDb<Schema>) => Promise<T>): Promise<T> =>
    serialise(key, () =>
      db.connection().execute(async (c) => {
        await sql`begin immediate`.execute(c);
        try {
          const out = await fn(c);
          await sql`commit`.execute(c);
          return out;
        } catch (e) {
          await sql`rollback`.execute(c);
          throw e;
        }
      }),
    );
  try {
    // kysely's migration lock is a no-op on SQLite: the outer transaction is the lock.
    await write((c) => migrateToLatest(c, 'sqlite'));
  } catch (e) {
    await db.destroy();
    throw e;
  }
  // total_changes(): this connection's own writes; data_version: the other
  // connections' commits (of this process or another), as SQLite documents it.
  const version = async () => {
    const { rows } = await sql<{
      v: string;
    }>`select total_changes() || ':' || (select data_version from pragma_data_version()) as v`.execute(db);
    return String(rows[0]?.v);
  };
  return { db, dialect: 'sqlite', write, version };
}

async function openPostgres(url: string): Promise<Conn> {
  // Loaded only for PostgreSQL: the default SQLite store does not pay for it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // An idle connection dropped by a server restart must not crash the daemon:
  // the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  // The same for a connection in use between two queries (a transaction): pg
  // emits that on the client, where no listener means the process ends; the
  // query that uses it next fails and says why.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  // Two workers saving rounds for the same check+target must not both see the
  // old status: one transaction-scoped advisory lock serialises the writers.
  const write = <T>(fn: (trx: KyselyDb<Schema>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
      return fn(trx);
    });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  // The cluster's transaction snapshot (xmin:xmax:in-progress ids) moves on
  // every commit or abort of a transaction that wrote anything (PostgreSQL 13+).
  let unversioned = 0;
  const version = async () => {
    try {
      const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db);
      return String(rows[0]?.v);
    } catch {
      return `never-equal:${++unversioned}`; // before 13: no cache rather than a stale one
    }
  };
  return { db, dialect: 'postgres', write, version };
}

/** Arbitrary constant ("ronde" in ASCII), distinct from kysely's migration lock key. */
const WRITE_LOCK_KEY = 0x726f6e6465;

const queues = new Map<string, Promise<unknown>>();

function serialise<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}
