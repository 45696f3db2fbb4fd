import { afterEach, beforeEach, expect, it } from 'vitest';
import { setPassword, setRole } from '../auth/users.js';
import { listAudit } from '../store/audit.js';
import { cookieOf, type Kit, PASSWORD, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  kit = await webKit();
});
afterEach(() => kit.close());

/** The login form as a browser fills it: its cookie, its hidden token. */
async function login(user: string, password: string, next = '/', address = '127.0.0.1') {
  const page = await kit.req('GET', `/login?next=${encodeURIComponent(next)}`);
  const cookie = cookieOf(page, 'ronde_login')!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return kit.req('POST', '/login', {
    cookie,
    csrf: false,
    form: { _csrf: csrf, user, password, next },
    address,
  });
}

it('logs in with a password and sets a Secure, HttpOnly, SameSite session cookie', async () => {
  const res = await login('operator', PASSWORD, '/audit');
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/audit');
  const line = res.headers.getSetCookie().find((l) => l.startsWith('ronde_session='))!;
  expect(line).toMatch(/HttpOnly/);
  expect(line).toMatch(/Secure/);
  expect(line).toMatch(/SameSite=Lax/);
  const home = await kit.req('GET', '/', { cookie: cookieOf(res, 'ronde_session')! });
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('operator');
  const [entry] = await listAudit(kit.store.conn.db);
  expect(entry).toMatchObject({ actor: 'operator', action: 'login', address: '127.0.0.1', channel: 'web' });
});

it('keeps the login form’s token when the login page is fetched again (a favicon, a second tab)', async () => {
  const first = await kit.req('GET', '/login');
  const cookie = cookieOf(first, 'ronde_login')!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  const again = await kit.req('GET', '/login?next=%2Ffavicon.ico', { cookie });
  expect(/name="_csrf" value="([^"]+)"/.exec(await again.text())![1]).toBe(csrf);
  const res = await kit.req('POST', '/login', {
    cookie,
    csrf: false,
    form: { _csrf: csrf, user: 'operator', password: PASSWORD, next: '/' },
  });
  expect(res.status).toBe(303);
});

it('refuses a login without the form’s token (no cross-site login)', async () => {
  const res = await kit.req('POST', '/login', { form: { user: 'operator', password: PASSWORD, _csrf: 'x' } });
  expect(res.status).toBe(403);
});

it('never redirects off the site after login', async () => {
  for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example'])
    expect((await login('operator', PASSWORD, next)).headers.get('location')).toBe('/');
});

it('records failed logins and rate-limits them, even with the right password after', async () => {
  for (let i = 0; i < 5; i++) expect((await login('operator', 'wrong password!')).status).toBe(401);
  const limited = await login('operator', PASSWORD);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  const failed = await listAudit(kit.store.conn.db, { action: 'login.failed' });
  expect(failed).toHaveLength(5);
  expect(failed[0]).toMatchObject({ actor: 'operator', address: '127.0.0.1' });
  // The window passes: the right password works again.
  kit.now.t = new Date(kit.now.t.getTime() + 16 * 60_000);
  expect((await login('operator', PASSWORD)).status).toBe(303);
});

it('an unknown user gets the same answer as a wrong password', async () => {
  const res = await login('nobody', PASSWORD);
  expect(res.status).toBe(401);
  expect(await res.text()).toContain('Wrong user or password.');
});

it('refuses the session after a password change', async () => {
  const res = await login('operator', PASSWORD);
  const cookie = cookieOf(res, 'ronde_session')!;
  expect((await kit.req('GET', '/', { cookie })).status).toBe(200);
  await kit.store.conn.write((trx) => setPassword(trx, 'operator', 'another long password', kit.now.t));
  const after = await kit.req('GET', '/', { cookie });
  expect(after.status).toBe(303);
  expect((await kit.req('GET', '/api/v1/session', { cookie })).status).toBe(401);
  expect((await login('operator', PASSWORD)).status).toBe(401);
  expect((await login('operator', 'another long password')).status).toBe(303);
});

it('ends the session on logout: the old cookie is refused', async () => {
  const res = await login('alice', PASSWORD);
  const cookie = cookieOf(res, 'ronde_session')!;
  const page = await (await kit.req('GET', '/', { cookie })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const out = await kit.req('POST', '/logout', { cookie, csrf, form: {} });
  expect(out.status).toBe(303);
  expect((await kit.req('GET', '/', { cookie })).status).toBe(303);
  expect((await listAudit(kit.store.conn.db, { action: 'logout' }))[0]?.actor).toBe('alice');
});

it('refuses an expired session', async () => {
  kit.now.t = new Date(kit.now.t.getTime() + 2 * 86_400_000);
  expect((await kit.req('GET', '/', { as: 'admin' })).status).toBe(303);
});

it('applies a role change at the next request', async () => {
  await kit.store.conn.write((trx) => setRole(trx, 'operator', 'viewer'));
  const home = await (await kit.req('GET', '/', { as: 'operator' })).text();
  expect(home).toContain('operator (viewer)');
});
