import type { Config } from '../config/schema.js';
import { appendDone, markSeen, type StoredSignoff } from '../routines/repo.js';
import { type AuditChannel, appendAudit } from '../store/audit.js';
import type { Store } from '../store/types.js';
import { memberOf } from './data.js';

/*
 * A sign-off from the page, the API or the chat: the same entry as
 * `ronde done` (so `ronde routines` shows it), audited in its transaction.
 */

export type SignoffRefusal =
  | { kind: 'unknown' }
  | { kind: 'notMember'; user: string }
  | { kind: 'empty' }
  | { kind: 'badItem'; item: string; count: number };

export async function signOff(
  store: Store,
  config: Config,
  o: {
    routine: string;
    user: string;
    note: string;
    items: readonly (string | number)[];
    address: string;
    channel: Extract<AuditChannel, 'web' | 'api' | 'chat'>;
    now: Date;
  },
): Promise<StoredSignoff | SignoffRefusal> {
  const routine = config.routines.find((r) => r.id === o.routine);
  if (!routine) return { kind: 'unknown' };
  const items: number[] = [];
  for (const raw of o.items) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > routine.checklist.length)
      return { kind: 'badItem', item: String(raw), count: routine.checklist.length };
    if (!items.includes(n)) items.push(n);
  }
  items.sort((a, b) => a - b);
  const note = o.note.trim().slice(0, 2000);
  const by = memberOf(config, o.user);
  if (!by) return { kind: 'notMember', user: o.user };
  if (note === '' && items.length === 0) return { kind: 'empty' };
  await markSeen(store.conn, [routine.id], o.now);
  return appendDone(
    store.conn,
    {
      routine: routine.id,
      at: o.now,
      by,
      osUser: `${o.channel} user ${o.user}`,
      note,
      items,
      source: o.channel === 'chat' ? 'chat' : 'web',
    },
    (trx, s) =>
      appendAudit(trx, {
        at: o.now,
        actor: o.user,
        action: 'signoff',
        subject: routine.id,
        detail: { signoff: s.id, by, note, items },
        address: o.address,
        channel: o.channel,
      }),
  );
}

export function isRefusal(x: StoredSignoff | SignoffRefusal): x is SignoffRefusal {
  return 'kind' in x && !('routine' in x);
}
