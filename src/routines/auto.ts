import { userInfo } from 'node:os';
import type { Kysely } from 'kysely';
import type { Config } from '../config/schema.js';
import { type Lang, t } from '../i18n/index.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import { loadBoard } from './board.js';
import { appendDone, type StoredSignoff } from './repo.js';
import type { Routine } from './schema.js';
import { autoCompletion } from './state.js';

/**
 * `done_when: checks_ok` for every due routine: appends the automatic
 * sign-off (by `ronde`, source `auto`) of those whose linked checks are all
 * OK with a result after the due time. Returns the ids signed off. A linked
 * selector with no result at all keeps the routine open: nothing proves it.
 */
export async function autoComplete(
  store: Store,
  /** `language`: the note of the sign-off is kept in the team's language (default en). */
  config: Pick<Config, 'routines' | 'hosts' | 'timezone'> & { language?: Lang },
  now: Date,
  /** Runs in the transaction of each sign-off (the daemon enqueues its announcement). */
  then?: (trx: Kysely<Database>, routine: Routine, recorded: StoredSignoff) => Promise<unknown>,
): Promise<string[]> {
  if (!config.routines.some((r) => r.done_when === 'checks_ok')) return [];
  const done: string[] = [];
  for (const e of await loadBoard(store, config, now)) {
    const { results, unmatched } = e.linked;
    if (e.routine.done_when !== 'checks_ok' || results.length === 0 || unmatched.length > 0) continue;
    const allOk = results.every((r) => r.status === 'OK');
    const okSince = allOk ? new Date(Math.max(...results.map((r) => r.since.getTime()))) : null;
    const lastResultAt = new Date(Math.min(...results.map((r) => r.lastAt.getTime())));
    const at = autoCompletion(e.routine, e.state, { okSince, lastResultAt });
    if (!at) continue;
    const routine = e.routine;
    await appendDone(
      store.conn,
      {
        routine: routine.id,
        at,
        by: 'ronde',
        osUser: userInfo().username,
        note: t(config.language ?? 'en', 'routine.autoNote', {
          checks: results.map((r) => `${r.check}@${r.target}`).join(', '),
        }),
        items: [],
        source: 'auto',
      },
      then && ((trx, recorded) => then(trx, routine, recorded)),
    );
    done.push(e.routine.id);
  }
  return done;
}
