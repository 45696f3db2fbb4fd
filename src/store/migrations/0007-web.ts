import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreDialect } from '../migrator.js';

/*
 * The team's page: who may log in (users, their sessions), what they said
 * about problems (acknowledgements, silences, maintenance windows) and the
 * audit log of every action, append-only like the sign-offs. Sign-offs may
 * now come from the page (`web`) and the chat (`chat`) as well.
 */
export function webMigration(dialect: StoreDialect): Migration {
  const id = sql.raw(dialect === 'postgres' ? 'bigserial' : 'integer');
  const time = sql.raw('bigint');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'operator', 'admin')`))
        // null: no local password (an LDAP or proxy user seen once, for the audit and the role).
        .addColumn('password_hash', 'text')
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('local', 'ldap', 'proxy')`))
        .addColumn('language', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('password_changed_at', time)
        .execute();
      await db.schema
        .createTable('sessions')
        // sha256 of the cookie's token: a copy of the store does not give live sessions away.
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_name', 'text', (c) => c.notNull().references('users.name').onDelete('cascade'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_name').execute();

      await db.schema
        .createTable('audit')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_at').on('audit').columns(['at', 'id']).execute();
      await appendOnly(db, dialect, 'audit', 'the audit log is append-only');

      await db.schema
        .createTable('acks')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('check_name', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        // null: until the check recovers.
        .addColumn('expires_at', time)
        .addColumn('ended_at', time)
        .addColumn('ended_by', 'text')
        .execute();
      await db.schema
        .createIndex('acks_open')
        .on('acks')
        .columns(['target', 'check_name', 'ended_at'])
        .execute();

      // Silences and maintenance windows share one shape: a selector, a reason, a time span.
      await db.schema
        .createTable('silences')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('silence', 'maintenance')`))
        /** JSON `{ host?, tag?, kind?, check? }`: every given field must match. */
        .addColumn('selector', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('starts_at', time, (c) => c.notNull())
        .addColumn('ends_at', time, (c) => c.notNull())
        // 1: a maintenance window that ends as soon as everything it covers is OK again.
        .addColumn('end_when_ok', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ended_at', time)
        .addColumn('ended_by', 'text')
        .execute();
      await db.schema.createIndex('silences_ends').on('silences').column('ends_at').execute();

      await widenSignoffSources(db, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres')
        await sql`drop function if exists ronde_audit_append_only() cascade`.execute(db);
      for (const t of ['silences', 'acks', 'audit', 'sessions', 'users'])
        await db.schema.dropTable(t).execute();
    },
  };
}

async function appendOnly(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  table: string,
  why: string,
): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete'])
      await sql
        .raw(
          `create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${why}'); end`,
        )
        .execute(db);
    return;
  }
  await sql
    .raw(
      `create function ronde_${table}_append_only() returns trigger language plpgsql as $$ ` +
        `begin raise exception '${why}'; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_append_only before update or delete on ${table} ` +
        `for each row execute function ronde_${table}_append_only()`,
    )
    .execute(db);
}

const SOURCES = "source in ('cli', 'auto', 'web', 'chat')";

/**
 * `signoffs.source` also takes `web` and `chat`. PostgreSQL drops and re-adds
 * the check; SQLite cannot alter a check, so the table is rebuilt with its rows,
 * indexes and append-only triggers (inside the migration's transaction).
 */
async function widenSignoffSources(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql
      .raw(
        `alter table signoffs drop constraint if exists signoffs_source_check, add constraint signoffs_source_check check (${SOURCES})`,
      )
      .execute(db);
    return;
  }
  const row = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = 'signoffs'`.execute(db);
  const create = row.rows[0]?.sql;
  if (!create) throw new Error('signoffs table not found');
  const widened = create
    .replace(/^create table "?signoffs"?/i, 'create table "signoffs_new"')
    .replace(/"?source"? in \('cli', 'auto'\)/, SOURCES);
  if (!widened.includes(SOURCES)) throw new Error(`unexpected signoffs schema: ${create}`);
  await sql.raw(widened).execute(db);
  await sql.raw('insert into signoffs_new select * from signoffs').execute(db);
  await sql.raw('drop table signoffs').execute(db);
  await sql.raw('alter table signoffs_new rename to signoffs').execute(db);
  await sql.raw('create index "signoffs_routine" on "signoffs" ("routine", "id")').execute(db);
  await sql.raw('create unique index "signoffs_undoes" on "signoffs" ("undoes")').execute(db);
  for (const op of ['update', 'delete'])
    await sql
      .raw(
        `create trigger signoffs_no_${op} before ${op} on signoffs ` +
          `begin select raise(abort, 'signoffs are append-only: record an undo instead'); end`,
      )
      .execute(db);
}
