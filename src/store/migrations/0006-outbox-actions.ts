import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * What a person did about a stuck message (`ronde outbox retry|drop`), and
 * why a message failed. `outbox.failure` tells a missing secret ('secret':
 * re-queued at the next start, when every secret resolves) from a refusal
 * ('permanent') and from retries given up ('exhausted'). `outbox_actions` is
 * the audit trail: who, when, what, why — kept when the message is pruned.
 */
export function outboxActionsMigration(dialect: StoreDialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const time = sql.raw('bigint');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('outbox').addColumn('failure', 'text').execute();
      await db.schema
        .createTable('outbox_actions')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('outbox_id', time, (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('notifier', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        // 'retry' | 'drop' | 'requeue' (by ronde itself at start).
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addColumn('os_user', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('reason', 'text')
        // The message's state and last error when the action was taken.
        .addColumn('state_before', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('outbox_actions_outbox').on('outbox_actions').column('outbox_id').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('outbox_actions').execute();
      await db.schema.alterTable('outbox').dropColumn('failure').execute();
    },
  };
}
