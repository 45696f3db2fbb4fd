import type { Kysely } from 'kysely';
import { parseDuration } from '../config/duration.js';
import { type Key, type Lang, type Params, t } from '../i18n/index.js';
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

/**
 * A refused action. Its message is English (the API, the chat); built from
 * the catalogue's words, `sayIn(lang)` says it in another language (the CLI).
 */
export class ActionError extends Error {
  override name = 'ActionError';
  readonly sayIn: (lang: Lang) => string;
  constructor(words: string | ((lang: Lang) => string)) {
    super(typeof words === 'string' ? words : words('en'));
    this.sayIn = typeof words === 'string' ? () => words : words;
  }
}

/** An ActionError in the catalogue's words. */
const refuse = <K extends Key>(key: K, ...params: Params<K>) =>
  new ActionError((lang) => t(lang, key, ...params));

/** `4d`, `12h`, `90m` → ms; empty → null. */
export function parseFor(text: string | undefined): number | null {
  const s = (text ?? '').trim();
  if (s === '') return null;
  let sec: number;
  try {
    sec = parseDuration(s);
  } catch {
    throw refuse('cover.error.duration', { s });
  }
  if (sec <= 0 || sec > 366 * 86_400) throw refuse('cover.error.range', { s });
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
  if (reason === '') throw refuse('cover.error.ackReason');
  const [state] = await latestResults(store.conn.db, { target: a.target, check: a.check });
  if (!state) throw refuse('cover.error.noCheck', { check: a.check, target: a.target });
  if (state.status === 'OK') throw refuse('cover.error.isOk', { check: a.check, target: a.target });
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
      throw refuse('cover.error.notAcked', { check: a.check, target: a.target });
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
  if (reason === '') throw refuse(`cover.error.${s.type}.reason`);
  if (s.forMs === null) throw refuse(`cover.error.${s.type}.end`);
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
      throw refuse(`cover.error.${s.type}.none`, { id: s.id });
    await audit(trx, who, s.now, s.type === 'silence' ? 'silence.end' : 'maintenance.end', `#${s.id}`, {});
  });
}
