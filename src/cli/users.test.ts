import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkPassword } from '../auth/passwords.js';
import { listUsers, passwordHash } from '../auth/users.js';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import { listAudit } from '../store/audit.js';
import { openStore } from '../store/db.js';
import { CliError } from './errors.js';
import { usersCommand } from './users.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ronde-users-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = parseConfig('team: [{ name: alice }]\n', 'ronde.yaml', registry, {});

async function run(args: string[], password = 'a long enough password') {
  let out = '';
  const cmd = usersCommand({
    context: async () => ({
      config,
      openStore: () => openStore({ kind: 'sqlite', path: join(dir, 'r.db') }),
    }),
    write: (s) => (out += s),
    readPassword: async () => password,
    osUser: () => 'root (sudo from alice)',
    now: () => new Date('2026-03-02T09:00:00Z'),
  });
  cmd.exitOverride();
  for (const c of cmd.commands) c.exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  return out;
}

async function read<T>(fn: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const s = await openStore({ kind: 'sqlite', path: join(dir, 'r.db') });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

it('adds, changes and removes users, each change in the audit log', async () => {
  expect(await run(['add', 'alice', '--role', 'admin'])).toContain('User alice added (admin)');
  expect(await run(['add', 'bob'])).toMatch(/not a member of team:/);
  await run(['passwd', 'bob'], 'a brand new password');
  await run(['role', 'bob', 'operator']);
  expect(await run(['list'])).toMatch(/alice\s+admin\s+local\nbob\s+operator/);
  await run(['remove', 'bob']);
  const users = await read((s) => listUsers(s.conn.db));
  expect(users.map((u) => u.name)).toEqual(['alice']);
  const hash = await read((s) => passwordHash(s.conn.db, 'alice'));
  expect(hash).toMatch(/^\$argon2id\$/);
  expect(await checkPassword(hash!, 'a long enough password')).toBe(true);
  const audit = await read((s) => listAudit(s.conn.db));
  expect(audit.map((a) => `${a.action} ${a.subject}`)).toEqual([
    'user.remove bob',
    'user.role bob',
    'user.passwd bob',
    'user.add bob',
    'user.add alice',
  ]);
  expect(audit[0]).toMatchObject({ actor: 'root (sudo from alice)', channel: 'cli', address: 'local' });
});

it('refuses a short password, a duplicate, an unknown role or user', async () => {
  await expect(run(['add', 'alice'], 'short')).rejects.toThrow(/at least 10 characters/);
  await run(['add', 'alice']);
  await expect(run(['add', 'alice'])).rejects.toThrow(CliError);
  await expect(run(['add', 'carol', '--role', 'root'])).rejects.toThrow(
    /expected one of viewer, operator, admin/,
  );
  await expect(run(['passwd', 'nobody'])).rejects.toThrow(/no user "nobody"/);
});

it('ronde audit lists the log newest first, filtered', async () => {
  await run(['add', 'alice', '--role', 'admin']);
  await run(['add', 'bob']);
  let out = '';
  const { auditCommand } = await import('./audit.js');
  await auditCommand({
    context: async () => ({
      config,
      openStore: () => openStore({ kind: 'sqlite', path: join(dir, 'r.db') }),
    }),
    write: (s) => (out += s),
  }).parseAsync(['--action', 'user.add', '-n', '1'], { from: 'user' });
  expect(out).toMatch(
    /^2026-03-02 09:00 UTC {2}root \(sudo from alice\) {2}user\.add {2}bob {2}\(cli local\)/,
  );
  expect(out.trim().split('\n')).toHaveLength(1);
});
