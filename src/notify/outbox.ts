import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sayError } from '../core/said.js';
import { type Lang, t as words } from '../i18n/index.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import type { Draft } from './format.js';
import type { Route } from './schema.js';
import { route } from './schema.js';
import { type Message, type Notifier, NotifyError } from './types.js';

/*
 * The durable outbox (style guide §6): a message is a row written in the same
 * transaction as the state change that causes it; one sender claims it by a
 * conditional update, sends it, and records the outcome. A crash between the
 * receiver's acceptance and our commit re-sends it later with the same key.
 */

/** `suppressed`: held back by an acknowledgement, silence or maintenance window (notify/hold.ts), never sent. */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dropped' | 'suppressed';
/** Why a message is `failed`: refused, a secret that did not resolve, or transient failures given up on. */
export type FailureKind = 'permanent' | 'secret' | 'exhausted';

/** A claim older than this is presumed dead (its sender crashed) and may be taken over. */
export const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;
const MAX_ERROR = 1000;
/** Transient failures are retried this many attempts in all (about 3 h of back-off), then the message fails. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface Routing {
  routes?: readonly Route[];
  /** Configured notifier names, in config order. */
  notifierNames: readonly string[];
}

/** The idempotency key of one event for one notifier: stable across replays and restarts. */
export function messageKey(identity: string, notifier: string): string {
  return createHash('sha256').update(`${identity}\0${notifier}`).digest('hex');
}

/**
 * Inside the caller's transaction: one row per routed notifier. A key already
 * present (a replay of the same event) inserts nothing. Returns rows inserted.
 */
