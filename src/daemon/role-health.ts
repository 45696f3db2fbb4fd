import type PgBoss from 'pg-boss';
import { ROUNDS_QUEUE } from './queue.js';

/*
 * `/healthz` of the scale-out roles that have no page (docs/scale-out.md):
 * 200 while the role does its job, 503 with the reason when not, for systemd,
 * a load balancer or Kubernetes to act on. The verdicts are pure (tested
 * beside); the facts come from the process and one query of the queue.
 */

/** What the queue says: rounds waiting for a worker (due, not taken). */
export interface QueueFacts {
  waiting: number;
  /** Seconds the oldest waiting round has waited; null: none waits. */
  oldestWaitingSec: number | null;
}

/** A health answer: the HTTP status follows `ok`; `reason` says why not. */
export interface RoleHealth {
  ok: boolean;
  status: 'ok' | 'standby' | 'unhealthy';
  reason?: string;
  [fact: string]: unknown;
}

/** How long a queue look may take before the queue counts as unreachable. */
export const QUEUE_PROBE_MS = 3000;

/** Rounds due and not taken, and how long the oldest has waited: one indexed query of pg-boss's table. */
export async function queueFacts(boss: PgBoss, timeoutMs = QUEUE_PROBE_MS): Promise<QueueFacts> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const { rows } = await Promise.race([
      boss.getDb().executeSql(
        `select count(*)::int as waiting,
                  extract(epoch from now() - min(start_after))::float8 as oldest
             from pgboss.job where name = $1 and state < 'active' and start_after <= now()`,
        [ROUNDS_QUEUE],
      ),
      timeout,
    ]);
    const r = rows[0] as { waiting: number; oldest: number | null } | undefined;
    return { waiting: r?.waiting ?? 0, oldestWaitingSec: r?.oldest ?? null };
  } finally {
    clearTimeout(timer);
  }
}

/** The scheduler's facts, gathered by `ronde serve --role scheduler`. */
export interface SchedulerFacts {
  /** Waiting for the store's lock: another scheduler is active. */
  standby: boolean;
  /** The store's lock was lost: this process is stopping. */
  lockLost: boolean;
  /** Seconds since the schedule loop last turned; null: not started. */
  sinceTickSec: number | null;
  /** The last attempt to queue a round failed, and none succeeded since. */
  queueError: string | null;
  /** The queue could not be asked now (its error), or what it says. */
  queue: QueueFacts | { error: string } | null;
  expireSec: number;
}

/** The loop is presumed stuck after this long without a turn (it turns every second). */
const STUCK_SEC = 30;

export function judgeScheduler(f: SchedulerFacts): RoleHealth {
  const facts = { sinceTickSec: f.sinceTickSec, queue: f.queue };
  if (f.lockLost) return { ok: false, status: 'unhealthy', reason: 'the store lock was lost', ...facts };
  if (f.standby)
    return { ok: true, status: 'standby', reason: 'another scheduler holds the store', ...facts };
  if (f.sinceTickSec === null || f.sinceTickSec > STUCK_SEC)
    return {
      ok: false,
      status: 'unhealthy',
      reason:
        f.sinceTickSec === null
          ? 'the schedule loop has not started'
          : `the schedule loop has not turned for ${Math.round(f.sinceTickSec)} s`,
      ...facts,
    };
  if (f.queue && 'error' in f.queue)
    return {
      ok: false,
      status: 'unhealthy',
      reason: `the job queue cannot be reached: ${f.queue.error}`,
      ...facts,
    };
  if (f.queueError)
    return { ok: false, status: 'unhealthy', reason: `rounds cannot be queued: ${f.queueError}`, ...facts };
  return { ok: true, status: 'ok', ...facts };
}

/** A worker's facts, gathered by `ronde serve --role worker`. */
export interface WorkerFacts {
  /** Rounds this worker runs now. */
  running: number;
  /** Rounds taken since start. */
  taken: number;
  /** Seconds since it last took a round; null: never. */
  sinceTakenSec: number | null;
  /** Seconds since it started. */
  upSec: number;
  stopping: boolean;
  queue: QueueFacts | { error: string };
  expireSec: number;
}

/**
 * Unhealthy: stopping, the queue unreachable, or idle while rounds have waited
 * longer than the job expiry (its polling loops are dead: a live idle worker
 * takes a waiting round within a second). A busy worker is healthy however
 * long the queue: it is slow, not dead, and restarting it would lose rounds.
 */
export function judgeWorker(f: WorkerFacts): RoleHealth {
  const facts = {
    running: f.running,
    taken: f.taken,
    sinceTakenSec: f.sinceTakenSec,
    queue: f.queue,
  };
  if (f.stopping) return { ok: false, status: 'unhealthy', reason: 'stopping', ...facts };
  if ('error' in f.queue)
    return {
      ok: false,
      status: 'unhealthy',
      reason: `the job queue cannot be reached: ${f.queue.error}`,
      ...facts,
    };
  const waited = f.queue.oldestWaitingSec ?? 0;
  const idleFor = f.sinceTakenSec ?? f.upSec;
  if (f.running === 0 && waited > f.expireSec && idleFor > f.expireSec)
    return {
      ok: false,
      status: 'unhealthy',
      reason: `${f.queue.waiting} round(s) have waited ${Math.round(waited)} s and this worker takes none`,
      ...facts,
    };
  return { ok: true, status: 'ok', ...facts };
}

/** A worker's counters, kept by its job handler. */
export class WorkerStats {
  running = 0;
  taken = 0;
  lastTakenAt: number | null = null;
  readonly startedAt = Date.now();

  took(): void {
    this.running++;
    this.taken++;
    this.lastTakenAt = Date.now();
  }

  done(): void {
    this.running--;
  }
}

/** The queue's facts, or its error as a fact. */
export async function probeQueue(boss: PgBoss): Promise<QueueFacts | { error: string }> {
  try {
    return await queueFacts(boss);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
