import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../auth/roles.js';
import { createSession } from '../auth/sessions.js';
import { addUser, type User } from '../auth/users.js';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { CheckResult } from '../core/check.js';
import type { Status } from '../core/status.js';
import { openStore } from '../store/db.js';
import type { Store } from '../store/types.js';
import { createApp } from './server.js';

/*
 * In-process requests against the real app and a real SQLite store in a
 * temporary directory: one user per role, each with a live session.
 * Test-only (excluded from the build).
 */

export const KIT_YAML = `
timezone: Europe/Paris
hosts:
  - { name: web1, tags: [web] }
  - { name: db1 }
checks:
  - { kind: system.disk, on: all }
  - { kind: apt.pending, on: all }
team:
  - { name: alice, mattermost: alice.m }
  - { name: operator }
  - { name: admin }
routines:
  - id: backups
    title: Check the backups
    description: "Restore **one** dump on the test VM. See [the wiki](https://wiki.example.org/b)."
    every: 1w
    checklist: [Dumps restored, VM backups listed]
    checks: [system.disk@web1]
  - id: vm-updates
    title: Update every VM
    every: 1mo
    checks: [apt.pending]
`;

export const PASSWORD = 'correct horse battery';

export interface Kit {
  store: Store;
  config: Config;
  /** The SQLite file, for a CLI command on the same store. */
  path: string;
  app: ReturnType<typeof createApp>;
  now: { t: Date };
  /** Session cookie and CSRF token per role. */
  as: Record<Role, { cookie: string; csrf: string }>;
  req(
    method: string,
    path: string,
    o?: {
      as?: Role;
      cookie?: string;
      csrf?: string | false;
      form?: Record<string, string>;
      json?: unknown;
      address?: string;
    },
  ): Promise<Response>;
  /** A new session of the role's user (for requests that end it). */
  session(role: Role): Promise<{ cookie: string; csrf: string }>;
  /** Saves a round of results for `host` (kind from the check name). */
  results(
    at: Date,
    list: [
      host: string,
      check: string,
      status: Status,
      summary?: string,
      details?: Record<string, unknown>,
    ][],
  ): Promise<void>;
  close(): Promise<void>;
}

export async function webKit(yaml = KIT_YAML, extra = ''): Promise<Kit> {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-web-'));
  const config = parseConfig(yaml + extra, 'ronde.yaml', registry, {});
  const path = join(dir, 'ronde.db');
  const store = await openStore({ kind: 'sqlite', path });
  const now = { t: new Date('2026-03-02T09:00:00Z') };
  const app = createApp({
    daemon: { healthy: () => true, status: () => ({ rounds: 1 }) },
    store,
    config,
    now: () => now.t,
  });
  const as = {} as Kit['as'];
  const users = new Map<Role, User>();
  const session = async (role: Role) => {
    const { token, session } = await store.conn.write((trx) =>
      createSession(trx, users.get(role)!, { now: now.t, ttlMs: 86_400_000, address: '127.0.0.1' }),
    );
    return { cookie: `ronde_session=${token}`, csrf: session.csrf };
  };
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    const name = role === 'viewer' ? 'alice' : role;
    users.set(
      role,
      await store.conn.write((trx) => addUser(trx, { name, role, password: PASSWORD, now: now.t })),
    );
    as[role] = await session(role);
  }
  const kit: Kit = {
    store,
    config,
    path,
    app,
    now,
    as,
    session,
    async req(method, path, o = {}) {
      const headers: Record<string, string> = {};
      const who = o.as ? as[o.as] : undefined;
      const cookie = o.cookie ?? who?.cookie;
      if (cookie) headers.cookie = cookie;
      const csrf = o.csrf === false ? undefined : (o.csrf ?? who?.csrf);
      let body: string | undefined;
      if (o.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...o.form }).toString();
      } else if (method !== 'GET' && method !== 'HEAD') {
        headers['content-type'] = 'application/json';
        if (csrf) headers['x-csrf-token'] = csrf;
        body = JSON.stringify(o.json ?? {});
      }
      return app.request(
        `http://ronde.test${path}`,
        { method, headers, body },
        {
          incoming: { socket: { remoteAddress: o.address ?? '127.0.0.1' } },
        },
      );
    },
    async results(at, list) {
      const results: CheckResult[] = list.map(([host, check, status, summary, details]) => ({
        check,
        kind: check,
        target: host,
        status,
        summary: summary ?? `${check} on ${host} is ${status}`,
        startedAt: at.toISOString(),
        durationMs: 10,
        evidence: [],
        ...(details ? { details } : {}),
      }));
      await store.saveRound({ startedAt: at, finishedAt: at, trigger: 'cli', interrupted: false }, results);
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return kit;
}

/** The cookie a response sets, as `name=value` for the next request. */
export function cookieOf(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) if (line.startsWith(`${name}=`)) return line.split(';')[0];
  return undefined;
}
