import { afterEach, expect, it } from 'vitest';
import { getUser } from '../auth/users.js';
import { listAudit } from '../store/audit.js';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit | undefined;
afterEach(() => kit?.close());

const get = (k: Kit, path: string, peer: string, headers: Record<string, string>) =>
  k.app.request(`http://ronde.test${path}`, { headers }, { incoming: { socket: { remoteAddress: peer } } });

it('ignores the user header when no proxy is trusted (the default)', async () => {
  kit = await webKit();
  const res = await get(kit, '/', '127.0.0.1', { 'x-forwarded-user': 'admin' });
  expect(res.status).toBe(303);
});

it('trusts the header only from the configured proxy addresses', async () => {
  kit = await webKit(
    undefined,
    'web:\n  trusted_proxy: { addresses: ["127.0.0.5"], default_role: viewer }\n',
  );
  expect((await get(kit, '/', '127.0.0.1', { 'x-forwarded-user': 'admin' })).status).toBe(303);
  const res = await get(kit, '/', '::ffff:127.0.0.5', {
    'x-forwarded-user': 'carol',
    'x-forwarded-for': '127.0.9.7',
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('carol (viewer)');
  expect(res.headers.getSetCookie().some((l) => l.startsWith('ronde_session='))).toBe(true);
  expect(await getUser(kit.store.conn.db, 'carol')).toMatchObject({ source: 'proxy', role: 'viewer' });
  const [login] = await listAudit(kit.store.conn.db, { action: 'login' });
  expect(login).toMatchObject({ actor: 'carol', address: '127.0.9.7', detail: { via: 'proxy' } });
  // A known user keeps their role; a viewer named by the proxy still cannot act.
  const op = await get(kit, '/', '127.0.0.5', { 'x-forwarded-user': 'operator' });
  expect(await op.text()).toContain('operator (operator)');
});
