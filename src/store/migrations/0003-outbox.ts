import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * The daemon's announcement state (separate from check_state, which CLI runs
 * also move), the durable outbox of notifications, the once-only marks of
 * reminders and digests, and each notifier's health.
 */
export function outboxMigration(dialect: StoreDialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const time = 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('announced')
        .addColumn('check_name', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        // Null: first seen as a problem that has not held long enough to be announced.
        .addColumn('announced_status', 'text')
        .addColumn('candidate_status', 'text')
        .addColumn('candidate_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', sql.raw(time), (c) => c.notNull())
        .addPrimaryKeyConstraint('announced_pk', ['check_name', 'target'])
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        // The idempotency key: unique, so a replayed event never inserts twice.
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('notifier', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', sql.raw(time), (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', sql.raw(time), (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_at', sql.raw(time))
        .addColumn('last_error', 'text')
        .addColumn('sent_at', sql.raw(time))
        .execute();
      await db.schema
        .createIndex('outbox_due')
        .on('outbox')
        .columns(['state', 'next_attempt_at', 'id'])
        .execute();

      await db.schema
        .createTable('notify_marks')
        .addColumn('identity', 'text', (c) => c.primaryKey())
        .addColumn('at', sql.raw(time), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notifier_health')
        .addColumn('notifier', 'text', (c) => c.primaryKey())
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('last_failure_at', sql.raw(time))
        .addColumn('last_success_at', sql.raw(time))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['notifier_health', 'notify_marks', 'outbox', 'announced'])
        await db.schema.dropTable(t).execute();
    },
  };
}
