import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, tempDir } from '../cli/run-cli.js';
import { type Serve, startServe, waitFor } from '../daemon/serve-helpers.js';

/*
 * A real `ronde serve` (dist/) and `kill -HUP`: the page follows the new
 * configuration without a restart (a routine added, a trusted proxy set), and
 * users and roles changed with `ronde users` apply at the next request (they
 * live in the store). Listens on 127.0.65.1 (this part's loopback range).
 */
const HOST = '127.0.65.1';

let dir: string;
let file: string;
let serve: Serve;
let base: string;

const env = () => ({ HOME: dir, XDG_DATA_HOME: join(dir, 'data') });

function writeConfig(extra: { routine?: boolean; proxy?: boolean } = {}): void {
  writeFileSync(
    file,
    [
      `database: { path: ${join(dir, 'ronde.db')} }`,
      'hosts: [{ name: self, local: true }]',
      'checks: [{ name: disk, kind: system.disk, on: self, interval: 1h }]',
      'team: [{ name: alice }, { name: bob }]',
      'routines:',
      '  - { id: backups, title: Check the backups, every: 1w }',
      ...(extra.routine ? ['  - { id: restore-test, title: Restore one dump, every: 1mo }'] : []),
      'web:',
      '  cookie_secure: false',
      ...(extra.proxy
        ? [
            `  trusted_proxy: { addresses: ["127.0.0.1", "${HOST}"], header: X-Remote-User, default_role: viewer }`,
          ]
        : []),
      '',
    ].join('\n'),
  );
}

function users(args: string[], password?: string): void {
  const r = spawnSync(process.execPath, [CLI, 'users', ...args, '--config', file], {
    encoding: 'utf8',
    input: password === undefined ? undefined : `${password}\n${password}\n`,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env() },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`ronde users ${args.join(' ')}: ${r.stderr}${r.stdout}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Logs in through the form as a browser would; returns the session cookie. */
async function login(user: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const loginCookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, user, password, next: '/' }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('ronde_session='));
  if (res.status !== 303 || !session) throw new Error(`login of ${user}: ${res.status} ${await res.text()}`);
  return session.split(';')[0]!;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { redirect: 'manual', headers });

async function reload(): Promise<void> {
  const before = serve.lines().filter((l) => l.msg === 'configuration reloaded').length;
  serve.child.kill('SIGHUP');
  await waitFor(
    () => serve.lines().filter((l) => l.msg === 'configuration reloaded').length > before,
    60_000,
    serve.logs,
  );
}

beforeAll(async () => {
  dir = tempDir('ronde-web-reload-');
  file = join(dir, 'ronde.yaml');
  writeConfig();
  users(['add', 'alice', '--role', 'viewer'], 'alice long password');
  const port = await freePort();
  base = `http://${HOST}:${port}`;
  serve = startServe(['--config', file, '--listen', `${HOST}:${port}`], env());
  await waitFor(() => serve.logs().includes('"listening"'), 60_000, serve.logs);
}, 120_000);

afterAll(async () => {
  if (serve) expect((await serve.stop()).code).toBe(0);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a routine added to ronde.yaml is on the page after kill -HUP, without a restart', async () => {
  const alice = await login('alice', 'alice long password');
  expect((await get('/routines/restore-test', { cookie: alice })).status).toBe(404);
  writeConfig({ routine: true });
  await reload();
  const page = await get('/routines/restore-test', { cookie: alice });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Restore one dump');
  const api = (await (await get('/api/v1/routines', { cookie: alice })).json()) as {
    routines: { id: string }[];
  };
  expect(api.routines.map((r) => r.id).sort()).toEqual(['backups', 'restore-test']);
  // The same session goes on: a reload logs nobody out.
  expect((await get('/', { cookie: alice })).status).toBe(200);
}, 120_000);

it('a user added and a role changed with `ronde users` apply at the next request', async () => {
  users(['add', 'bob', '--role', 'viewer'], 'bob long password');
  const bob = await login('bob', 'bob long password');
  expect(await (await get('/routines/backups', { cookie: bob })).text()).toContain(
    'Signing off needs the operator role.',
  );
  users(['role', 'bob', 'operator']);
  const page = await (await get('/routines/backups', { cookie: bob })).text();
  expect(page).not.toContain('Signing off needs the operator role.');
  expect(page).toContain('action="/routines/backups/done"');
}, 120_000);

it('a trusted proxy set in ronde.yaml is trusted after kill -HUP', async () => {
  // From this test's address (the proxy's once configured): the header means nothing yet.
  const before = await get('/', { 'x-remote-user': 'carol' });
  expect(before.status).toBe(303);
  expect(before.headers.get('location')).toMatch(/^\/login/);
  writeConfig({ routine: true, proxy: true });
  await reload();
  const after = await get('/', { 'x-remote-user': 'carol' });
  expect(after.status).toBe(200);
  expect(await after.text()).toContain('carol (viewer)');
}, 120_000);
