import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Where the store lives. `shared` SQLite files are used by the daemon and volunteers in group `ronde`. */
export type DatabaseLocation =
  | { kind: 'sqlite'; path: string; shared?: boolean }
  | { kind: 'postgres'; url: string };

export interface DatabaseConfig {
  /** `postgres://…` (secrets already resolved by the caller). */
  url?: string;
  /** A SQLite file; relative to the configuration file's directory. */
  path?: string;
}

export interface LocationInput {
  configPath: string | null;
  database?: DatabaseConfig;
  env: Record<string, string | undefined>;
}

/** The system-wide database of an installed ronde (config under /etc/ronde/). */
export const SYSTEM_DB_PATH = '/var/lib/ronde/ronde.db';

/**
 * Picks the database: `database:` in the config wins; an installed ronde
 * (config under /etc/ronde/) shares /var/lib/ronde/ronde.db between the daemon
 * and the CLI; anything else is a personal run under the XDG data dir.
 */
export function databaseLocation(input: LocationInput): DatabaseLocation {
  const { configPath, database, env } = input;
  const system = configPath !== null && isSystemConfig(configPath);
  if (database?.url !== undefined) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(database.url)?.[1]?.toLowerCase();
    if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', url: database.url };
    // Never echo the URL: it may carry a password.
    throw new Error(
      `database.url: unsupported scheme ${scheme ? `"${scheme}:"` : '(none)'}; ` +
        'use postgres://… for PostgreSQL or database.path for a SQLite file',
    );
  }
  if (database?.path !== undefined) {
    const base = configPath !== null ? dirname(resolve(configPath)) : process.cwd();
    return { kind: 'sqlite', path: resolve(base, database.path), shared: system };
  }
  if (system) return { kind: 'sqlite', path: SYSTEM_DB_PATH, shared: true };
  return { kind: 'sqlite', path: join(xdgDataHome(env), 'ronde', 'ronde.db') };
}

/**
 * ronde's own state directory (its known_hosts, caches): /var/lib/ronde for an
 * installed ronde (config under /etc/ronde/), else $XDG_DATA_HOME/ronde.
 */
export function stateDirectory(configPath: string | null, env: Record<string, string | undefined>): string {
  if (configPath !== null && isSystemConfig(configPath)) return dirname(SYSTEM_DB_PATH);
  return join(xdgDataHome(env), 'ronde');
}

function isSystemConfig(configPath: string): boolean {
  return resolve(configPath).startsWith('/etc/ronde/');
}

/** XDG Base Directory spec: a relative $XDG_DATA_HOME is invalid and must be ignored. */
function xdgDataHome(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg && isAbsolute(xdg)) return xdg;
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir();
  return join(home, '.local', 'share');
}
