import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.js';
import { type Kit, webKit } from './test-kit.js';

/*
 * Every route × every role: unauthenticated, viewer, operator, admin, and a
 * state change without its CSRF token. The table must name every route the app
 * registers, so a new route cannot ship without saying who may use it.
 */

interface Route {
  method: 'GET' | 'POST';
  /** As registered (with `:param`s). */
  pattern: string;
  /** A concrete request path. */
  path?: string;
  least: Role | 'public';
  form?: Record<string, string>;
  json?: unknown;
  /** The request ends its session (logout): send it with a new one. */
  ends?: true;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: '/healthz', least: 'public' },
  { method: 'GET', pattern: '/login', least: 'public' },
  { method: 'POST', pattern: '/login', least: 'public' },
  { method: 'POST', pattern: '/chat/mattermost', least: 'public' },
  { method: 'GET', pattern: '/', least: 'viewer' },
  { method: 'GET', pattern: '/problems', least: 'viewer' },
  { method: 'GET', pattern: '/backups', least: 'viewer' },
  { method: 'GET', pattern: '/releases', least: 'viewer' },
  { method: 'POST', pattern: '/logout', least: 'viewer', form: {}, ends: true },
  { method: 'GET', pattern: '/hosts/:host', path: '/hosts/web1', least: 'viewer' },
  {
    method: 'GET',
    pattern: '/hosts/:host/checks/:check',
    path: '/hosts/web1/checks/system.disk',
    least: 'viewer',
  },
  { method: 'GET', pattern: '/routines/:id', path: '/routines/backups', least: 'viewer' },
  {
    method: 'POST',
    pattern: '/routines/:id/done',
    path: '/routines/backups/done',
    least: 'operator',
    form: { note: 'restored one dump' },
  },
  { method: 'GET', pattern: '/audit', least: 'viewer' },
  {
    method: 'POST',
    pattern: '/hosts/:host/checks/:check/ack',
    path: '/hosts/web1/checks/system.disk/ack',
    least: 'operator',
    form: { reason: 'disk ordered' },
  },
  {
    method: 'POST',
    pattern: '/hosts/:host/checks/:check/unack',
    path: '/hosts/web1/checks/system.disk/unack',
    least: 'operator',
    form: {},
  },
  { method: 'GET', pattern: '/silences', least: 'viewer' },
  {
    method: 'POST',
    pattern: '/silences',
    least: 'operator',
    form: { selector: 'host=web1', reason: 'noisy', for: '1h' },
  },
  { method: 'POST', pattern: '/silences/:id/end', path: '/silences/1/end', least: 'operator', form: {} },
  {
    method: 'POST',
    pattern: '/maintenance',
    least: 'operator',
    form: { selector: 'host=db1', reason: 'reboot', for: '1h' },
  },
  {
    method: 'POST',
    pattern: '/maintenance/:id/end',
    path: '/maintenance/2/end',
    least: 'operator',
    form: {},
  },
  { method: 'GET', pattern: '/metrics', least: 'viewer' },
  { method: 'POST', pattern: '/language', least: 'viewer', form: { lang: 'en' } },
  { method: 'GET', pattern: '/api/v1/session', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/routines', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/routines/:id', path: '/api/v1/routines/backups', least: 'viewer' },
  {
    method: 'POST',
    pattern: '/api/v1/routines/:id/done',
    path: '/api/v1/routines/backups/done',
    least: 'operator',
    json: { note: 'api' },
  },
  { method: 'GET', pattern: '/api/v1/problems', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/changes', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/hosts/:host', path: '/api/v1/hosts/web1', least: 'viewer' },
  {
    method: 'GET',
    pattern: '/api/v1/hosts/:host/checks/:check',
    path: '/api/v1/hosts/web1/checks/system.disk',
    least: 'viewer',
  },
  {
    method: 'POST',
    pattern: '/api/v1/hosts/:host/checks/:check/ack',
    path: '/api/v1/hosts/web1/checks/system.disk/ack',
    least: 'operator',
    json: { reason: 'known' },
  },
  {
    method: 'POST',
    pattern: '/api/v1/hosts/:host/checks/:check/unack',
    path: '/api/v1/hosts/web1/checks/system.disk/unack',
    least: 'operator',
  },
  { method: 'GET', pattern: '/api/v1/silences', least: 'viewer' },
  {
    method: 'POST',
    pattern: '/api/v1/silences',
    least: 'operator',
    json: { selector: 'host=web1', reason: 'x', for: '1h' },
  },
  { method: 'POST', pattern: '/api/v1/silences/:id/end', path: '/api/v1/silences/9/end', least: 'operator' },
  {
    method: 'POST',
    pattern: '/api/v1/maintenance',
    least: 'operator',
    json: { selector: 'host=web1', reason: 'x', for: '1h' },
  },
  {
    method: 'POST',
    pattern: '/api/v1/maintenance/:id/end',
    path: '/api/v1/maintenance/9/end',
    least: 'operator',
  },
  { method: 'GET', pattern: '/api/v1/audit', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/backups', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/openapi.json', least: 'viewer' },
  { method: 'GET', pattern: '/api/v1/releases', least: 'viewer' },
];

const ROLES: Role[] = ['viewer', 'operator', 'admin'];
const RANK = { viewer: 0, operator: 1, admin: 2 } as const;

let kit: Kit;
beforeAll(async () => {
  kit = await webKit();
  await kit.results(kit.now.t, [['web1', 'system.disk', 'CRIT']]);
});
afterAll(() => kit.close());

const send = async (r: Route, as?: Role, csrf?: false) =>
  kit.req(r.method, r.path ?? r.pattern, {
    ...(as ? (r.ends ? await kit.session(as) : { as }) : {}),
    ...(csrf === false ? { csrf: false as const } : {}),
    ...(r.form ? { form: r.form } : {}),
    ...(r.json !== undefined ? { json: r.json } : {}),
  });

it('the table names every route the app registers', () => {
  const registered = kit.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  const listed = ROUTES.map((r) => `${r.method} ${r.pattern}`).sort();
  expect([...new Set(registered)]).toEqual(listed);
});

describe.each(ROUTES.filter((r) => r.least !== 'public'))('$method $pattern', (r) => {
  it('refuses a request without a session', async () => {
    const res = await send(r);
    if (r.method === 'GET' && !r.pattern.startsWith('/api/') && r.pattern !== '/metrics') {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    } else expect(res.status).toBe(401);
  });

  it.each(ROLES)('as %s: allowed only from its least role', async (role) => {
    const res = await send(r, role);
    if (RANK[role] >= RANK[r.least as Role]) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
    expect(res.status).toBeLessThan(500);
  });

  if (r.method !== 'GET')
    it('refuses the state change without the CSRF token, whatever the role', async () => {
      const res = await send(r, 'admin', false);
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/CSRF/);
    });
});

it('answers /healthz without a session, and nothing else', async () => {
  expect((await kit.req('GET', '/healthz')).status).toBe(200);
  expect((await kit.req('GET', '/nowhere')).status).toBe(303);
  expect((await kit.req('GET', '/nowhere', { as: 'viewer' })).status).toBe(404);
});
