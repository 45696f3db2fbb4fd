import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import type { FailureKind, OutboxState } from './outbox.js';
import type { Message } from './types.js';

/*
 * What a person can do about the outbox (`ronde outbox`): see what is not
 * sent and why, send it again, or give it up — each act recorded with who,
 * when and why (outbox_actions), since a dropped alert is a decision someone
 * must be able to account for.
 */

export interface OutboxEntry {
  id: number;
  key: string;
  notifier: string;
  event: string;
  title: string;
  state: OutboxState;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  lastError: string | null;
  failure: FailureKind | null;
}

/** The messages not sent yet (pending, sending, failed), oldest first; with `all`, also sent and dropped ones. */
export async function listOutbox(
  store: Pick<Store, 'conn'>,
  opts: { all?: boolean; limit?: number } = {},
): Promise<OutboxEntry[]> {
  let q = store.conn.db.selectFrom('outbox').selectAll().orderBy('id');
  if (!opts.all) q = q.where('state', 'in', ['pending', 'sending', 'failed']);
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    key: r.key,
    notifier: r.notifier,
    event: r.event,
    title: (JSON.parse(r.payload) as Message).title,
    state: r.state as OutboxState,
    attempts: Number(r.attempts),
    createdAt: new Date(Number(r.created_at)),
    nextAttemptAt: new Date(Number(r.next_attempt_at)),
    lastError: r.last_error,
    failure: (r.failure as FailureKind | null) ?? null,
  }));
}

export interface Actor {
  /** The person (--by, else $RONDE_USER, else the OS user). */
  by: string;
  osUser: string;
}

export type ActionOutcome =
  | { id: number; done: true; stateBefore: OutboxState }
  | {
      id: number;
      done: false;
      why: string;
      /** What `why` says, for a caller that says it in another language: no such message, changed meanwhile, or its state (`state`). */
      refused: 'missing' | 'changed' | 'state';
      state?: string;
    };

/** Why a message in this state cannot be acted on, or undefined when it can. */
function refusal(action: 'retry' | 'drop', state: string): string | undefined {
  if (state === 'failed' || state === 'pending') return undefined;
  if (state === 'sent') return 'it was sent already';
  if (state === 'dropped') return 'it was dropped (see `ronde outbox --all`)';
  if (state === 'sending') return `it is being sent right now; ${action} it if that fails`;
  return `its state is ${state}`;
}

/**
 * Puts failed messages (or pending ones waiting out a back-off) back in the
 * queue, due now, with a fresh count of attempts. The idempotency key is kept:
 * a receiver that saw an earlier try can recognise it. Ids: these messages;
 * none: every failed one.
 */
export async function retryMessages(
  store: Pick<Store, 'conn'>,
  ids: readonly number[] | 'all-failed',
  actor: Actor,
  now: Date,
  action: 'retry' | 'requeue' = 'retry',
  reason: string | null = null,
): Promise<ActionOutcome[]> {
  return store.conn.write(async (trx) => {
    const rows = await targetRows(trx, ids);
    const out: ActionOutcome[] = [];
    for (const id of ids === 'all-failed' ? rows.map((r) => Number(r.id)) : ids) {
      const row = rows.find((r) => Number(r.id) === id);
      const why = row ? refusal('retry', row.state) : 'no such message';
      if (!row || why) {
        out.push(
          row
            ? { id, done: false, why: why ?? '', refused: 'state', state: row.state }
            : { id, done: false, why: 'no such message', refused: 'missing' },
        );
        continue;
      }
      const res = await trx
        .updateTable('outbox')
        .set({
          state: 'pending',
          attempts: 0,
          next_attempt_at: now.getTime(),
          claimed_at: null,
          claimed_by: null,
          failure: null,
        })
        .where('id', '=', id)
        .where('state', '=', row.state)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        out.push({ id, done: false, why: 'it changed meanwhile; look again', refused: 'changed' });
        continue;
      }
      await audit(trx, row, action, actor, now, reason);
      out.push({ id, done: true, stateBefore: row.state as OutboxState });
    }
    return out;
  });
}

