import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Cover, Selector } from './covers.js';

/*
 * Acknowledgements, silences and ad hoc maintenance windows in the store.
 * Rows are ended (ended_at, ended_by), never deleted: the page's history and
 * the audit log keep what was said.
 */

/** Every cover in force at `now`: open acknowledgements not expired, silences and windows in their span. */
export async function activeCovers(db: Kysely<Database>, now: Date): Promise<Cover[]> {
  const t = now.getTime();
  const acks = await db
    .selectFrom('acks')
    .selectAll()
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', t)]))
    .orderBy('id')
    .execute();
  const spans = await db
    .selectFrom('silences')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('starts_at', '<=', t)
    .where('ends_at', '>', t)
    .orderBy('id')
    .execute();
  return [
    ...acks.map(
      (a): Cover => ({
        type: 'ack',
        id: String(a.id),
        reason: a.reason,
        by: a.by_name,
        at: new Date(Number(a.at)),
        until: a.expires_at === null ? null : new Date(Number(a.expires_at)),
        check: a.check_name,
        target: a.target,
      }),
    ),
    ...spans.map(
      (s): Cover => ({
        type: s.type === 'maintenance' ? 'maintenance' : 'silence',
        id: String(s.id),
        reason: s.reason,
        by: s.by_name,
        at: new Date(Number(s.starts_at)),
        until: new Date(Number(s.ends_at)),
        selector: parseSelectorJson(s.selector),
        ...(Number(s.end_when_ok) === 1 ? { endWhenOk: true } : {}),
      }),
    ),
  ];
}

export interface NewAck {
  check: string;
  target: string;
  status: string;
  reason: string;
  by: string;
  at: Date;
  expiresAt: Date | null;
}

/** Acknowledges a problem; an open acknowledgement of the same check is replaced (ended by the new one). */
export async function addAck(trx: Kysely<Database>, a: NewAck): Promise<string> {
  await trx
    .updateTable('acks')
    .set({ ended_at: a.at.getTime(), ended_by: a.by })
    .where('target', '=', a.target)
    .where('check_name', '=', a.check)
    .where('ended_at', 'is', null)
    .execute();
  const row = await trx
    .insertInto('acks')
    .values({
      check_name: a.check,
      target: a.target,
      status: a.status,
      reason: a.reason,
      by_name: a.by,
      at: a.at.getTime(),
      expires_at: a.expiresAt?.getTime() ?? null,
      ended_at: null,
      ended_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Ends the open acknowledgement of a check (by a person, `recovery` or `expiry`); false when none. */
export async function endAck(
  trx: Kysely<Database>,
  target: string,
  check: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('acks')
    .set({ ended_at: at.getTime(), ended_by: by })
    .where('target', '=', target)
    .where('check_name', '=', check)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface NewSpan {
  type: 'silence' | 'maintenance';
  selector: Selector;
  reason: string;
  by: string;
  startsAt: Date;
  endsAt: Date;
  endWhenOk?: boolean;
}

export async function addSpan(trx: Kysely<Database>, s: NewSpan): Promise<string> {
  const row = await trx
    .insertInto('silences')
    .values({
      type: s.type,
      selector: JSON.stringify(s.selector),
      reason: s.reason,
      by_name: s.by,
      starts_at: s.startsAt.getTime(),
      ends_at: s.endsAt.getTime(),
      end_when_ok: s.endWhenOk ? 1 : 0,
      ended_at: null,
      ended_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Ends a silence or window early; false when it is not in force (or not of that type). */
export async function endSpan(
  trx: Kysely<Database>,
  id: string,
  type: 'silence' | 'maintenance',
  by: string,
  at: Date,
): Promise<boolean> {
  if (!/^\d+$/.test(id)) return false;
  const r = await trx
    .updateTable('silences')
    .set({ ended_at: at.getTime(), ended_by: by })
    .where('id', '=', Number(id))
    .where('type', '=', type)
    .where('ended_at', 'is', null)
    .where('ends_at', '>', at.getTime())
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Windows and silences of a type, newest first (for lists). */
export async function listSpans(
  db: Kysely<Database>,
  type: 'silence' | 'maintenance',
  limit = 50,
): Promise<(Cover & { endedAt: Date | null; endedBy: string | null })[]> {
  const rows = await db
    .selectFrom('silences')
    .selectAll()
    .where('type', '=', type)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((s) => ({
    type,
    id: String(s.id),
    reason: s.reason,
    by: s.by_name,
    at: new Date(Number(s.starts_at)),
    until: new Date(Number(s.ends_at)),
    selector: parseSelectorJson(s.selector),
    endedAt: s.ended_at === null ? null : new Date(Number(s.ended_at)),
    endedBy: s.ended_by,
    ...(Number(s.end_when_ok) === 1 ? { endWhenOk: true } : {}),
  }));
}

function parseSelectorJson(text: string): Selector {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const out: Selector = {};
    for (const k of ['host', 'tag', 'kind', 'check'] as const) if (typeof v[k] === 'string') out[k] = v[k];
    return out;
  } catch {
    return {};
  }
}
