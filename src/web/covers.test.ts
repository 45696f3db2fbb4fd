import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../store/audit.js';
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

it('acknowledges a CRIT check with a reason: the page still shows it CRIT, with the acknowledgement', async () => {
  const res = await kit.req('POST', '/hosts/db1/checks/system.disk/ack', {
    as: 'operator',
    form: { reason: 'disk ordered, until Friday', for: '' },
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/hosts/db1/checks/system.disk');
  const page = await (await kit.req('GET', '/hosts/db1/checks/system.disk', { as: 'viewer' })).text();
  expect(page).toContain('<span class="st CRIT">CRIT</span>');
  expect(page).toContain('acknowledged by operator: disk ordered, until Friday');
  expect(page).toContain('until it recovers');
  const home = await (await kit.req('GET', '/', { as: 'viewer' })).text();
  expect(home.slice(home.indexOf('Acknowledged, silenced'))).toContain('db1');
  const [entry] = await listAudit(kit.store.conn.db, { action: 'ack' });
  expect(entry).toMatchObject({
    actor: 'operator',
    subject: 'db1/system.disk',
    channel: 'web',
    address: '127.0.0.1',
  });
  expect(entry?.detail).toMatchObject({ reason: 'disk ordered, until Friday', until: 'recovery' });
  // Ending it is audited too.
  await kit.req('POST', '/hosts/db1/checks/system.disk/unack', { as: 'operator', form: {} });
  expect(
    await (await kit.req('GET', '/hosts/db1/checks/system.disk', { as: 'viewer' })).text(),
  ).not.toContain('acknowledged by');
  expect((await listAudit(kit.store.conn.db, { action: 'ack.end' }))[0]?.actor).toBe('operator');
});

it('refuses an acknowledgement without a reason, of an OK check, with a bad duration', async () => {
  for (const [path, form, why] of [
    ['/hosts/db1/checks/system.disk/ack', { reason: '  ' }, 'needs a reason'],
    ['/hosts/web1/checks/system.disk/ack', { reason: 'x' }, 'nothing to acknowledge'],
    ['/hosts/db1/checks/system.disk/ack', { reason: 'x', for: 'soon' }, 'expected a duration'],
  ] as const) {
    const res = await kit.req('POST', path, { as: 'operator', form });
    expect(decodeURIComponent(res.headers.get('location') ?? '')).toContain(why);
  }
  expect(await listAudit(kit.store.conn.db, { action: 'ack' })).toEqual([]);
});

it('opens and ends a maintenance window on a host; the audit log shows who opened it', async () => {
  const res = await kit.req('POST', '/maintenance', {
    as: 'operator',
    form: { selector: 'host=web1', reason: 'kernel reboot', for: '1h', end_when_ok: '1' },
  });
  expect(res.headers.get('location')).toBe('/silences');
  const list = await (await kit.req('GET', '/silences', { as: 'viewer' })).text();
  expect(list).toContain('host=web1 — kernel reboot');
  expect(list).not.toContain('End now'); // a viewer cannot end it
  const [opened] = await listAudit(kit.store.conn.db, { action: 'maintenance.start' });
  expect(opened).toMatchObject({ actor: 'operator', subject: '#1 host=web1' });
  await kit.req('POST', '/maintenance/1/end', { as: 'operator', form: {} });
  expect(await (await kit.req('GET', '/silences', { as: 'viewer' })).text()).toContain(
    'No silence or maintenance',
  );
  const bad = await kit.req('POST', '/silences', {
    as: 'operator',
    form: { selector: 'everything', reason: 'x', for: '1h' },
  });
  expect(decodeURIComponent(bad.headers.get('location') ?? '')).toContain('expected host=NAME');
});
