import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';

/*
 * The scale-out job queue (`ronde serve --role scheduler|worker`): pg-boss 10
 * on the store's PostgreSQL, in its own schema `pgboss`. One job is one round:
 * a host's due checks (or, on a new installation, every host at once). What
 * we rely on, from pg-boss:
 * - a fetch is `FOR UPDATE SKIP LOCKED`: a job goes to one worker;
 * - an active job older than its `expireInSeconds` is failed by the
 *   supervisor and, under `retryLimit`, put back for another worker;
 * - `send` inserts `ON CONFLICT DO NOTHING` on the job's id: the scheduler
 *   gives each (host, slot) a fixed id, so two schedulers (a takeover) sending
 *   the same slot queue it once;
 * - the `short` policy keeps one *queued* job per `singletonKey` (the host):
 *   while a host's round waits for a worker, its next slots are not queued
 *   behind it (the single process skips a busy host the same way), so a
 *   queue that workers cannot keep up with does not grow without end.
 * The round's write is idempotent on its job key (store migration 0010), so
 * a job run twice (its worker died after the commit) is saved once.
 */

export const ROUNDS_QUEUE = 'ronde-rounds';

/** A round to run: hosts and the check instances due on each. */
export interface RoundJob {
  /** `host@slot` (or `all@slot`): the round's key in the store, the same on every retry. */
  key: string;
  hosts: { host: string; checks: string[] }[];
}

export interface QueueSettings {
  /** A job still active after this is presumed lost (its worker died) and retried on another. */
  expireSeconds: number;
  /** Times a lost or failed job is tried again. */
  retryLimit?: number;
}

/** The job's id: a UUID derived from its key, so a second send of the same slot is a no-op. */
export function jobId(key: string): string {
  const h = createHash('sha256').update(`ronde-round\0${key}`).digest('hex');
  // Shaped as a version-5-like UUID (pg-boss's id column is uuid).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The job's key: the host (or `all`) and the slot it was due at, the same on every scheduler. */
export function jobKey(hosts: readonly string[], slotMs: number): string {
  return `${hosts.length === 1 ? hosts[0] : 'all'}@${slotMs}`;
}

/**
 * Starts pg-boss on the store's database (creating or migrating its schema)
 * and the rounds queue. Every process supervises: expiry of lost jobs goes on
 * whichever process is alive (pg-boss serialises its maintenance itself).
 */
export async function openQueue(url: string, s: QueueSettings, log: Logger, name: string): Promise<PgBoss> {
  const { default: Boss } = await import('pg-boss');
  const boss = new Boss({
    connectionString: url,
    application_name: `ronde ${name}`.slice(0, 63),
    max: 4,
    schedule: false,
    supervise: true,
    // Expiry is looked for this often: a lost job waits at most expiry + this.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.round(s.expireSeconds / 4))),
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (err) => log.error({ err: err.message }, 'job queue error'));
  await boss.start();
  const queue = {
    name: ROUNDS_QUEUE,
    // short: one queued job per host. Not singleton/stately: those gate the
    // fetch, which fails whole when the oldest job's host is active, stalling
    // the queue behind one slow host.
    policy: 'short' as const,
    expireInSeconds: s.expireSeconds,
    retryLimit: s.retryLimit ?? 3,
    retryDelay: 0,
    // A job no worker took within an hour is stale: newer slots of its host are queued behind it.
    retentionMinutes: 60,
  };
  if (await boss.getQueue(ROUNDS_QUEUE)) await boss.updateQueue(ROUNDS_QUEUE, queue);
  else
    await boss.createQueue(ROUNDS_QUEUE, queue).catch(async (err) => {
      // Another process created it at the same moment.
      if (!(await boss.getQueue(ROUNDS_QUEUE))) throw err;
    });
  return boss;
}

/**
 * Queues one round. False: not queued, because this slot already was (by
 * another scheduler) or the host still has a round waiting for a worker.
 */
export async function sendRound(boss: PgBoss, job: RoundJob): Promise<boolean> {
  const id = await boss.send(ROUNDS_QUEUE, job, {
    id: jobId(job.key),
    singletonKey: job.hosts.length === 1 ? job.hosts[0]!.host : 'all',
  });
  return id !== null;
}
