import { afterEach, beforeEach, expect, it } from 'vitest';
import { listSignoffs } from '../routines/repo.js';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  kit = await webKit();
  await kit.results(kit.now.t, [
    ['db1', 'system.disk', 'CRIT', 'disk /var 99% used'],
    ['web1', 'system.disk', 'OK'],
  ]);
});
afterEach(() => kit.close());

// biome-ignore lint/suspicious/noExplicitAny: a test reads the documents as a client would, loosely
const body = async (res: Response) => (await res.json()) as Record<string, any>;

it('gives the session’s CSRF token, then acts with it in X-CSRF-Token', async () => {
  const s = await body(await kit.req('GET', '/api/v1/session', { as: 'operator' }));
  expect(s).toMatchObject({ user: 'operator', role: 'operator', csrf: kit.as.operator.csrf });
  const ack = await kit.req('POST', '/api/v1/hosts/db1/checks/system.disk/ack', {
    as: 'operator',
    json: { reason: 'disk ordered, until Friday', for: '4d' },
  });
  expect(ack.status).toBe(200);
  const problems = await body(await kit.req('GET', '/api/v1/problems', { as: 'viewer' }));
  const db1 = problems.hosts.find((h: { host: string }) => h.host === 'db1');
  expect(db1.open).toEqual([]);
  expect(db1.covered[0]).toMatchObject({
    status: 'CRIT',
    covers: [{ type: 'ack', reason: 'disk ordered, until Friday' }],
  });
  const refused = await kit.req('POST', '/api/v1/hosts/db1/checks/system.disk/ack', {
    as: 'operator',
    json: {},
  });
  expect(refused.status).toBe(422);
  expect((await body(refused)).error).toMatch(/needs a reason/);
});

it('signs a routine off and lists it like the page', async () => {
  const res = await kit.req('POST', '/api/v1/routines/backups/done', {
    as: 'operator',
    json: { note: 'from a script', items: [2] },
  });
  expect(res.status).toBe(201);
  const [s] = await listSignoffs(kit.store.conn.db, 'backups');
  expect(s).toMatchObject({ by: 'operator', note: 'from a script', items: [2], source: 'web' });
  const r = await body(await kit.req('GET', '/api/v1/routines/backups', { as: 'viewer' }));
  expect(r.routine).toMatchObject({
    id: 'backups',
    status: 'ok',
    lastDone: { by: 'operator', note: 'from a script' },
  });
  expect(r.routine.history).toHaveLength(1);
  const bad = await kit.req('POST', '/api/v1/routines/backups/done', {
    as: 'operator',
    json: { items: [9] },
  });
  expect(bad.status).toBe(422);
  const audit = await body(await kit.req('GET', '/api/v1/audit?action=signoff', { as: 'viewer' }));
  expect(audit.entries[0]).toMatchObject({ actor: 'operator', channel: 'api', subject: 'backups' });
});

it('serves Prometheus metrics: status per host/check/kind, overdue days, outbox, rounds', async () => {
  await kit.store.saveRound(
    {
      startedAt: new Date(kit.now.t.getTime() - 4000),
      finishedAt: kit.now.t,
      trigger: 'daemon',
      interrupted: false,
    },
    [],
  );
  const res = await kit.req('GET', '/metrics', { as: 'viewer' });
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await res.text();
  expect(text).toContain('ronde_check_status{host="db1",check="system.disk",kind="system.disk"} 2');
  expect(text).toContain('ronde_check_status{host="web1",check="system.disk",kind="system.disk"} 0');
  expect(text).toMatch(/ronde_routine_overdue_days\{routine="backups"\} \d+/);
  expect(text).toContain('ronde_outbox_messages{state="failed"} 0');
  expect(text).toContain('ronde_last_round_duration_seconds 4');
  expect(text).toContain(`ronde_last_round_timestamp_seconds ${kit.now.t.getTime() / 1000}`);
  expect((await kit.req('GET', '/metrics')).status).toBe(401);
});

it('serves /metrics without a session only when web.public_metrics is on', async () => {
  await kit.close();
  kit = await webKit(undefined, 'web: { public_metrics: true }\n');
  const res = await kit.req('GET', '/metrics');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('ronde_up 1');
  expect((await kit.req('GET', '/api/v1/problems')).status).toBe(401);
});
