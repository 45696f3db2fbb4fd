import type { Kysely } from 'kysely';
import { dateTime, type Lang, t } from '../i18n/index.js';
import type { StoredSignoff } from '../routines/repo.js';
import type { Routine } from '../routines/schema.js';
import type { Database } from '../store/schema.js';
import { type Draft, md } from './format.js';
import { enqueue, type Routing } from './outbox.js';

/*
 * A sign-off told to the team: one line, event `routine.done`, so everyone
 * knows the duty is taken care of without opening ronde. Enqueued in the
 * transaction that records the sign-off (appendDone's `then`).
 */

export interface SignoffAnnounceConfig extends Routing {
  language?: Lang;
}

/** `Done: Check the backups` / `alice signed off Check the backups (backups): dumps restored.` */
export function signoffMessage(lang: Lang, routine: Pick<Routine, 'id' | 'title'>, s: StoredSignoff): Draft {
  const title = md(routine.title);
  const text =
    s.source === 'auto'
      ? t(lang, 'signoff.auto', { title, id: routine.id })
      : t(lang, 'signoff.line', { by: md(s.by), title, id: routine.id, note: md(s.note) });
  return { event: 'routine.done', title: t(lang, 'signoff.title', { title }), text, severity: 'info' };
}

/** `Not done after all: Check the backups` / `bob cancelled the sign-off of … by alice on …`. */
export function undoMessage(
  lang: Lang,
  routine: Pick<Routine, 'id' | 'title'>,
  undo: StoredSignoff,
  undone: StoredSignoff,
  timeZone: string,
): Draft {
  const title = md(routine.title);
  const text = t(lang, 'undo.line', {
    by: md(undo.by),
    title,
    id: routine.id,
    of: md(undone.by),
    at: dateTime(undone.at, timeZone),
    note: md(undo.note),
  });
  return { event: 'routine.done', title: t(lang, 'undo.title', { title }), text, severity: 'info' };
}

/** Enqueues the announcement of an undo, in the transaction that records it (undoLatest's `then`). */
export function announceUndo(
  trx: Kysely<Database>,
  config: SignoffAnnounceConfig & { timeZone: string },
  routine: Pick<Routine, 'id' | 'title'>,
  undo: StoredSignoff,
  undone: StoredSignoff,
  now: Date,
): Promise<number> {
  const draft = undoMessage(config.language ?? 'en', routine, undo, undone, config.timeZone);
  return enqueue(trx, `undo:${undo.id}`, draft, config, now);
}

/** Enqueues the announcement of `s` for the routed notifiers; returns the rows written. */
export function announceSignoff(
  trx: Kysely<Database>,
  config: SignoffAnnounceConfig,
  routine: Pick<Routine, 'id' | 'title'>,
  s: StoredSignoff,
  now: Date,
): Promise<number> {
  // The sign-off's id names this occasion: a replay of the same transaction enqueues nothing twice.
  return enqueue(trx, `signoff:${s.id}`, signoffMessage(config.language ?? 'en', routine, s), config, now);
}