/** Gives messages up for good, with the reason recorded: `ronde.self` stops counting them. */
export async function dropMessages(
  store: Pick<Store, 'conn'>,
  ids: readonly number[],
  actor: Actor,
  reason: string,
  now: Date,
): Promise<ActionOutcome[]> {
  return store.conn.write(async (trx) => {
    const rows = await targetRows(trx, ids);
    const out: ActionOutcome[] = [];
    for (const id of ids) {
      const row = rows.find((r) => Number(r.id) === id);
      const why = row ? refusal('drop', row.state) : 'no such message';
      if (!row || why) {
        out.push(
          row
            ? { id, done: false, why: why ?? '', refused: 'state', state: row.state }
            : { id, done: false, why: 'no such message', refused: 'missing' },
        );
        continue;
      }
      const res = await trx
        .updateTable('outbox')
        .set({ state: 'dropped', claimed_at: null, claimed_by: null })
        .where('id', '=', id)
        .where('state', '=', row.state)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        out.push({ id, done: false, why: 'it changed meanwhile; look again', refused: 'changed' });
        continue;
      }
      await audit(trx, row, 'drop', actor, now, reason);
      out.push({ id, done: true, stateBefore: row.state as OutboxState });
    }
    return out;
  });
}

/**
 * At the start of `ronde serve`, once every notifier secret resolves: the
 * messages that failed only because a secret was missing go back in the
 * queue (they never reached anyone). Recorded as a 'requeue' by ronde.
 */
export async function requeueSecretFailures(
  store: Pick<Store, 'conn'>,
  actor: Actor,
  now: Date,
): Promise<number[]> {
  const rows = await store.conn.db
    .selectFrom('outbox')
    .select('id')
    .where('state', '=', 'failed')
    .where('failure', '=', 'secret')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const done = await retryMessages(
    store,
    rows.map((r) => Number(r.id)),
    actor,
    now,
    'requeue',
    'every notifier secret resolves at start',
  );
  return done.filter((d) => d.done).map((d) => d.id);
}

export interface OutboxAction {
  outboxId: number;
  action: string;
  by: string;
  osUser: string;
  at: Date;
  reason: string | null;
  stateBefore: string;
  lastError: string | null;
}

/** The audit trail of one message, or of all (newest last). */
export async function outboxActions(store: Pick<Store, 'conn'>, outboxId?: number): Promise<OutboxAction[]> {
  let q = store.conn.db.selectFrom('outbox_actions').selectAll().orderBy('id');
  if (outboxId !== undefined) q = q.where('outbox_id', '=', outboxId);
  return (await q.execute()).map((r) => ({
    outboxId: Number(r.outbox_id),
    action: r.action,
    by: r.by,
    osUser: r.os_user,
    at: new Date(Number(r.at)),
    reason: r.reason,
    stateBefore: r.state_before,
    lastError: r.last_error,
  }));
}

async function targetRows(trx: Kysely<Database>, ids: readonly number[] | 'all-failed') {
  const q = trx.selectFrom('outbox').select(['id', 'key', 'notifier', 'event', 'state', 'last_error']);
  if (ids === 'all-failed') return q.where('state', '=', 'failed').orderBy('id').execute();
  if (ids.length === 0) return [];
  return q.where('id', 'in', [...ids]).execute();
}

async function audit(
  trx: Kysely<Database>,
  row: {
    id: number | string;
    key: string;
    notifier: string;
    event: string;
    state: string;
    last_error: string | null;
  },
  action: string,
  actor: Actor,
  now: Date,
  reason: string | null,
): Promise<void> {
  await trx
    .insertInto('outbox_actions')
    .values({
      outbox_id: Number(row.id),
      key: row.key,
      notifier: row.notifier,
      event: row.event,
      action,
      by: actor.by,
      os_user: actor.osUser,
      at: now.getTime(),
      reason,
      state_before: row.state,
      last_error: row.last_error,
    })
    .execute();
}
