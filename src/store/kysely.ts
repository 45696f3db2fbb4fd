import { createRequire } from 'node:module';

/**
 * kysely's values, from its CommonJS build: its ESM build is ~280 files that
 * Node 20 resolves one by one, ~90 ms more on every `ronde` start (measured:
 * ~200 ms import vs ~110 ms require). Types still come from `import type`.
 * Every value use goes through here, so there is one kysely in the process.
 */
const kysely = createRequire(import.meta.url)('kysely') as typeof import('kysely');

export const { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } = kysely;
