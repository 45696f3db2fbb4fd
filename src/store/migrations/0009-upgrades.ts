import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/*
 * `ronde upgrade run`: one row per run (who started it, with which options,
 * how it ended) and one per step of each host (snapshot, upgrade, reboot,
 * re-check…), each with its outcome and a JSON detail (package versions
 * before and after, boot ids, the tail of apt-get's output). Steps are
 * written as they happen, so a run cut short still shows how far it got.
 */
export function upgradesMigration(dialect: StoreDialect): Migration {
  const id = sql.raw(dialect === 'postgres' ? 'bigserial' : 'integer');
  const time = sql.raw('bigint');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('upgrade_runs')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('finished_at', time)
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('os_user', 'text', (c) => c.notNull())
        // JSON: the plan's hosts and batches, the options (allow_remove, unattended).
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) =>
          c.notNull().check(sql`outcome in ('running', 'ok', 'failed', 'interrupted', 'nothing')`),
        )
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('upgrade_runs_started').on('upgrade_runs').column('started_at').execute();
      await db.schema
        .createTable('upgrade_steps')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('run_id', time, (c) => c.notNull().references('upgrade_runs.id').onDelete('cascade'))
        .addColumn('host', 'text', (c) => c.notNull())
        // snapshot | pre-hook | upgrade | reboot | recheck | refused | not-started
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('finished_at', time)
        .addColumn('outcome', 'text', (c) =>
          c.notNull().check(sql`outcome in ('running', 'ok', 'failed', 'skipped', 'interrupted')`),
        )
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createIndex('upgrade_steps_run')
        .on('upgrade_steps')
        .columns(['run_id', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('upgrade_steps').execute();
      await db.schema.dropTable('upgrade_runs').execute();
    },
  };
}
