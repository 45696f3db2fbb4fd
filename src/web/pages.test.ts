import { afterEach, beforeEach, expect, it } from 'vitest';
import { routinesCommand } from '../cli/routines.js';
import { addAck } from '../notify/covers-repo.js';
import { appendDone, markSeen } from '../routines/repo.js';
import { openStore } from '../store/db.js';
import { HOME_HOSTS } from './pages/home.js';
import { KIT_YAML, type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  kit = await webKit();
});
afterEach(() => kit.close());

const DAY = 86_400_000;
const ago = (d: number) => new Date(kit.now.t.getTime() - d * DAY);

it('home: overdue routines first, who did each last, who is next; problems by host; acknowledged apart', async () => {
  await markSeen(kit.store.conn, ['backups', 'vm-updates'], ago(20));
  await appendDone(kit.store.conn, {
    routine: 'vm-updates',
    at: ago(1),
    by: 'alice',
    osUser: 'a',
    note: 'done',
    items: [],
  });
  await kit.results(ago(2), [
    ['web1', 'system.disk', 'CRIT', 'disk / 97% used'],
    ['web1', 'apt.pending', 'WARN', '3 updates'],
    ['db1', 'system.disk', 'CRIT', 'disk /var 99% used'],
    ['db1', 'apt.pending', 'OK'],
  ]);
  await kit.store.conn.write((trx) =>
    addAck(trx, {
      check: 'system.disk',
      target: 'db1',
      status: 'CRIT',
      reason: 'disk ordered, until Friday',
      by: 'operator',
      at: ago(1),
      expiresAt: null,
    }),
  );
  const res = await kit.req('GET', '/', { as: 'viewer' });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  expect(html.indexOf('Check the backups')).toBeLessThan(html.indexOf('Update every VM'));
  expect(html).toMatch(/OVERDUE \d+ days/);
  expect(html).toContain('done by alice, 24 h ago');
  expect(html).toMatch(/suggested: (operator|admin)/);
  // The acknowledged problem is still CRIT, in its own section, with its reason.
  const covered = html.slice(html.indexOf('Acknowledged, silenced or in maintenance'));
  expect(covered).toContain('db1');
  expect(covered).toContain('acknowledged by operator: disk ordered, until Friday');
  expect(covered).toContain('<span class="st CRIT">CRIT</span>');
  const open = html.slice(html.indexOf('<h2>Problems</h2>'), html.indexOf('Acknowledged, silenced'));
  expect(open).toContain('web1');
  expect(open).toContain('disk / 97% used');
  expect(open).not.toContain('db1');
  expect(html).toContain('Recent changes');
});

it('home: counts by status, the first hosts with problems and a link to all of them', async () => {
  const hosts = Array.from({ length: HOME_HOSTS + 3 }, (_, i) => `h${String(i).padStart(2, '0')}`);
  await kit.results(ago(1), [
    ...hosts.map((h): [string, string, 'WARN', string] => [
      h,
      'system.disk',
      'WARN',
      `disk of ${h} 91% used`,
    ]),
    ['web1', 'system.disk', 'OK'],
  ]);
  const html = await (await kit.req('GET', '/', { as: 'viewer' })).text();
  expect(html).toContain(`${HOME_HOSTS + 4} checks: 1 OK · ${HOME_HOSTS + 3} WARN · 0 CRIT · 0 UNKNOWN`);
  expect(html).toContain('disk of h00 91% used');
  expect(html).not.toContain(`disk of h${HOME_HOSTS + 2} 91% used`);
  expect(html).toContain('… and 3 more hosts.');
  expect(html).toContain('href="/problems"');
  const all = await (await kit.req('GET', '/problems', { as: 'viewer' })).text();
  expect(all).toContain(`disk of h${HOME_HOSTS + 2} 91% used`);
  expect(all).not.toContain('more hosts');
  // The board's linked status comes from counts by status, the routine page from the states themselves.
  type Routines = { routines: { id: string; linkedStatus: string | null }[] };
  const routines = (await (await kit.req('GET', '/api/v1/routines', { as: 'viewer' })).json()) as Routines;
  expect(routines.routines.find((r) => r.id === 'backups')?.linkedStatus).toBe('OK');
  expect(routines.routines.find((r) => r.id === 'vm-updates')?.linkedStatus).toBe(null);
  await kit.results(ago(0.5), [['web1', 'system.disk', 'CRIT', 'disk full']]);
  const after = (await (await kit.req('GET', '/api/v1/routines', { as: 'viewer' })).json()) as Routines;
  expect(after.routines.find((r) => r.id === 'backups')?.linkedStatus).toBe('CRIT');
  const one = (await (await kit.req('GET', '/api/v1/routines/backups', { as: 'viewer' })).json()) as {
    routine: { linked: { host: string }[] };
  };
  expect(one.routine.linked.map((c) => c.host)).toEqual(['web1']);
});

