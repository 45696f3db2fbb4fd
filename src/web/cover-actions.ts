import type { Kysely } from 'kysely';
import { parseDuration } from '../config/duration.js';
import type { Selector } from '../notify/covers.js';
import { formatSelector } from '../notify/covers.js';
import { addAck, addSpan, endAck, endSpan } from '../notify/covers-repo.js';
import { type AuditChannel, appendAudit } from '../store/audit.js';
import { latestResults } from '../store/queries.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';

/*
 * Acknowledge, silence, open and end maintenance: each change and its audit
 * entry in one transaction. Shared by the pages, the API and the chat.
 */

export interface Actor {
  name: string;
  address: string;
  channel: AuditChannel;
}

export class ActionError extends Error {
  override name = 'ActionError';
}

/** `4d`, `12h`, `90m` → ms; empty → null. */
export function parseFor(text: string | undefined): number | null {
  const s = (text ?? '').trim();
  if (s === '') return null;
  let sec: number;
  try {
    sec = parseDuration(s);
  } catch {
    throw new ActionError(`"${s}": expected a duration such as 2h, 4d, 1w`);
  }
  if (sec <= 0 || sec > 366 * 86_400) throw new ActionError(`"${s}": between a second and a year`);
  return sec * 1000;
}

const audit = (
  trx: Kysely<Database>,
  who: Actor,
  at: Date,
  action: string,
  subject: string,
  detail: Record<string, unknown>,
) =>
  appendAudit(trx, {
    at,
    actor: who.name,
    action,
    subject,
    detail,
    address: who.address,
    channel: who.channel,
  });

export async function acknowledge(
  store: Store,
  who: Actor,
  a: { target: string; check: string; reason: string; forMs: number | null; now: Date },
): Promise<string> {
  const reason = a.reason.trim();
  if (reason === '')
    throw new ActionError('an acknowledgement needs a reason ("disk ordered, until Friday")');
  const [state] = await latestResults(store.conn.db, { target: a.target, check: a.check });
  if (!state) throw new ActionError(`no check ${a.check} on ${a.target}`);
  if (state.status === 'OK') throw new ActionError(`${a.check} on ${a.target} is OK: nothing to acknowledge`);
  const expiresAt = a.forMs === null ? null : new Date(a.now.getTime() + a.forMs);
  return store.conn.write(async (trx) => {
    const id = await addAck(trx, {
      check: a.check,
      target: a.target,
      status: state.status,
      reason,
      by: who.name,
      at: a.now,
      expiresAt,
    });
    await audit(trx, who, a.now, 'ack', `${a.target}/${a.check}`, {
      reason,
      status: state.status,
      until: expiresAt?.toISOString() ?? 'recovery',
    });
    return id;
  });
}

export async function unacknowledge(
  store: Store,
  who: Actor,
  a: { target: string; check: string; now: Date },
): Promise<void> {
  await store.conn.write(async (trx) => {
    if (!(await endAck(trx, a.target, a.check, who.name, a.now)))
      throw new ActionError(`${a.check} on ${a.target} is not acknowledged`);
    await audit(trx, who, a.now, 'ack.end', `${a.target}/${a.check}`, {});
  });
}

export async function openSpan(
  store: Store,
  who: Actor,
  s: {
    type: 'silence' | 'maintenance';
    selector: Selector;
    reason: string;
    forMs: number | null;
    endWhenOk?: boolean;
    now: Date;
  },
): Promise<string> {
  const reason = s.reason.trim();
  if (reason === '') throw new ActionError(`a ${s.type} needs a reason`);
  if (s.forMs === null) throw new ActionError(`a ${s.type} needs an end: give a duration (2h, 1d)`);
  const endsAt = new Date(s.now.getTime() + s.forMs);
  return store.conn.write(async (trx) => {
    const id = await addSpan(trx, {
      type: s.type,
      selector: s.selector,
      reason,
      by: who.name,
      startsAt: s.now,
      endsAt,
      ...(s.endWhenOk ? { endWhenOk: true } : {}),
    });
    await audit(
      trx,
      who,
      s.now,
      s.type === 'silence' ? 'silence' : 'maintenance.start',
      `#${id} ${formatSelector(s.selector)}`,
      {
        reason,
        until: endsAt.toISOString(),
        ...(s.endWhenOk ? { endWhenOk: true } : {}),
      },
    );
    return id;
  });
}

export async function closeSpan(
  store: Store,
  who: Actor,
  s: { type: 'silence' | 'maintenance'; id: string; now: Date },
): Promise<void> {
  await store.conn.write(async (trx) => {
    if (!(await endSpan(trx, s.id, s.type, who.name, s.now)))
      throw new ActionError(`no ${s.type} #${s.id} in force`);
    await audit(trx, who, s.now, s.type === 'silence' ? 'silence.end' : 'maintenance.end', `#${s.id}`, {});
  });
}
