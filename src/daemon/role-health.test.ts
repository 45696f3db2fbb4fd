import { describe, expect, it } from 'vitest';
import { judgeScheduler, judgeWorker, type SchedulerFacts, type WorkerFacts } from './role-health.js';

const scheduler = (over: Partial<SchedulerFacts> = {}): SchedulerFacts => ({
  standby: false,
  lockLost: false,
  sinceTickSec: 0.4,
  queueError: null,
  queue: { waiting: 0, oldestWaitingSec: null },
  expireSec: 300,
  ...over,
});

const worker = (over: Partial<WorkerFacts> = {}): WorkerFacts => ({
  running: 0,
  taken: 12,
  sinceTakenSec: 5,
  upSec: 3600,
  stopping: false,
  queue: { waiting: 0, oldestWaitingSec: null },
  expireSec: 300,
  ...over,
});

describe('/healthz of a scheduler', () => {
  it('is ok while its loop turns and the queue answers; standby is ok too', () => {
    expect(judgeScheduler(scheduler())).toMatchObject({ ok: true, status: 'ok' });
    expect(judgeScheduler(scheduler({ standby: true, sinceTickSec: null, queue: null }))).toMatchObject({
      ok: true,
      status: 'standby',
    });
  });

  it('says why it is not: lock lost, loop stuck, queue unreachable, rounds not queued', () => {
    expect(judgeScheduler(scheduler({ lockLost: true }))).toMatchObject({
      ok: false,
      reason: 'the store lock was lost',
    });
    expect(judgeScheduler(scheduler({ sinceTickSec: 45 }))).toMatchObject({
      ok: false,
      reason: 'the schedule loop has not turned for 45 s',
    });
    expect(judgeScheduler(scheduler({ sinceTickSec: null })).reason).toBe(
      'the schedule loop has not started',
    );
    expect(
      judgeScheduler(scheduler({ queue: { error: 'connect ECONNREFUSED 127.0.73.1:5432' } })),
    ).toMatchObject({
      ok: false,
      reason: 'the job queue cannot be reached: connect ECONNREFUSED 127.0.73.1:5432',
    });
    expect(judgeScheduler(scheduler({ queueError: 'Connection terminated' })).reason).toBe(
      'rounds cannot be queued: Connection terminated',
    );
  });
});

describe('/healthz of a worker', () => {
  it('is ok idle with nothing waiting, and busy however long the queue', () => {
    expect(judgeWorker(worker())).toMatchObject({ ok: true, status: 'ok', taken: 12 });
    expect(judgeWorker(worker({ running: 2, queue: { waiting: 40, oldestWaitingSec: 900 } })).ok).toBe(true);
  });

  it('is not when idle while rounds wait past the expiry (its loops are dead)', () => {
    const stuck = worker({ sinceTakenSec: 1000, queue: { waiting: 4, oldestWaitingSec: 700 } });
    expect(judgeWorker(stuck)).toMatchObject({
      ok: false,
      status: 'unhealthy',
      reason: '4 round(s) have waited 700 s and this worker takes none',
    });
    // Just took one: the others may simply not be due to it yet.
    expect(judgeWorker({ ...stuck, sinceTakenSec: 2 }).ok).toBe(true);
    // Never took one, started long ago: the same.
    expect(judgeWorker({ ...stuck, sinceTakenSec: null, upSec: 1000 }).ok).toBe(false);
  });

  it('is not when the queue cannot be reached, or while stopping', () => {
    expect(judgeWorker(worker({ queue: { error: 'no answer within 3 s' } })).reason).toBe(
      'the job queue cannot be reached: no answer within 3 s',
    );
    expect(judgeWorker(worker({ stopping: true })).reason).toBe('stopping');
  });
});
