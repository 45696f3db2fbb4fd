import { afterEach, beforeEach, expect, it } from 'vitest';
import { setRole } from '../auth/users.js';
import { listSignoffs } from '../routines/repo.js';
import { listAudit } from '../store/audit.js';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  process.env.RONDE_TEST_MM_TOKEN = 'xr3mattermost5token';
  kit = await webKit(undefined, 'web:\n  mattermost:\n    tokens: ["${env:RONDE_TEST_MM_TOKEN}"]\n');
  await kit.results(kit.now.t, [['db1', 'system.disk', 'CRIT', 'disk /var 99% used']]);
});
afterEach(() => kit.close());

/** What Mattermost POSTs for `/ronde TEXT` (application/x-www-form-urlencoded). */
async function slash(text: string, user = 'alice.m', token = 'xr3mattermost5token') {
  const form = new URLSearchParams({
    channel_id: 'c1',
    channel_name: 'tech',
    command: '/ronde',
    team_domain: 'asso',
    team_id: 't1',
    text,
    token,
    trigger_id: 'x',
    user_id: 'u1',
    user_name: user,
  });
  const res = await kit.app.request(
    'http://ronde.test/chat/mattermost',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    },
    { incoming: { socket: { remoteAddress: '127.0.0.9' } } },
  );
  return {
    status: res.status,
    body: (await res.json()) as { response_type?: string; text?: string; error?: string },
  };
}

it('/ronde done backups verified the dumps signs off as the mapped member, audited', async () => {
  // alice (mattermost alice.m) is a viewer: she may look, not act.
  expect((await slash('done backups verified the dumps')).body.text).toMatch(/needs the operator role/);
  await kit.store.conn.write((trx) => setRole(trx, 'alice', 'operator'));
  const { status, body } = await slash('done backups verified the dumps');
  expect(status).toBe(200);
  expect(body).toEqual({
    response_type: 'in_channel',
    text: 'alice signed off **Check the backups**: verified the dumps',
  });
  const [s] = await listSignoffs(kit.store.conn.db, 'backups');
  expect(s).toMatchObject({ by: 'alice', note: 'verified the dumps', source: 'chat' });
  const [a] = await listAudit(kit.store.conn.db, { action: 'signoff' });
  expect(a).toMatchObject({ actor: 'alice', channel: 'chat', subject: 'backups' });
  expect(a?.address).toBe('127.0.0.9 (mattermost @alice.m)');
});

it('/ronde ack and /ronde status', async () => {
  await kit.store.conn.write((trx) => setRole(trx, 'alice', 'operator'));
  expect((await slash('ack db1 system.disk disk ordered, until Friday')).body.text).toBe(
    'alice acknowledged db1 system.disk: disk ordered, until Friday',
  );
  const status = (await slash('status')).body;
  expect(status.response_type).toBe('ephemeral');
  expect(status.text).toContain('**db1** system.disk CRIT: disk /var 99% used');
  expect(status.text).toContain('acknowledged by alice: disk ordered, until Friday');
  expect((await slash('status web1')).body.text).toBe('Every check is OK.');
  expect((await slash('ack db1 nope x')).body.text).toMatch(/no check nope on db1/);
  expect((await slash('hello')).body.text).toMatch(/^Usage:/);
});

it('refuses a wrong token (audited) and a sender who is not in the team', async () => {
  const bad = await slash('done backups x', 'alice.m', 'guess');
  expect(bad.status).toBe(401);
  expect((await listAudit(kit.store.conn.db, { action: 'chat.refused' }))[0]?.address).toBe('127.0.0.9');
  expect((await slash('done backups x', 'mallory')).body.text).toMatch(/@mallory is not in team:/);
  expect(await listSignoffs(kit.store.conn.db)).toEqual([]);
});
