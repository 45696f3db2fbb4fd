import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDaemonRound } from '../../src/notify/announce.js';
import { messageKey } from '../../src/notify/outbox.js';
import { openStore } from '../../src/store/db.js';
import type { Store } from '../../src/store/types.js';
import { type Backend, postgresBackend, sqliteBackend } from '../store/helpers.js';
import { at, daemonRound, outboxRows, results } from './outbox-helpers.js';

const routing = { notifierNames: ['chat'] };

describe.each<Backend>([sqliteBackend(), postgresBackend()])('announcements on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  let minute = 0;
  /** One daemon round at the next minute of the fake clock. */
  async function tick(store: Store, spec: Parameters<typeof results>[1], opts = {}) {
    const when = at(++minute);
    return recordDaemonRound(store, daemonRound(when), results(when, spec), {
      now: when,
      ...routing,
      ...opts,
    });
  }
  const events = async (store: Store) => (await outboxRows(store)).map((r) => r.event);

  it('first run: records silently and enqueues exactly one summary, then nothing while unchanged', async () => {
    const store = await openStore(await backend.fresh('firstrun'));
    await tick(store, { 'web1/disk': 'CRIT', 'web1/units': 'OK', 'db1/apt': 'WARN' });
    for (let i = 0; i < 4; i++)
      await tick(store, { 'web1/disk': 'CRIT', 'web1/units': 'OK', 'db1/apt': 'WARN' });
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['summary']);
    expect(rows[0]!.message.text).toContain('disk');
    expect(rows[0]!.message.text).toContain('1 CRIT, 1 WARN, 1 OK');
    expect(rows[0]!.message.severity).toBe('critical');
    await store.close();
  });

  it('a queue job saved twice (retried after its commit) enqueues its message once, under one key', async () => {
    const store = await openStore(await backend.fresh('jobtwice'));
    await tick(store, { 'web1/disk': 'OK' }); // first run: summary
    await tick(store, { 'web1/disk': 'CRIT' });
    const when = at(++minute);
    const job = { ...daemonRound(when), host: 'web1', jobKey: 'web1@slot' };
    const opts = { now: when, ...routing };
    const first = await recordDaemonRound(store, job, results(when, { 'web1/disk': 'CRIT' }), opts);
    const again = await recordDaemonRound(store, job, results(when, { 'web1/disk': 'CRIT' }), opts);
    expect(first.announcements).toBe(1);
    expect(again).toEqual({ roundId: first.roundId, announcements: 0 });
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['summary', 'check.problem']);
    // The key names the job, not the round's id: a retry that saved first would enqueue the same key.
    expect(rows[1]!.key).toBe(messageKey('check.problem:web1:job web1@slot', 'chat'));
    await store.close();
  });

  it('damping: WARN,OK,WARN is never announced; WARN,WARN once; then no more', async () => {
    const store = await openStore(await backend.fresh('damping'));
    await tick(store, { 'web1/disk': 'OK' }); // first run: summary
    for (const s of ['WARN', 'OK', 'WARN', 'OK'] as const) await tick(store, { 'web1/disk': s });
    expect(await events(store)).toEqual(['summary']);
    for (let i = 0; i < 5; i++) await tick(store, { 'web1/disk': 'WARN' });
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['summary', 'check.problem']);
    expect(rows[1]!.message.title).toBe('web1: disk is WARN');
    await store.close();
  });

  it('honours a damping of 3', async () => {
    const store = await openStore(await backend.fresh('damping3'));
    await tick(store, { 'web1/disk': 'OK' });
    await tick(store, { 'web1/disk': 'CRIT' }, { damping: 3 });
    await tick(store, { 'web1/disk': 'CRIT' }, { damping: 3 });
    expect(await events(store)).toEqual(['summary']);
    await tick(store, { 'web1/disk': 'CRIT' }, { damping: 3 });
    expect(await events(store)).toEqual(['summary', 'check.problem']);
    await store.close();
  });

  it('groups the checks of one host and round into one message, per host', async () => {
    const store = await openStore(await backend.fresh('grouping'));
    const checks = ['disk', 'units', 'apt', 'reboot', 'tls'];
    const spec = (s: 'OK' | 'CRIT') => ({
      ...Object.fromEntries(checks.map((c) => [`web1/${c}`, s])),
      'db1/disk': 'OK' as const,
    });
    await tick(store, spec('OK'));
    await tick(store, spec('CRIT'));
    await tick(store, spec('CRIT'));
    const problems = (await outboxRows(store)).filter((r) => r.event === 'check.problem');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.title).toBe('web1: 5 problems');
    for (const c of checks) expect(problems[0]!.message.text).toContain(`\`${c}\``);
    await store.close();
  });

  it('an unreachable host is one "cannot check" message, apart from another host’s problem', async () => {
    const store = await openStore(await backend.fresh('unreachable'));
    const ok = { 'web1/disk': 'OK', 'web1/units': 'OK', 'web1/apt': 'OK', 'db1/disk': 'OK' } as const;
    await tick(store, ok);
    const down = {
      'web1/disk': 'UNKNOWN',
      'web1/units': 'UNKNOWN',
      'web1/apt': 'UNKNOWN',
      'db1/disk': 'CRIT',
    } as const;
    const reason = (_c: string, s: string) => (s === 'UNKNOWN' ? 'ssh: connect ECONNREFUSED' : `is ${s}`);
    for (let i = 0; i < 2; i++) {
      const when = at(++minute);
      await recordDaemonRound(store, daemonRound(when), results(when, down, reason), {
        now: when,
        ...routing,
      });
    }
    const rows = (await outboxRows(store)).filter((r) => r.event !== 'summary');
    expect(rows.map((r) => [r.event, r.message.title]).sort()).toEqual([
      ['check.problem', 'db1: disk is CRIT'],
      ['check.unknown', 'web1: cannot check 3 checks'],
    ]);
    const unknown = rows.find((r) => r.event === 'check.unknown')!.message.text;
    expect(unknown.match(/ECONNREFUSED/g)).toHaveLength(1);
    await store.close();
  });

  it('announces a recovery once the OK holds, and UNKNOWN → OK as well', async () => {
    const store = await openStore(await backend.fresh('recovery'));
    await tick(store, { 'web1/disk': 'OK' });
    for (const s of ['CRIT', 'CRIT', 'OK', 'OK', 'OK'] as const) await tick(store, { 'web1/disk': s });
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.event)).toEqual(['summary', 'check.problem', 'check.recovery']);
    expect(rows[2]!.message).toMatchObject({ title: 'web1: disk is OK again', severity: 'info' });
    expect(rows[2]!.message.text).toContain('was CRIT');
    for (const s of ['UNKNOWN', 'UNKNOWN', 'OK', 'OK'] as const) await tick(store, { 'web1/disk': s });
    expect((await events(store)).slice(3)).toEqual(['check.unknown', 'check.recovery']);
    await store.close();
  });

  it('a milder problem (CRIT → WARN) is recorded silently, so a new CRIT is told again', async () => {
    const store = await openStore(await backend.fresh('milder'));
    await tick(store, { 'web1/disk': 'OK' });
    for (const s of ['CRIT', 'CRIT', 'WARN', 'WARN', 'CRIT', 'CRIT'] as const)
      await tick(store, { 'web1/disk': s });
    expect(await events(store)).toEqual(['summary', 'check.problem', 'check.problem']);
    await store.close();
  });

  it('CLI rounds are recorded but never announce, and do not move the daemon’s view', async () => {
    const store = await openStore(await backend.fresh('cli'));
    await tick(store, { 'web1/disk': 'OK' });
    for (let i = 0; i < 3; i++) {
      const when = at(++minute);
      await store.saveRound(daemonRound(when, 'cli'), results(when, { 'web1/disk': 'CRIT' }));
      await recordDaemonRound(store, daemonRound(when, 'cli'), results(when, { 'web1/disk': 'CRIT' }), {
        now: when,
        ...routing,
      });
    }
    expect(await events(store)).toEqual(['summary']);
    expect((await store.latestResults())[0]?.status).toBe('CRIT');
    await tick(store, { 'web1/disk': 'CRIT' }); // the daemon's first CRIT: still damped
    expect(await events(store)).toEqual(['summary']);
    await tick(store, { 'web1/disk': 'CRIT' });
    expect(await events(store)).toEqual(['summary', 'check.problem']);
    await store.close();
  });

  it('routes events to notifiers with a stable key per event and notifier', async () => {
    const store = await openStore(await backend.fresh('routes'));
    const opts = {
      notifierNames: ['chat', 'mail'],
      routes: [
        { events: ['check.*'], notifiers: ['chat'] },
        { events: ['summary'], notifiers: ['chat', 'mail'] },
      ],
    };
    await tick(store, { 'web1/disk': 'OK' }, opts);
    await tick(store, { 'web1/disk': 'WARN' }, opts);
    const { roundId } = await tick(store, { 'web1/disk': 'WARN' }, opts);
    const rows = await outboxRows(store);
    expect(rows.map((r) => `${r.event}>${r.notifier}`)).toEqual([
      'summary>chat',
      'summary>mail',
      'check.problem>chat',
    ]);
    expect(rows[0]!.key).toBe(messageKey('summary:first-run', 'chat'));
    expect(rows[0]!.key).not.toBe(rows[1]!.key);
    expect(rows[2]!.key).toBe(messageKey(`check.problem:web1:round ${roundId}`, 'chat'));
    expect(rows[2]!.message.key).toBe(rows[2]!.key);
    await store.close();
  });

  it('writes nothing when the round’s transaction fails: no state, no message', async () => {
    const store = await openStore(await backend.fresh('atomic'));
    await tick(store, { 'web1/disk': 'OK' });
    await tick(store, { 'web1/disk': 'CRIT' });
    const when = at(++minute);
    const bad = results(when, { 'web1/disk': 'CRIT' });
    // A routes entry that is not iterable makes the outbox insert throw inside the transaction.
    await expect(
      recordDaemonRound(store, daemonRound(when), bad, {
        now: when,
        notifierNames: ['chat'],
        routes: [{} as never],
      }),
    ).rejects.toThrow();
    expect(await events(store)).toEqual(['summary']);
    expect(await store.rounds({ limit: 10 })).toHaveLength(2);
    await tick(store, { 'web1/disk': 'CRIT' });
    expect(await events(store)).toEqual(['summary', 'check.problem']);
    await store.close();
  });
});
