import type { CheckResult } from '../../src/core/check.js';
import type { Status } from '../../src/core/status.js';
import type { Message, Notifier } from '../../src/notify/types.js';
import type { RoundInput, Store } from '../../src/store/types.js';
import { result } from '../store/helpers.js';

export const t0 = Date.parse('2025-03-03T08:00:00Z'); // a Monday
export const at = (minutes: number) => new Date(t0 + minutes * 60_000);

export function daemonRound(when: Date, trigger: 'daemon' | 'cli' = 'daemon'): RoundInput {
  return { startedAt: when, finishedAt: new Date(when.getTime() + 1000), trigger, interrupted: false };
}

/** Results of one round: `{ 'web1/disk': 'OK' }`. */
export function results(
  when: Date,
  spec: Record<string, Status>,
  summary?: (check: string, s: Status) => string,
): CheckResult[] {
  return Object.entries(spec).map(([k, s]) => {
    const [target, check] = k.split('/') as [string, string];
    return result(check, target, s, when, summary ? { summary: summary(check, s) } : {});
  });
}

export interface OutboxRow {
  key: string;
  notifier: string;
  event: string;
  state: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  message: Message;
}

export async function outboxRows(store: Store): Promise<OutboxRow[]> {
  const rows = await store.conn.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    key: r.key,
    notifier: r.notifier,
    event: r.event,
    state: r.state,
    attempts: Number(r.attempts),
    next_attempt_at: Number(r.next_attempt_at),
    last_error: r.last_error,
    message: JSON.parse(r.payload) as Message,
  }));
}

/** A notifier that records what it was given and fails as told. */
export function recorder(name: string, fail?: (msg: Message, n: number) => Error | undefined) {
  const sent: Message[] = [];
  let calls = 0;
  const notifier: Notifier = {
    type: 'test',
    name,
    async send(msg) {
      const err = fail?.(msg, calls++);
      if (err) throw err;
      sent.push(msg);
    },
  };
  return { notifier, sent };
}