it('escapes what checks say: a summary cannot inject markup', async () => {
  await kit.results(kit.now.t, [['web1', 'system.disk', 'CRIT', '<script>alert(1)</script>']]);
  const html = await (await kit.req('GET', '/hosts/web1', { as: 'viewer' })).text();
  expect(html).not.toContain('<script>alert(1)');
  expect(html).toContain('&lt;script&gt;');
});

it('check page: status timeline and a chart of the kind’s number', async () => {
  for (const [d, n] of [
    [5, 12],
    [4, 3],
    [3, 0],
    [2, 7],
  ] as const)
    await kit.results(ago(d), [
      ['web1', 'apt.pending', n > 5 ? 'WARN' : 'OK', `${n} pending`, { pending: n }],
    ]);
  const html = await (await kit.req('GET', '/hosts/web1/checks/apt.pending', { as: 'viewer' })).text();
  expect(html).toContain('Last 30 days');
  expect(html.match(/<rect [^>]*fill="#(1a7f37|bf8700)"/g)?.length).toBe(3); // WARN, OK, WARN
  expect(html).toContain('Trend: pending');
  expect(html).toMatch(/<polyline points="[\d., ]+"/);
  expect((await kit.req('GET', '/hosts/web1/checks/nope', { as: 'viewer' })).status).toBe(404);
  expect((await kit.req('GET', '/hosts/nowhere', { as: 'viewer' })).status).toBe(404);
});

it('routine page: markdown, checklist; a sign-off from the page shows in `ronde routines`', async () => {
  await kit.results(kit.now.t, [['web1', 'system.disk', 'OK', 'disks fine']]);
  const page = await (await kit.req('GET', '/routines/backups', { as: 'operator' })).text();
  expect(page).toContain('Restore <strong>one</strong> dump');
  expect(page).toContain('href="https://wiki.example.org/b"');
  expect(page).toContain('Dumps restored');
  expect(page).toContain('web1 · system.disk');
  const res = await kit.req('POST', '/routines/backups/done', {
    as: 'operator',
    form: { note: 'restored the dump of db1', item: '1' },
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(/^\/routines\/backups\?done=\d+$/);
  const after = await (await kit.req('GET', res.headers.get('location')!, { as: 'viewer' })).text();
  expect(after).toMatch(/Recorded #\d+/);
  expect(after).toContain('restored the dump of db1');
  // What a newcomer checks in the terminal.
  let out = '';
  await routinesCommand({
    context: async () => ({
      config: kit.config,
      openStore: () => openStore({ kind: 'sqlite', path: kit.path }),
    }),
    now: () => kit.now.t,
    write: (s) => (out += s),
    color: false,
  }).parseAsync(['--no-color'], { from: 'user' });
  expect(out).toMatch(/backups.*operator/);
  const audit = await (await kit.req('GET', '/audit', { as: 'viewer' })).text();
  expect(audit).toContain('signoff');
  expect(audit).toContain('restored the dump of db1');
});

it('a viewer sees no sign-off form; an empty sign-off and a non-member are refused', async () => {
  expect(await (await kit.req('GET', '/routines/backups', { as: 'viewer' })).text()).toContain(
    'Signing off needs the operator role.',
  );
  const empty = await kit.req('POST', '/routines/backups/done', { as: 'operator', form: { note: ' ' } });
  expect(empty.status).toBe(422);
  expect(await empty.text()).toContain('Say what was done');
  await kit.close();
  kit = await webKit(KIT_YAML.replace('  - { name: operator }\n', ''));
  const outsider = await kit.req('POST', '/routines/backups/done', { as: 'operator', form: { note: 'x' } });
  expect(outsider.status).toBe(422);
  expect(await outsider.text()).toContain('operator is not a member of team:');
});
