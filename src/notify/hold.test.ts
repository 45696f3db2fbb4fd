import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CheckResult } from '../core/check.js';
import type { Status } from '../core/status.js';
import { listAudit } from '../store/audit.js';
import { openStore } from '../store/db.js';
import type { Store } from '../store/types.js';
import { recordDaemonRound } from './announce.js';
import { addAck, addSpan } from './covers-repo.js';
import { recurringCovers } from './hold.js';

let dir: string;
let store: Store;
let t: number;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ronde-hold-'));
  store = await openStore({ kind: 'sqlite', path: join(dir, 'r.db') });
  t = Date.parse('2026-03-02T09:00:00Z');
  // First run: everything OK, remembered without a word.
  await run([
    ['web1', 'OK'],
    ['db1', 'OK'],
  ]);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hostTags = new Map([
  ['web1', ['web']],
  ['db1', []],
]);

async function run(list: [host: string, status: Status][]) {
  t += 300_000;
  const at = new Date(t);
  const results: CheckResult[] = list.map(([target, status]) => ({
    check: 'system.disk',
    kind: 'system.disk',
    target,
    status,
    summary: `disk on ${target} is ${status}`,
    startedAt: at.toISOString(),
    durationMs: 1,
    evidence: [],
  }));
  await recordDaemonRound(
    store,
    { startedAt: at, finishedAt: at, trigger: 'daemon', interrupted: false },
    results,
    {
      now: at,
      damping: 1,
      routes: [],
      notifierNames: ['chat'],
      hold: { hostTags },
    },
  );
}

const outbox = async () =>
  (
    await store.conn.db
      .selectFrom('outbox')
      .select(['state', 'event', 'last_error', 'payload'])
      .where('event', '!=', 'summary')
      .orderBy('id')
      .execute()
  ).map((r) => ({
    state: r.state,
    event: r.event,
    why: r.last_error,
    title: JSON.parse(r.payload).title as string,
  }));

it('an acknowledgement stops a problem’s announcements, records why, and clears itself on recovery', async () => {
  await run([['db1', 'CRIT']]);
  expect((await outbox()).map((m) => `${m.state} ${m.event}`)).toEqual(['pending check.problem']);
  await store.conn.write((trx) =>
    addAck(trx, {
      check: 'system.disk',
      target: 'db1',
      status: 'CRIT',
      reason: 'disk ordered, until Friday',
      by: 'alice',
      at: new Date(t),
      expiresAt: null,
    }),
  );
  await run([['db1', 'UNKNOWN']]);
  await run([['db1', 'UNKNOWN']]); // recorded once, however many rounds
  await run([['db1', 'CRIT']]); // back to what the team was told: nothing to say
  const held = (await outbox()).slice(1);
  expect(held.map((m) => `${m.state} ${m.event}`)).toEqual(['suppressed check.unknown']);
  expect(held[0]!.why).toBe('not sent: acknowledged by alice: disk ordered, until Friday');
  // The state is not hidden.
  expect((await store.latestResults()).find((s) => s.target === 'db1')?.status).toBe('CRIT');
  await run([['db1', 'OK']]);
  const last = (await outbox()).at(-1)!;
  expect(`${last.state} ${last.event}`).toBe('pending check.recovery');
  const ack = await store.conn.db.selectFrom('acks').selectAll().executeTakeFirstOrThrow();
  expect(ack.ended_by).toBe('recovery');
  expect((await listAudit(store.conn.db, { action: 'ack.cleared' }))[0]?.subject).toBe('db1/system.disk');
});

it('an expired acknowledgement brings the problem back into announcements', async () => {
  await store.conn.write((trx) =>
    addAck(trx, {
      check: 'system.disk',
      target: 'db1',
      status: 'OK',
      reason: 'will break, known',
      by: 'bob',
      at: new Date(t),
      expiresAt: new Date(t + 700_000),
    }),
  );
  await run([['db1', 'CRIT']]);
  await run([['db1', 'CRIT']]);
  expect((await outbox()).map((m) => m.state)).toEqual(['suppressed']);
  await run([['db1', 'CRIT']]); // past the expiry
  expect((await outbox()).map((m) => `${m.state} ${m.event}`)).toEqual([
    'suppressed check.problem',
    'pending check.problem',
  ]);
  expect(await listAudit(store.conn.db, { action: 'ack.expired' })).toHaveLength(1);
});

it('a maintenance window on a host holds its messages, recovery included; other hosts still speak', async () => {
  await store.conn.write((trx) =>
    addSpan(trx, {
      type: 'maintenance',
      selector: { host: 'web1' },
      reason: 'reboot',
      by: 'alice',
      startsAt: new Date(t),
      endsAt: new Date(t + 3_600_000),
    }),
  );
  await run([
    ['web1', 'UNKNOWN'],
    ['db1', 'CRIT'],
  ]);
  await run([
    ['web1', 'OK'],
    ['db1', 'CRIT'],
  ]);
  const all = await outbox();
  expect(all.filter((m) => m.title.startsWith('web1')).map((m) => m.state)).toEqual(['suppressed']);
  expect(all.find((m) => m.title.startsWith('web1'))?.why).toBe(
    'not sent: in maintenance by alice [host=web1]: reboot',
  );
  expect(all.filter((m) => m.state === 'pending').map((m) => m.title)).toEqual(['db1: system.disk is CRIT']);
});

it('a silence by tag, and a window that ends itself once what broke is OK again', async () => {
  await store.conn.write(async (trx) => {
    await addSpan(trx, {
      type: 'silence',
      selector: { tag: 'web' },
      reason: 'noisy',
      by: 'bob',
      startsAt: new Date(t),
      endsAt: new Date(t + 86_400_000),
    });
    await addSpan(trx, {
      type: 'maintenance',
      selector: { host: 'db1' },
      reason: 'disk swap',
      by: 'bob',
      startsAt: new Date(t),
      endsAt: new Date(t + 86_400_000),
      endWhenOk: true,
    });
  });
  await run([
    ['web1', 'CRIT'],
    ['db1', 'OK'],
  ]);
  let w = await store.conn.db
    .selectFrom('silences')
    .select(['type', 'ended_at'])
    .where('type', '=', 'maintenance')
    .executeTakeFirstOrThrow();
  expect(w.ended_at).toBeNull(); // healthy so far: waits for the work to happen
  await run([['db1', 'CRIT']]);
  await run([['db1', 'OK']]);
  w = await store.conn.db
    .selectFrom('silences')
    .select(['type', 'ended_at'])
    .where('type', '=', 'maintenance')
    .executeTakeFirstOrThrow();
  expect(w.ended_at).not.toBeNull();
  expect((await outbox()).every((m) => m.state === 'suppressed')).toBe(true);
});

it('recurring windows from the configuration are open for their duration after each occurrence', () => {
  const w = [{ name: 'sunday-reboots', cron: '0 3 * * sun', duration: 7200, tag: 'web', reason: '' }];
  const sunday = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 1, h, m)); // 2026-03-01 is a Sunday
  expect(recurringCovers(w, sunday(2, 59), 'UTC')).toEqual([]);
  expect(recurringCovers(w, sunday(3), 'UTC')[0]).toMatchObject({
    type: 'maintenance',
    selector: { tag: 'web' },
    reason: 'sunday-reboots',
  });
  expect(recurringCovers(w, sunday(4, 59), 'UTC')).toHaveLength(1);
  expect(recurringCovers(w, sunday(5), 'UTC')).toEqual([]);
});
