import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/**
 * Routine sign-offs (an append-only log: an undo is a new row naming the one
 * it cancels) and when each routine id was first seen in the configuration (a
 * routine never done is due from then).
 */
export function routinesMigration(dialect: StoreDialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('signoffs')
        .addColumn('id', sql.raw(id), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('routine', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('done', 'undo')`))
        .addColumn('at', 'bigint', (c) => c.notNull())
        // Not `by`: a reserved word an admin would have to quote in psql/sqlite3.
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('os_user', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('undoes', 'bigint')
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('cli', 'auto')`))
        .execute();
      await db.schema.createIndex('signoffs_routine').on('signoffs').columns(['routine', 'id']).execute();
      // A sign-off is cancelled at most once, even by two `ronde undo` at the same moment.
      await db.schema.createIndex('signoffs_undoes').on('signoffs').column('undoes').unique().execute();
      await appendOnly(db, dialect);

      await db.schema
        .createTable('routine_seen')
        .addColumn('routine', 'text', (c) => c.primaryKey())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres')
        await sql`drop function if exists ronde_signoffs_append_only() cascade`.execute(db);
      for (const t of ['routine_seen', 'signoffs']) await db.schema.dropTable(t).execute();
    },
  };
}

/** The audit trail refuses UPDATE and DELETE, so a bug (or a careless query) cannot rewrite it. */
async function appendOnly(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete'])
      await sql
        .raw(
          `create trigger signoffs_no_${op} before ${op} on signoffs ` +
            `begin select raise(abort, 'signoffs are append-only: record an undo instead'); end`,
        )
        .execute(db);
    return;
  }
  await sql
    .raw(
      `create function ronde_signoffs_append_only() returns trigger language plpgsql as $$ ` +
        `begin raise exception 'signoffs are append-only: record an undo instead'; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      'create trigger signoffs_append_only before update or delete on signoffs ' +
        'for each row execute function ronde_signoffs_append_only()',
    )
    .execute(db);
}