export async function enqueue(
  trx: Kysely<Database>,
  identity: string,
  draft: Draft,
  routing: Routing,
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (const notifier of route(draft.event, routing.routes, routing.notifierNames)) {
    const key = messageKey(identity, notifier);
    const msg: Message = { key, ...draft };
    const res = await trx
      .insertInto('outbox')
      .values({
        key,
        notifier,
        event: draft.event,
        payload: JSON.stringify(msg),
        created_at: now.getTime(),
        state: 'pending',
        attempts: 0,
        next_attempt_at: now.getTime(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export interface ClaimedMessage {
  id: number;
  notifier: string;
  attempts: number;
  message: Message;
}

/**
 * Claims the next message due for sending, or undefined. The update is
 * conditional on the row still being claimable, so of two workers racing for
 * one row exactly one wins; the loser tries the next row.
 */
export async function claimNext(
  store: Pick<Store, 'conn'>,
  worker: string,
  now: Date,
  opts: { notifiers?: readonly string[] } = {},
): Promise<ClaimedMessage | undefined> {
  const t = now.getTime();
  const stale = t - LEASE_MS;
  if (opts.notifiers?.length === 0) return undefined;
  for (let tries = 0; tries < 5; tries++) {
    let q = store.conn.db
      .selectFrom('outbox')
      .select(['id'])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', t)]),
          eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', stale)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(1);
    if (opts.notifiers) q = q.where('notifier', 'in', [...opts.notifiers]);
    const candidate = await q.executeTakeFirst();
    if (!candidate) return undefined;
    const id = Number(candidate.id);
    const row = await store.conn.write(async (trx) => {
      const res = await trx
        .updateTable('outbox')
        .set((eb) => ({
          state: 'sending',
          claimed_by: worker,
          claimed_at: t,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', t)]),
            eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', stale)]),
          ]),
        )
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return undefined;
      return trx
        .selectFrom('outbox')
        .select(['notifier', 'attempts', 'payload'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    });
    if (row)
      return {
        id,
        notifier: row.notifier,
        attempts: Number(row.attempts),
        message: JSON.parse(row.payload) as Message,
      };
  }
  return undefined;
}

/** 30 s × 2^(attempt−1), at most 1 h, never sooner than the receiver asked. */
export function backoffMs(attempts: number, retryAfterSec?: number): number {
  const exp = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.max(exp, (retryAfterSec ?? 0) * 1000);
}

export interface DeliverOptions {
  worker: string;
  now?: () => Date;
  signal?: AbortSignal;
  /** At most this many messages in one call (default 100). */
  max?: number;
  /** Attempts after which a transient failure is given up (`failed`, 'exhausted'). Default 10. */
  maxAttempts?: number;
  /** The team's language: `last_error` (shown by `ronde outbox` and ronde.self) is said in it. Default en. */
  lang?: Lang;
  /** Told of every failed send (the daemon logs it at warn level with the notifier and the error). */
  onFailure?: (f: SendFailure) => void;
}

/** One send that did not succeed. `error` never holds a secret (NotifyError messages are scrubbed). */
export interface SendFailure {
  id: number;
  notifier: string;
  event: string;
  attempts: number;
  error: string;
  /** `retried`: pending again with back-off; `failed`: kept for a person (`ronde outbox`). */
  outcome: 'retried' | 'failed';
  failure?: FailureKind;
}

export interface DeliverReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the messages due now, one at a time, until none is left, `max` is
 * reached or the signal aborts. Messages of a notifier that is not configured
 * any more stay pending (visible in `outboxStats`), so none is lost.
 */
export async function deliver(
  store: Pick<Store, 'conn'>,
  notifiers: ReadonlyMap<string, Notifier>,
  opts: DeliverOptions,
): Promise<DeliverReport> {
  const now = opts.now ?? (() => new Date());
  const report: DeliverReport = { sent: 0, retried: 0, failed: 0 };
  const names = [...notifiers.keys()];
  for (let i = 0; i < (opts.max ?? 100) && !opts.signal?.aborted; i++) {
    const claimed = await claimNext(store, opts.worker, now(), { notifiers: names });
    if (!claimed) break;
    const notifier = notifiers.get(claimed.notifier)!;
    let error: unknown;
    try {
      await notifier.send(claimed.message, { signal: opts.signal ?? new AbortController().signal });
    } catch (err) {
      error = err;
    }
    if (error !== undefined && opts.signal?.aborted) {
      // Our own shutdown cut the send: not the receiver's failure, so no backoff and no
      // failure counted; due again at once (same key: the receiver may have accepted it).
      await release(store, claimed, opts.worker, now());
      break;
    }
    const settled = await settle(store, claimed, opts.worker, now(), error, opts.maxAttempts, opts.lang);
    report[settled.outcome]++;
    if (settled.outcome !== 'sent') {
      const f: SendFailure = {
        id: claimed.id,
        notifier: claimed.notifier,
        event: claimed.message.event,
        attempts: claimed.attempts,
        error: errorText(error),
        outcome: settled.outcome,
      };
      if (settled.failure) f.failure = settled.failure;
      opts.onFailure?.(f);
    }
  }
  return report;
}

async function release(store: Pick<Store, 'conn'>, c: ClaimedMessage, worker: string, now: Date) {
  await store.conn.write((trx) =>
    trx
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: now.getTime(), claimed_at: null })
      .where('id', '=', c.id)
      .where('claimed_by', '=', worker)
      .execute(),
  );
}

async function settle(
  store: Pick<Store, 'conn'>,
  c: ClaimedMessage,
  worker: string,
  now: Date,
  error: unknown,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
  lang: Lang = 'en',
): Promise<{ outcome: keyof DeliverReport; failure?: FailureKind }> {
  const t = now.getTime();
  const failure = failureKind(error, c.attempts, maxAttempts);
  const outcome: keyof DeliverReport = error === undefined ? 'sent' : failure ? 'failed' : 'retried';
  const message =
    error === undefined
      ? null
      : failure === 'exhausted'
        ? words(lang, 'notify.error.gaveUp', { n: c.attempts, why: errorText(error, lang) })
        : errorText(error, lang);
  await store.conn.write(async (trx) => {
    // Only while the claim is still ours: a sender past its lease may have been replaced.
    const mine = trx.updateTable('outbox').where('id', '=', c.id).where('claimed_by', '=', worker);
    if (outcome === 'sent') {
      await mine.set({ state: 'sent', sent_at: t, last_error: null, claimed_at: null }).execute();
    } else if (outcome === 'failed') {
      await mine
        .set({ state: 'failed', last_error: message, claimed_at: null, failure: failure ?? null })
        .execute();
    } else {
      const retryAfter = error instanceof NotifyError ? error.retryAfterSec : undefined;
      const next = t + backoffMs(c.attempts, retryAfter);
      await mine
        .set({ state: 'pending', next_attempt_at: next, last_error: message, claimed_at: null })
        .execute();
    }
    const health =
      outcome === 'sent'
        ? { consecutive_failures: 0, last_success_at: t }
        : { last_error: message, last_failure_at: t };
    await trx
      .insertInto('notifier_health')
      .values({ notifier: c.notifier, consecutive_failures: outcome === 'sent' ? 0 : 1, ...health })
      .onConflict((oc) =>
        oc
          .column('notifier')
          .doUpdateSet((eb) =>
            outcome === 'sent'
              ? health
              : { ...health, consecutive_failures: eb('notifier_health.consecutive_failures', '+', 1) },
          ),
      )
      .execute();
  });
  return failure ? { outcome, failure } : { outcome };
}

/** Why this error ends the message's tries, or undefined when it is worth another one. */
function failureKind(error: unknown, attempts: number, maxAttempts: number): FailureKind | undefined {
  if (error === undefined) return undefined;
  if (error instanceof NotifyError && error.secretRef !== undefined) return 'secret';
  if (error instanceof NotifyError && error.permanent) return 'permanent';
  return attempts >= maxAttempts ? 'exhausted' : undefined;
}

/** The error as people read it: our words in `lang` (the log asks for English), the receiver's as they came. */
function errorText(error: unknown, lang: Lang = 'en'): string {
  const text = sayError(lang, error);
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}

export interface NotifierStats {
  notifier: string;
  consecutiveFailures: number;
  lastError: string | null;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
}

export interface OutboxStats {
  pending: number;
  sending: number;
  failed: number;
  /** Age of the oldest message not yet sent (pending or sending), seconds; null when none. */
  oldestPendingSec: number | null;
  /** The oldest failed message, for `ronde.self` to name: a person has to retry or drop it. */
  oldestFailed: { id: number; notifier: string; lastError: string | null } | null;
  notifiers: NotifierStats[];
}

/** What `ronde.self` and the dashboard show: is anything stuck, is a channel failing. */
export async function outboxStats(store: Pick<Store, 'conn'>, now: Date = new Date()): Promise<OutboxStats> {
  const db = store.conn.db;
  const counts = await db
    .selectFrom('outbox')
    .select((eb) => [
      'state',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('created_at').as('oldest'),
    ])
    .where('state', 'in', ['pending', 'sending', 'failed'])
    .groupBy('state')
    .execute();
  const n = (s: OutboxState) => Number(counts.find((c) => c.state === s)?.n ?? 0);
  const oldest = counts
    .filter((c) => c.state === 'pending' || c.state === 'sending')
    .map((c) => Number(c.oldest))
    .reduce<number | null>((a, b) => (a === null ? b : Math.min(a, b)), null);
  const health = await db.selectFrom('notifier_health').selectAll().orderBy('notifier').execute();
  const failedRow =
    n('failed') === 0
      ? undefined
      : await db
          .selectFrom('outbox')
          .select(['id', 'notifier', 'last_error'])
          .where('state', '=', 'failed')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
  const date = (v: number | string | null) => (v === null ? null : new Date(Number(v)));
  return {
    pending: n('pending'),
    sending: n('sending'),
    failed: n('failed'),
    oldestPendingSec: oldest === null ? null : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
    oldestFailed: failedRow
      ? { id: Number(failedRow.id), notifier: failedRow.notifier, lastError: failedRow.last_error }
      : null,
    notifiers: health.map((h) => ({
      notifier: h.notifier,
      consecutiveFailures: Number(h.consecutive_failures),
      lastError: h.last_error,
      lastFailureAt: date(h.last_failure_at),
      lastSuccessAt: date(h.last_success_at),
    })),
  };
}

/**
 * Deletes sent messages sent before `before` (the daemon's housekeeping).
 * Failed and unsent ones stay: they are what a person has to look at.
 * A pruned key can never come back: check events name their round, and
 * reminders are guarded by their marks, which are kept.
 */
export async function pruneOutbox(store: Pick<Store, 'conn'>, before: Date): Promise<number> {
  return store.conn.write(async (trx) => {
    const res = await trx
      .deleteFrom('outbox')
      .where('state', '=', 'sent')
      .where('sent_at', '<', before.getTime())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  });
}
