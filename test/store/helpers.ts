import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CheckResult } from '../../src/core/check.js';
import type { Status } from '../../src/core/status.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  /** A new, empty database for one test. */
  fresh(label: string): Promise<DatabaseLocation>;
  teardown(): Promise<void>;
}

export function sqliteBackend(): Backend {
  let dir = '';
  let n = 0;
  return {
    name: 'sqlite',
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'ronde-store-'));
    },
    async fresh(label) {
      return { kind: 'sqlite', path: join(dir, `${label.replace(/\W/g, '_')}-${++n}`, 'ronde.db') };
    },
    async teardown() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  let lab: PostgresLab | undefined;
  return {
    name: 'postgres',
    async setup() {
      lab = await startPostgres();
    },
    async fresh(label) {
      if (!lab) throw new Error('PostgreSQL lab did not start');
      return { kind: 'postgres', url: await lab.createDatabase(label.slice(0, 30)) };
    },
    async teardown() {
      await lab?.stop();
    },
  };
}

/** Reads the database behind the store's back, as an admin with `sqlite3`/`psql` would. */
export async function rawQuery(loc: DatabaseLocation, query: string): Promise<Record<string, unknown>[]> {
  if (loc.kind === 'sqlite') {
    const db = new Database(loc.path, { readonly: true });
    try {
      return db.prepare(query).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: loc.url });
  await c.connect();
  try {
    return (await c.query(query)).rows;
  } finally {
    await c.end();
  }
}

export function result(
  check: string,
  target: string,
  status: Status,
  at: Date,
  extra: Partial<CheckResult> = {},
) {
  return {
    check,
    kind: 'system.disk',
    target,
    status,
    summary: `${check} on ${target} is ${status}`,
    startedAt: at.toISOString(),
    durationMs: 12,
    evidence: [{ command: 'df -P', exitCode: 0, timedOut: false, durationMs: 3, stdout: 'ok' }],
    ...extra,
  } satisfies CheckResult;
}

export function round(at: Date, extra: { interrupted?: boolean; host?: string } = {}) {
  return {
    startedAt: at,
    finishedAt: new Date(at.getTime() + 1000),
    trigger: 'cli' as const,
    interrupted: extra.interrupted ?? false,
    ...(extra.host !== undefined ? { host: extra.host } : {}),
  };
}
