import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * Rounds, their results, the current state per check+target and the log of
 * status changes. The only dialect difference is how an id is generated.
 */
export function initial(dialect: StoreDialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const time = 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rounds')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('started_at', sql.raw(time), (c) => c.notNull())
        .addColumn('finished_at', sql.raw(time), (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('interrupted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('host', 'text')
        .addColumn('result_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text')
        .execute();
      await db.schema.createIndex('rounds_started_at').on('rounds').column('started_at').execute();

      await db.schema
        .createTable('results')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('round_id', sql.raw(dialect === 'postgres' ? 'bigint' : 'integer'), (c) =>
          c.notNull().references('rounds.id').onDelete('cascade'),
        )
        .addColumn('check_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', sql.raw(time), (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('results_round').on('results').column('round_id').execute();
      await db.schema
        .createIndex('results_check_target')
        .on('results')
        .columns(['check_name', 'target', 'id'])
        .execute();

      await db.schema
        .createTable('check_state')
        .addColumn('check_name', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('since', sql.raw(time), (c) => c.notNull())
        .addColumn('last_result_id', 'bigint', (c) => c.notNull())
        .addColumn('last_at', sql.raw(time), (c) => c.notNull())
        .addColumn('consecutive', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('check_state_pk', ['check_name', 'target'])
        .execute();

      await db.schema
        .createTable('status_changes')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('at', sql.raw(time), (c) => c.notNull())
        .addColumn('check_name', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('result_id', 'bigint', (c) => c.notNull())
        .addColumn('round_id', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_changes_at').on('status_changes').columns(['at', 'id']).execute();
      await db.schema
        .createIndex('status_changes_check_target')
        .on('status_changes')
        .columns(['check_name', 'target', 'at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['status_changes', 'check_state', 'results', 'rounds'])
        await db.schema.dropTable(t).execute();
    },
  };
}
