import type { Kysely } from 'kysely';
import type { Conn } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { effectiveSignoffs, type Signoff } from './state.js';

/*
 * The sign-off log and the first-seen dates in the store. One set of queries
 * for SQLite and PostgreSQL; times are integer ms like the rest of the store.
 */

/** `web`: the team's page; `chat`: the Mattermost slash command. */
export type SignoffSource = 'cli' | 'auto' | 'web' | 'chat';

/** A sign-off as stored: the pure `Signoff` plus where it came from. */
export interface StoredSignoff extends Signoff {
  source: SignoffSource;
}

export interface NewSignoff {
  routine: string;
  at: Date;
  by: string;
  osUser: string;
  note: string;
  items: number[];
  /** `auto`: a `done_when: checks_ok` completion by the daemon. */
  source?: SignoffSource;
}

/** Thrown by `undoLatest` when the routine has no sign-off in force. */
export class NothingToUndo extends Error {
  constructor(readonly routine: string) {
    super(`routine "${routine}" has no sign-off to undo`);
    this.name = 'NothingToUndo';
  }
}

/**
 * When each routine id was first seen, recording `now` for the ids never seen
 * before. Reads first: the usual case (all known) takes no write lock.
 */
export async function markSeen(conn: Conn, ids: readonly string[], now: Date): Promise<Map<string, Date>> {
  const seen = await readSeen(conn.db, ids);
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length === 0) return seen;
  return conn.write(async (trx) => {
    // Another process may have recorded some meanwhile: its date wins.
    await trx
      .insertInto('routine_seen')
      .values(missing.map((routine) => ({ routine, first_seen_at: now.getTime() })))
      .onConflict((oc) => oc.column('routine').doNothing())
      .execute();
    return readSeen(trx, ids);
  });
}

async function readSeen(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('routine_seen')
    .select(['routine', 'first_seen_at'])
    .where('routine', 'in', [...ids])
    .execute();
  for (const r of rows) out.set(r.routine, new Date(Number(r.first_seen_at)));
  return out;
}

/** The whole log (or one routine's), in the order it was written. */
export async function listSignoffs(db: Kysely<Database>, routine?: string): Promise<StoredSignoff[]> {
  let q = db.selectFrom('signoffs').selectAll().orderBy('id', 'asc');
  if (routine !== undefined) q = q.where('routine', '=', routine);
  return (await q.execute()).map(fromRow);
}

/**
 * Appends a `done` entry and gives it back as stored; `alongside` runs in the
 * same transaction (the audit entry of a sign-off from the page or the chat,
 * the outbox row announcing it: all are written, or none).
 */
export async function appendDone(
  conn: Conn,
  s: NewSignoff,
  alongside?: (trx: Kysely<Database>, stored: StoredSignoff) => Promise<unknown>,
): Promise<StoredSignoff> {
  return conn.write(async (trx) => {
    const stored = await insert(trx, { ...s, kind: 'done', undoes: null });
    await alongside?.(trx, stored);
    return stored;
  });
}

/**
 * Appends an `undo` of the latest sign-off in force (by time, as the state
 * computes it), read and written in one serialised transaction so two undos
 * cannot cancel the same entry. Throws NothingToUndo when there is none.
 */
export async function undoLatest(
  conn: Conn,
  u: Omit<NewSignoff, 'items' | 'source'>,
  alongside?: (trx: Kysely<Database>, undo: StoredSignoff, undone: StoredSignoff) => Promise<unknown>,
): Promise<{ undo: StoredSignoff; undone: StoredSignoff }> {
  return conn.write(async (trx) => {
    const log = (
      await trx.selectFrom('signoffs').selectAll().where('routine', '=', u.routine).orderBy('id').execute()
    ).map(fromRow);
    let undone: StoredSignoff | undefined;
    for (const s of effectiveSignoffs(log) as StoredSignoff[])
      if (!undone || s.at.getTime() >= undone.at.getTime()) undone = s;
    if (!undone) throw new NothingToUndo(u.routine);
    const undo = await insert(trx, { ...u, items: [], source: 'cli', kind: 'undo', undoes: undone.id });
    await alongside?.(trx, undo, undone);
    return { undo, undone };
  });
}

async function insert(
  trx: Kysely<Database>,
  s: NewSignoff & { kind: 'done' | 'undo'; undoes: string | null },
): Promise<StoredSignoff> {
  const row = await trx
    .insertInto('signoffs')
    .values({
      routine: s.routine,
      kind: s.kind,
      at: s.at.getTime(),
      by_name: s.by,
      os_user: s.osUser,
      note: s.note,
      items: JSON.stringify(s.items),
      undoes: s.undoes === null ? null : Number(s.undoes),
      source: s.source ?? 'cli',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

function fromRow(r: {
  id: number | string;
  routine: string;
  kind: string;
  at: number | string;
  by_name: string;
  os_user: string;
  note: string;
  items: string;
  undoes: number | string | null;
  source: string;
}): StoredSignoff {
  const s: StoredSignoff = {
    id: String(r.id),
    routine: r.routine,
    kind: r.kind === 'undo' ? 'undo' : 'done',
    at: new Date(Number(r.at)),
    by: r.by_name,
    osUser: r.os_user,
    note: r.note,
    items: parseItems(r.items),
    source: SOURCES.includes(r.source as SignoffSource) ? (r.source as SignoffSource) : 'cli',
  };
  if (r.undoes !== null) s.undoes = String(r.undoes);
  return s;
}

const SOURCES: readonly string[] = ['cli', 'auto', 'web', 'chat'];

function parseItems(text: string): number[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}
