import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from './kysely.js';
import { initial } from './migrations/0001-initial.js';
import { routinesMigration } from './migrations/0002-routines.js';
import { outboxMigration } from './migrations/0003-outbox.js';
import { dockerMigration } from './migrations/0004-docker.js';
import { releasesMigration } from './migrations/0005-releases.js';
import { outboxActionsMigration } from './migrations/0006-outbox-actions.js';
import { webMigration } from './migrations/0007-web.js';
import { accessMigration } from './migrations/0008-access.js';
import { upgradesMigration } from './migrations/0009-upgrades.js';
import { jobsMigration } from './migrations/0010-jobs.js';
import { webIndexesMigration } from './migrations/0012-web-indexes.js';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

/**
 * Migrations are imported, not read from a directory: the build output's
 * location varies (dist/, a bundle, tsx), a static list does not.
 * Names sort in application order; never rename or edit an applied one.
 */
export function migrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-routines': routinesMigration(dialect),
    '0003-outbox': outboxMigration(dialect),
    '0004-docker': dockerMigration(dialect),
    '0005-releases': releasesMigration(dialect),
    '0006-outbox-actions': outboxActionsMigration(dialect),
    '0007-web': webMigration(dialect),
    '0008-access': accessMigration(dialect),
    '0009-upgrades': upgradesMigration(dialect),
    '0010-jobs': jobsMigration(),
    '0012-web-indexes': webIndexesMigration(dialect),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(readonly list: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.list;
  }
}

/**
 * Brings the schema to the latest version; a no-op when it is already there.
 * On PostgreSQL kysely holds an advisory lock for the whole run. On SQLite its
 * lock is a no-op, so the caller wraps this in BEGIN IMMEDIATE (see db.ts).
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  // Numbers were given out to parts built at the same time (0009 landed after 0010): each
  // migration touches only its own tables, so one applied after a higher number is fine.
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(migrations(dialect)),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`store migration ${failed ?? ''} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
