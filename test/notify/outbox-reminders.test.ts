import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDaemonRound } from '../../src/notify/announce.js';
import { evaluateRoutines, type RemindersConfig, routinesSummary } from '../../src/notify/reminders.js';
import { appendDone } from '../../src/routines/repo.js';
import { Routine } from '../../src/routines/schema.js';
import { openStore } from '../../src/store/db.js';
import type { Store } from '../../src/store/types.js';
import { type Backend, postgresBackend, sqliteBackend } from '../store/helpers.js';
import { daemonRound, outboxRows, results } from './outbox-helpers.js';

/** A wall-clock time in Paris (UTC+1 in March 2025, before the DST change on the 30th). */
const paris = (day: number, hour: number) =>
  new Date(`2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+01:00`);

const weekly = Routine.parse({
  id: 'vm-updates',
  title: 'Update every VM',
  every: '1w',
  checklist: ['apt full-upgrade', 'reboot if needed'],
});
const team = [{ name: 'alice', mattermost: 'alice' }, { name: 'bob' }];

function config(over: Partial<RemindersConfig> = {}): RemindersConfig {
  return {
    routines: [weekly],
    team,
    timezone: 'Europe/Paris',
    notifierNames: ['chat'],
    digest: false,
    ...over,
  };
}

async function done(store: Store, routine: string, by: string, when: Date) {
  await appendDone(store.conn, { routine, at: when, by, osUser: by, note: '', items: [] });
}

