import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/*
 * Access reviews (R10): the snapshots of each access source that `ronde access
 * review` recorded (principals as JSON, one row per distinct state), and who
 * approved which snapshot (append-only like the sign-offs: a later approval
 * supersedes, nothing is rewritten).
 */
export function accessMigration(dialect: StoreDialect): Migration {
  const id = sql.raw(dialect === 'postgres' ? 'bigserial' : 'integer');
  const time = sql.raw('bigint');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('access_snapshots')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        // `CHECK@HOST`: the access.review check and the host it ran on.
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('taken_at', time, (c) => c.notNull())
        // sha256 of the principals' JSON: an unchanged source adds no row.
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('principals', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('access_snapshots_source')
        .on('access_snapshots')
        .columns(['source', 'id'])
        .execute();
      await db.schema
        .createTable('access_approvals')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('snapshot_id', time, (c) => c.notNull().references('access_snapshots.id'))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('access_approvals_source')
        .on('access_approvals')
        .columns(['source', 'id'])
        .execute();
      const why = 'access approvals are append-only: approve again instead';
      if (dialect === 'sqlite') {
        for (const op of ['update', 'delete'])
          await sql
            .raw(
              `create trigger access_approvals_no_${op} before ${op} on access_approvals begin select raise(abort, '${why}'); end`,
            )
            .execute(db);
      } else {
        await sql
          .raw(
            `create function ronde_access_approvals_append_only() returns trigger language plpgsql as $$ begin raise exception '${why}'; end $$`,
          )
          .execute(db);
        await sql
          .raw(
            'create trigger access_approvals_append_only before update or delete on access_approvals ' +
              'for each row execute function ronde_access_approvals_append_only()',
          )
          .execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres')
        await sql`drop function if exists ronde_access_approvals_append_only() cascade`.execute(db);
      await db.schema.dropTable('access_approvals').execute();
      await db.schema.dropTable('access_snapshots').execute();
    },
  };
}
