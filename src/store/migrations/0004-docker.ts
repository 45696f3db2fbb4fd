import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * `ronde docker approve HOST`: the Compose services running on a host when a
 * person approved it, one row per host (replaced by each approval).
 */
export function dockerMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('docker_approvals')
        .addColumn('host', 'text', (c) => c.primaryKey())
        // JSON array of `project/service`, sorted.
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('approved_at', sql.raw('bigint'), (c) => c.notNull())
        .addColumn('approved_by', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('docker_approvals').execute();
    },
  };
}
