import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRun,
  finishRun,
  finishStep,
  listRuns,
  listSteps,
  startStep,
} from '../../src/actions/upgrade/repo.js';
import { openStore } from '../../src/store/db.js';
import { type Backend, postgresBackend, rawQuery, sqliteBackend } from '../store/helpers.js';

/** Upgrade runs and steps (migration 0009), the same on SQLite and PostgreSQL. */
describe.each<Backend>([sqliteBackend(), postgresBackend()])('upgrade runs on $name', (backend) => {
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());

  it('records a run, its steps as they start and end, and lists them newest first', async () => {
    const loc = await backend.fresh('upgrade-runs');
    const store = await openStore(loc);
    try {
      const t = (s: number) => new Date(Date.UTC(2026, 11, 5, 2, 0, s));
      const plan = { batches: [['vm1']], allowRemove: false };
      const first = await createRun(store.conn, { at: t(0), startedBy: 'alice', osUser: 'root', plan });
      const step = await startStep(store.conn, { runId: first, host: 'vm1', step: 'upgrade', at: t(1) });
      // Killed here, the run still says where it was.
      expect((await listSteps(store.conn.db, [first]))[0]).toMatchObject({
        outcome: 'running',
        finishedAt: null,
      });
      await finishStep(store.conn, step, {
        at: t(5),
        outcome: 'ok',
        detail: { before: { 'ronde-lab-kernel': '1' }, after: { 'ronde-lab-kernel': '2' } },
      });
      await finishRun(store.conn, first, { at: t(6), outcome: 'ok', summary: '1 upgraded' });
      const second = await createRun(store.conn, { at: t(10), startedBy: 'bob', osUser: 'bob', plan });
      const runs = await listRuns(store.conn.db);
      expect(runs.map((r) => [r.id, r.startedBy, r.outcome])).toEqual([
        [second, 'bob', 'running'],
        [first, 'alice', 'ok'],
      ]);
      expect(runs[1]).toMatchObject({ finishedAt: t(6), summary: '1 upgraded', plan });
      expect(await listSteps(store.conn.db, [first])).toEqual([
        {
          id: step,
          runId: first,
          host: 'vm1',
          step: 'upgrade',
          startedAt: t(1),
          finishedAt: t(5),
          outcome: 'ok',
          detail: { before: { 'ronde-lab-kernel': '1' }, after: { 'ronde-lab-kernel': '2' } },
        },
      ]);
      // The schema refuses an outcome it does not know.
      await expect(
        store.conn.write((trx) =>
          trx.updateTable('upgrade_runs').set({ outcome: 'great' }).where('id', '=', first).execute(),
        ),
      ).rejects.toThrow();
      expect(await rawQuery(loc, 'select count(*) as n from upgrade_steps')).toEqual([
        { n: backend.name === 'postgres' ? '1' : 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});
