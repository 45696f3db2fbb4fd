import type { Kysely } from 'kysely';
import type { Conn } from '../../store/db.js';
import type { Database } from '../../store/schema.js';

/*
 * Upgrade runs and their steps in the store (migration 0009). A step is
 * written when it starts (`running`) and settled when it ends, so a run
 * killed mid-way still shows the step it was in.
 */

export type RunOutcome = 'running' | 'ok' | 'failed' | 'interrupted' | 'nothing';
export type StepOutcome = 'running' | 'ok' | 'failed' | 'skipped' | 'interrupted';
export type StepName = 'snapshot' | 'pre-hook' | 'upgrade' | 'reboot' | 'recheck' | 'refused' | 'not-started';

export interface UpgradeRun {
  id: number;
  startedAt: Date;
  finishedAt: Date | null;
  startedBy: string;
  osUser: string;
  plan: Record<string, unknown>;
  outcome: RunOutcome;
  summary: string;
}

export interface UpgradeStep {
  id: number;
  runId: number;
  host: string;
  step: StepName;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: StepOutcome;
  detail: Record<string, unknown>;
}

export async function createRun(
  conn: Conn,
  r: { at: Date; startedBy: string; osUser: string; plan: Record<string, unknown> },
  alongside?: (trx: Kysely<Database>, id: number) => Promise<unknown>,
): Promise<number> {
  return conn.write(async (trx) => {
    const row = await trx
      .insertInto('upgrade_runs')
      .values({
        started_at: r.at.getTime(),
        started_by: r.startedBy,
        os_user: r.osUser,
        plan: JSON.stringify(r.plan),
        outcome: 'running',
        summary: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await alongside?.(trx, id);
    return id;
  });
}

export async function finishRun(
  conn: Conn,
  id: number,
  r: { at: Date; outcome: Exclude<RunOutcome, 'running'>; summary: string },
  alongside?: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  await conn.write(async (trx) => {
    await trx
      .updateTable('upgrade_runs')
      .set({ finished_at: r.at.getTime(), outcome: r.outcome, summary: r.summary })
      .where('id', '=', id)
      .execute();
    await alongside?.(trx);
  });
}

export async function startStep(
  conn: Conn,
  s: { runId: number; host: string; step: StepName; at: Date; detail?: Record<string, unknown> },
): Promise<number> {
  return conn.write(async (trx) => {
    const row = await trx
      .insertInto('upgrade_steps')
      .values({
        run_id: s.runId,
        host: s.host,
        step: s.step,
        started_at: s.at.getTime(),
        outcome: 'running',
        detail: JSON.stringify(s.detail ?? {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

/** Settles a step; `detail` is merged over what was written when it started. */
export async function finishStep(
  conn: Conn,
  id: number,
  s: { at: Date; outcome: Exclude<StepOutcome, 'running'>; detail?: Record<string, unknown> },
): Promise<void> {
  await conn.write(async (trx) => {
    const row = await trx
      .selectFrom('upgrade_steps')
      .select('detail')
      .where('id', '=', id)
      .executeTakeFirst();
    const before = row ? (JSON.parse(row.detail) as Record<string, unknown>) : {};
    await trx
      .updateTable('upgrade_steps')
      .set({
        finished_at: s.at.getTime(),
        outcome: s.outcome,
        detail: JSON.stringify({ ...before, ...s.detail }),
      })
      .where('id', '=', id)
      .execute();
  });
}

/** Runs, newest first. */
export async function listRuns(db: Kysely<Database>, limit = 20): Promise<UpgradeRun[]> {
  const rows = await db
    .selectFrom('upgrade_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    startedAt: new Date(Number(r.started_at)),
    finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)),
    startedBy: r.started_by,
    osUser: r.os_user,
    plan: JSON.parse(r.plan) as Record<string, unknown>,
    outcome: r.outcome as RunOutcome,
    summary: r.summary,
  }));
}

/** The steps of some runs, in the order they were written. */
export async function listSteps(db: Kysely<Database>, runIds: readonly number[]): Promise<UpgradeStep[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('upgrade_steps')
    .selectAll()
    .where('run_id', 'in', [...runIds])
    .orderBy('run_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    runId: Number(r.run_id),
    host: r.host,
    step: r.step as StepName,
    startedAt: new Date(Number(r.started_at)),
    finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)),
    outcome: r.outcome as StepOutcome,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