describe.each<Backend>([sqliteBackend(), postgresBackend()])('routine reminders on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('the first evaluation only records; a due routine is told once, overdue every 3 days', async () => {
    const store = await openStore(await backend.fresh('remind'));
    const first = await evaluateRoutines(store, config(), paris(3, 10));
    expect(first).toMatchObject({ enqueued: 0, occasions: [] });
    await done(store, 'vm-updates', 'alice', paris(3, 9)); // next due Monday 10th
    const told: string[] = [];
    for (let day = 4; day <= 24; day++) {
      for (const hour of [10, 18]) {
        const r = await evaluateRoutines(store, config(), paris(day, hour));
        if (r.enqueued > 0) told.push(`${day}: ${r.occasions.join(' ')}`);
      }
    }
    expect(told).toEqual([
      '10: routine.due:vm-updates:2025-03-10',
      '11: routine.overdue:vm-updates:2025-03-10:0',
      '14: routine.overdue:vm-updates:2025-03-10:1',
      '17: routine.overdue:vm-updates:2025-03-10:2',
      '20: routine.overdue:vm-updates:2025-03-10:3',
      '23: routine.overdue:vm-updates:2025-03-10:4',
    ]);
    const rows = await outboxRows(store);
    expect(rows[0]!.message).toMatchObject({ event: 'routine.due', title: 'Due today: Update every VM' });
    // bob has never taken a routine: the fair suggestion.
    expect(rows[0]!.message.text).toContain('Suggested: bob');
    expect(rows[0]!.message.text).toContain('Last done 2025-03-03 by alice');
    expect(rows[0]!.message.text).toContain('1. apt full-upgrade');
    expect(rows[2]!.message.title).toBe('Overdue by 4 days: Update every VM');
    await store.close();
  });

  it('names the assignee with a Mattermost mention, and a sign-off stops the reminders', async () => {
    const store = await openStore(await backend.fresh('assignee'));
    const cfg = config({ routines: [{ ...weekly, assignee: 'alice' }], remindEveryDays: 1 });
    await evaluateRoutines(store, cfg, paris(3, 10));
    await done(store, 'vm-updates', 'bob', paris(3, 9));
    await evaluateRoutines(store, cfg, paris(11, 10));
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['routine.overdue']);
    expect(rows[0]!.message.text).toContain('Assigned to @alice');
    await done(store, 'vm-updates', 'alice', paris(11, 12));
    for (let day = 12; day <= 16; day++) await evaluateRoutines(store, cfg, paris(day, 10));
    expect(await outboxRows(store)).toHaveLength(1);
    await store.close();
  });

  it('sends the weekly digest once per ISO week, from Monday 9:00 local', async () => {
    const store = await openStore(await backend.fresh('digest'));
    const cfg = config({
      digest: { weekday: 1, hour: 9 },
      routines: [weekly, Routine.parse({ id: 'backups', title: 'Check the backups', every: '1mo' })],
    });
    await evaluateRoutines(store, cfg, paris(2, 12)); // first run, a Sunday
    // The daemon knows of two open problems; web9's check is then removed from the config.
    const daemon = async (when: Date, spec: Parameters<typeof results>[1]) =>
      recordDaemonRound(store, daemonRound(when), results(when, spec), { now: when, notifierNames: [] });
    await daemon(paris(1, 12), { 'db1/backup': 'OK', 'web9/old': 'CRIT' });
    await daemon(paris(2, 13), { 'db1/backup': 'CRIT' });
    await daemon(paris(2, 14), { 'db1/backup': 'CRIT' });
    await done(store, 'vm-updates', 'bob', paris(5, 14));
    const digests = async () => (await outboxRows(store)).filter((r) => r.event === 'digest');
    for (const [day, hour] of [
      [3, 8],
      [3, 9],
      [3, 15],
      [7, 12],
      [9, 23],
    ])
      await evaluateRoutines(store, cfg, paris(day!, hour!));
    expect((await digests()).map((r) => r.message.title)).toEqual(['Weekly digest 2025-W10']);
    expect((await digests())[0]!.message.text).toContain('`old`');
    await evaluateRoutines(store, cfg, paris(10, 10));
    const all = await digests();
    expect(all.map((r) => r.message.title)).toEqual(['Weekly digest 2025-W10', 'Weekly digest 2025-W11']);
    const text = all[1]!.message.text;
    expect(text).toContain('Check the backups — due 2025-03-02'); // never done since first seen
    expect(text).toContain('**CRIT** `backup`');
    expect(text).not.toContain('`old`'); // no result for over 8 days: not an open problem any more
    expect(text).toContain('Update every VM — bob, 2025-03-05');
    expect(text).toContain('**Longest without a routine:** alice (never), bob (since 2025-03-05)');
    await store.close();
  });

  it('the first-run summary can say which routines are to do, since their reminders stay silent', async () => {
    const store = await openStore(await backend.fresh('summary'));
    const backups = Routine.parse({ id: 'backups', title: 'Check the backups', every: '1w' });
    const cfg = config({ routines: [weekly, backups] });
    await evaluateRoutines(store, cfg, paris(3, 10)); // first run: records both as seen, tells nothing
    await done(store, 'backups', 'bob', paris(3, 11));
    const when = paris(4, 10);
    const summaryExtra = await routinesSummary(store, cfg, when);
    expect(summaryExtra).toBe('Routines to do:\n- Update every VM — overdue since 2025-03-03');
    await recordDaemonRound(store, daemonRound(when), results(when, { 'web1/disk': 'OK' }), {
      now: when,
      notifierNames: ['chat'],
      summaryExtra,
    });
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['summary']);
    expect(rows[0]!.message.text).toContain('Update every VM — overdue since 2025-03-03');
    expect(await routinesSummary(store, cfg, paris(3, 12))).toBe(
      'Routines to do:\n- Update every VM — due (never done yet)',
    );
    await store.close();
  });

  it('a fresh install with 12 due routines: one post per reminder run, suggestions spread over the three', async () => {
    const store = await openStore(await backend.fresh('twelve'));
    const three = [{ name: 'alice', mattermost: 'alice' }, { name: 'bob' }, { name: 'carol' }];
    const routines = Array.from({ length: 12 }, (_, i) =>
      Routine.parse({
        id: `r${String(i + 1).padStart(2, '0')}`,
        title: `Routine ${i + 1}`,
        every: '1mo',
        checklist: ['step'],
        ...(i === 0 ? { assignee: 'alice' } : {}),
      }),
    );
    const cfg = config({ routines, team: three, notifierNames: ['chat', 'mail'] });
    // Install day: recorded silently (the first-run summary speaks for them).
    expect((await evaluateRoutines(store, cfg, paris(3, 10))).enqueued).toBe(0);
    const posts: string[] = [];
    for (let day = 3; day <= 9; day++)
      for (const hour of [9, 12, 18]) {
        const r = await evaluateRoutines(store, cfg, paris(day, hour));
        if (r.enqueued > 0) posts.push(`${day} ${hour}h: ${r.enqueued}`);
      }
    // One message per notifier per run: day 4 (overdue), day 7 (reminded again after 3 days).
    expect(posts).toEqual(['4 9h: 2', '7 9h: 2']);
    const rows = (await outboxRows(store)).filter((r) => r.notifier === 'chat');
    expect(rows).toHaveLength(2);
    const first = rows[0]!.message;
    expect(first).toMatchObject({
      event: 'routine.overdue',
      title: 'Routines: 12 overdue',
      severity: 'warning',
    });
    const lines = first.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe(
      '- **Routine 1** (`r01`) — due 2025-03-03, 1 day ago — @alice (assigned) — never done yet',
    );
    const named = (who: string) => lines.filter((l) => l.includes(` — ${who} `)).length;
    expect([
      named('@alice (assigned)') + named('suggested: @alice'),
      named('suggested: bob'),
      named('suggested: carol'),
    ]).toEqual([4, 4, 4]);
    expect(rows[1]!.message.title).toBe('Routines: 12 overdue');
    expect(rows[1]!.message.text).toContain('due 2025-03-03, 4 days ago');
    await store.close();
  });

  it('waits out quiet hours and tells afterwards', async () => {
    const store = await openStore(await backend.fresh('quiet'));
    const cfg = config({ quietHours: { from: 21, to: 8 } });
    await evaluateRoutines(store, cfg, paris(3, 10));
    await done(store, 'vm-updates', 'alice', paris(3, 9));
    expect(await evaluateRoutines(store, cfg, paris(10, 7))).toMatchObject({ quiet: true, enqueued: 0 });
    expect(await outboxRows(store)).toHaveLength(0);
    expect((await evaluateRoutines(store, cfg, paris(10, 8))).enqueued).toBe(1);
    await store.close();
  });
});
