import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Engine } from '../daemon/engine.js';
import { acquireServeLock, type ServeLock, StoreBusy } from '../daemon/lock.js';
import { ROUNDS_QUEUE, type RoundJob } from '../daemon/queue.js';
import { judgeScheduler, judgeWorker, probeQueue, type WorkerStats } from '../daemon/role-health.js';
import type { DatabaseLocation } from '../store/location.js';
import type { HealthAnswer } from '../web/health-only.js';
import { CliError, EX_CONFIG, EX_USAGE } from './errors.js';
import { say } from './lang.js';

/*
 * `ronde serve --role`: which parts of the daemon this process runs
 * (docs/scale-out.md). `all` is the single process of old; the others share
 * one PostgreSQL store and its job queue.
 */

export const ROLES = ['all', 'scheduler', 'worker', 'web'] as const;
export type Role = (typeof ROLES)[number];

/** A scheduler on standby tries the store's lock this often: a lost one is replaced within it. */
export const STANDBY_RETRY_MS = 2000;

export function parseRole(s: string): Role {
  if ((ROLES as readonly string[]).includes(s)) return s as Role;
  throw new CliError(say('cli.serve.badRole', { roles: ROLES.join(', '), value: s }), EX_USAGE);
}

export function parseJobExpiry(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(say('cli.serve.badJobExpiry', { value: s }), EX_USAGE);
  return n;
}

/** Roles other than `all` share work through PostgreSQL; on SQLite they are a configuration error. */
export function requireSharedStore(role: Role, loc: DatabaseLocation): void {
  if (role === 'all' || loc.kind === 'postgres') return;
  throw new CliError(say('cli.serve.needsPostgres', { role, path: loc.path }), EX_CONFIG);
}

/**
 * The scheduler's turn: the store's serve lock (the PostgreSQL session
 * advisory lock a single `ronde serve` holds too, so a scheduler and an
 * `--role all` never run on one store together). While another holds it, we
 * stand by and try again; the server frees it the moment its holder's
 * connection dies. Undefined if `stopped()` turned true while waiting.
 */
export async function awaitSchedulerTurn(
  loc: DatabaseLocation,
  log: Logger,
  stopped: () => boolean,
  pause: (ms: number) => Promise<void>,
): Promise<ServeLock | undefined> {
  let said = '';
  while (!stopped()) {
    try {
      return await acquireServeLock(loc);
    } catch (err) {
      if (!(err instanceof StoreBusy)) throw err;
      if (said !== err.holder)
        log.info({ holder: err.holder }, 'scheduler standing by: another one holds the store');
      said = err.holder;
    }
    await pause(STANDBY_RETRY_MS);
  }
  return undefined;
}

/**
 * A worker takes rounds from the queue: two polling loops, each fetching up
 * to half the configured concurrency at once (a slow host holds one loop's
 * batch, not the worker). A round that fails to be saved fails its job alone,
 * to be retried; the others of its batch complete.
 */
export async function startWorking(
  boss: PgBoss,
  concurrency: number,
  run: (job: RoundJob) => Promise<void>,
  log: Logger,
  stats?: WorkerStats,
): Promise<void> {
  const loops = 2;
  const batchSize = Math.max(1, Math.ceil(concurrency / loops));
  for (let i = 0; i < loops; i++)
    await boss.work<RoundJob>(ROUNDS_QUEUE, { batchSize, pollingIntervalSeconds: 1 }, async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          stats?.took();
          try {
            log.debug({ job: job.data.key }, 'round taken');
            await run(job.data);
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            log.warn({ job: job.data.key, err: message }, 'round failed, the queue will retry it');
            await boss.fail(ROUNDS_QUEUE, job.id, { message }).catch(() => undefined);
          } finally {
            stats?.done();
          }
        }),
      );
    });
}

/** What `/healthz` of a scheduler or worker reads, as the process goes (standby, reloads, stop). */
export interface RoleState {
  role: 'scheduler' | 'worker';
  standby(): boolean;
  lockLost(): boolean;
  stopping(): boolean;
  engine(): Engine | undefined;
  queue(): PgBoss | undefined;
  stats: WorkerStats;
  expireSec: number;
}

/** The role's health now (docs/scale-out.md, "Health"). */
export async function roleHealth(s: RoleState): Promise<HealthAnswer> {
  const boss = s.queue();
  const probe = boss ? await probeQueue(boss) : null;
  if (s.role === 'scheduler') {
    const loop = s.engine()?.daemon.loopFacts();
    return {
      role: s.role,
      ...judgeScheduler({
        standby: s.standby(),
        lockLost: s.lockLost(),
        sinceTickSec: loop?.sinceTickSec ?? null,
        queueError: loop?.queueError ?? null,
        queue: probe,
        expireSec: s.expireSec,
      }),
    };
  }
  const { stats } = s;
  return {
    role: s.role,
    ...judgeWorker({
      running: stats.running,
      taken: stats.taken,
      sinceTakenSec: stats.lastTakenAt === null ? null : (Date.now() - stats.lastTakenAt) / 1000,
      upSec: (Date.now() - stats.startedAt) / 1000,
      stopping: s.stopping(),
      queue: probe ?? { error: 'not opened yet' },
      expireSec: s.expireSec,
    }),
  };
}
