import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * The release bot's memory: per watch, whether its first look is done (so
 * adding a watch never floods the channel) and until when its source is
 * rate-limited; per watch and version, that the release was seen (so it is
 * announced once, across restarts).
 */
export function releasesMigration(_dialect: StoreDialect): Migration {
  const time = sql.raw('bigint');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('release_watch')
        .addColumn('watch', 'text', (c) => c.primaryKey())
        .addColumn('initialized_at', time, (c) => c.notNull())
        .addColumn('checked_at', time, (c) => c.notNull())
        .addColumn('rate_limited_until', time)
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createTable('release_seen')
        .addColumn('watch', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('seen_at', time, (c) => c.notNull())
        // 0: recorded silently (first look, or a burst folded into one message).
        .addColumn('announced', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('release_seen_pk', ['watch', 'version'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['release_seen', 'release_watch']) await db.schema.dropTable(t).execute();
    },
  };
}
