import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import { migrations } from '../../src/store/migrator.js';
import { type Backend, postgresBackend, rawQuery, result, round, sqliteBackend } from './helpers.js';

const run = promisify(execFile);
const MIGRATION_COUNT = Object.keys(migrations('sqlite')).length;
const t0 = Date.parse('2025-03-01T08:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

describe.each<Backend>([sqliteBackend(), postgresBackend()])('store on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('applies migrations once and opens an existing database again without change', async () => {
    const loc = await backend.fresh('migrations');
    const a = await openStore(loc);
    await a.saveRound(round(at(0)), [result('disk', 'web1', 'OK', at(0))]);
    await a.close();
    const b = await openStore(loc);
    expect(await b.rounds()).toHaveLength(1);
    await b.close();
    const applied = await rawQuery(loc, 'select name from kysely_migration');
    expect(applied.map((r) => r.name)).toEqual([
      '0001-initial',
      '0002-routines',
      '0003-outbox',
      '0004-docker',
      '0005-releases',
      '0006-outbox-actions',
      '0007-web',
      '0008-access',
      '0009-upgrades',
      '0010-jobs',
      '0012-web-indexes',
    ]);
  });

  it('history shows only the changes: OK, OK, WARN gives two changes, newest first', async () => {
    const store = await openStore(await backend.fresh('changes'));
    for (const [i, s] of (['OK', 'OK', 'WARN'] as const).entries()) {
      await store.saveRound(round(at(i * 10)), [result('disk', 'web1', s, at(i * 10))]);
    }
    const changes = await store.history();
    expect(changes).toEqual([
      { at: at(20), check: 'disk', target: 'web1', from: 'OK', to: 'WARN', summary: 'disk on web1 is WARN' },
      { at: at(0), check: 'disk', target: 'web1', from: null, to: 'OK', summary: 'disk on web1 is OK' },
    ]);
    const [state] = await store.latestResults();
    expect(state).toMatchObject({
      check: 'disk',
      target: 'web1',
      status: 'WARN',
      since: at(20),
      consecutive: 1,
    });
    const rounds = await store.rounds({ limit: 10 });
    expect(rounds.map((r) => r.status)).toEqual(['WARN', 'OK', 'OK']);
    await store.close();
  });

  it('gives back the last result of each check whole, with its stamp, for reuse', async () => {
    const store = await openStore(await backend.fresh('previous'));
    const first = { ...result('apt', 'web1', 'WARN', at(0)), details: { pending: 3 }, stamp: '123 45' };
    await store.saveRound(round(at(0)), [first, result('disk', 'web1', 'OK', at(0))]);
    await store.saveRound(round(at(5)), [{ ...first, startedAt: at(5).toISOString(), stamp: '999 45' }]);
    const prev = await store.previousResults();
    expect(prev.get('web1\0apt')).toMatchObject({
      status: 'WARN',
      details: { pending: 3 },
      stamp: '999 45',
      startedAt: at(5).toISOString(),
    });
    expect(prev.get('web1\0disk')?.stamp).toBeUndefined();
    await store.close();
  });

  it('counts consecutive results and filters history by check, target, since and limit', async () => {
    const store = await openStore(await backend.fresh('filters'));
    const seq = [
      ['OK', 'CRIT'],
      ['OK', 'OK'],
      ['OK', 'OK'],
    ] as const;
    for (const [i, [a, b]] of seq.entries()) {
      await store.saveRound(round(at(i)), [
        result('disk', 'web1', a, at(i)),
        result('units', 'db1', b, at(i)),
      ]);
    }
    const states = await store.latestResults();
    expect(states.map((s) => [s.target, s.check, s.status, s.consecutive])).toEqual([
      ['db1', 'units', 'OK', 2],
      ['web1', 'disk', 'OK', 3],
    ]);
    expect((await store.history({ target: 'db1' })).map((c) => `${c.from}->${c.to}`)).toEqual([
      'CRIT->OK',
      'null->CRIT',
    ]);
    expect(await store.history({ check: 'disk', target: 'db1' })).toEqual([]);
    expect((await store.history({ since: at(1) })).map((c) => c.to)).toEqual(['OK']);
    expect(await store.history({ limit: 1 })).toHaveLength(1);
    await store.close();
  });

  it('keeps an interrupted round, whose UNKNOWNs do not move the state but whose findings do', async () => {
    const store = await openStore(await backend.fresh('interrupted'));
    await store.saveRound(round(at(0)), [
      result('disk', 'web1', 'OK', at(0)),
      result('units', 'web1', 'OK', at(0)),
    ]);
    const id = await store.saveRound(round(at(5), { interrupted: true, host: 'admin-laptop' }), [
      result('disk', 'web1', 'UNKNOWN', at(5), { reasons: ['interrupted'] }),
      result('units', 'web1', 'CRIT', at(5)),
    ]);
    const [last] = await store.rounds({ limit: 1 });
    expect(last).toMatchObject({
      id,
      interrupted: true,
      host: 'admin-laptop',
      resultCount: 2,
      status: 'CRIT',
    });
    const states = Object.fromEntries((await store.latestResults()).map((s) => [s.check, s.status]));
    expect(states).toEqual({ disk: 'OK', units: 'CRIT' });
    expect((await store.history()).map((c) => `${c.check}:${c.to}`)).toEqual([
      'units:CRIT',
      'units:OK',
      'disk:OK',
    ]);
    await store.close();
  });

  it('caps huge details and evidence at 64 KiB of valid JSON marked truncated', async () => {
    const loc = await backend.fresh('caps');
    const store = await openStore(loc);
    const big = 'x'.repeat(3_000_000);
    const huge = result('apt', 'web1', 'WARN', at(0), {
      details: { packages: Array.from({ length: 100_000 }, (_, i) => `pkg-${i}`) },
      evidence: [
        { command: 'apt list --upgradable', exitCode: 0, timedOut: false, durationMs: 9, stdout: big },
      ],
      reasons: Array.from({ length: 10_000 }, (_, i) => `reason ${i}`),
    });
    await store.saveRound(round(at(0)), [huge, result('disk', 'web1', 'OK', at(0))]);
    const rows = await rawQuery(loc, 'select check_name, data, reasons from results order by id');
    const data = JSON.parse(String(rows[0]!.data));
    expect(Buffer.byteLength(String(rows[0]!.data))).toBeLessThanOrEqual(64 * 1024);
    expect(data.truncated).toBe(true);
    expect(data.evidence[0].command).toBe('apt list --upgradable');
    expect(data.details.packages[0]).toBe('pkg-0');
    expect(JSON.parse(String(rows[0]!.reasons)).at(-1)).toMatch(/more reasons \(truncated\)/);
    expect(JSON.parse(String(rows[1]!.data)).truncated).toBeUndefined();
    await store.close();
  });

  it('orders by time, not by insertion nor by text (dates across 2001-09-09, 10^12 ms)', async () => {
    const store = await openStore(await backend.fresh('ordering'));
    const times = [
      '2033-05-18T03:33:20Z',
      '1999-12-31T23:59:59Z',
      '2001-09-09T01:46:39Z',
      '2001-09-09T01:46:41Z',
    ];
    for (const [i, t] of times.entries()) {
      const d = new Date(t);
      await store.saveRound(round(d), [result(`c${i}`, 'h', 'OK', d)]);
    }
    const sorted = [...times].sort().reverse();
    expect((await store.history()).map((c) => c.at.toISOString().replace('.000', ''))).toEqual(sorted);
    expect((await store.rounds()).map((r) => r.startedAt.toISOString().replace('.000', ''))).toEqual(sorted);
    const since = await store.history({ since: new Date('2001-09-09T01:46:40Z') });
    expect(since.map((c) => c.check).sort()).toEqual(['c0', 'c3']);
    await store.close();
  });

  it('saves a queue job once: the same job key twice is one round, one result per host and check', async () => {
    const loc = await backend.fresh('jobkey');
    const store = await openStore(loc);
    const job = { ...round(at(0), { host: 'web1' }), jobKey: 'web1@1740816000000' };
    const first = await store.saveRound(job, [result('disk', 'web1', 'OK', at(0))]);
    // The retry ran the checks again and saw something else: the first write stands.
    const again = await store.saveRound({ ...job, startedAt: at(1) }, [
      result('disk', 'web1', 'CRIT', at(1)),
    ]);
    expect(again).toBe(first);
    // Rounds without a key (single process, CLI) are not constrained by it.
    await store.saveRound(round(at(2)), [result('disk', 'web1', 'OK', at(2))]);
    await store.saveRound(round(at(2)), [result('disk', 'web1', 'OK', at(2))]);
    expect(await rawQuery(loc, 'select count(*) as n from rounds')).toEqual([
      { n: backend.name === 'postgres' ? '3' : 3 },
    ]);
    const rows = await rawQuery(
      loc,
      `select r.status from results r join rounds o on o.id = r.round_id where o.job_key is not null`,
    );
    expect(rows).toEqual([{ status: 'OK' }]);
    const [state] = await store.latestResults();
    expect(state).toMatchObject({ status: 'OK', consecutive: 3 });
    expect((await store.history()).map((c) => c.to)).toEqual(['OK']);
    await store.close();
  });

  it('keeps one result per round, host and check when a round holds it twice', async () => {
    const loc = await backend.fresh('dupresult');
    const store = await openStore(loc);
    await store.saveRound(round(at(0)), [
      result('disk', 'web1', 'WARN', at(0)),
      result('disk', 'web1', 'CRIT', at(0)),
    ]);
    expect(await rawQuery(loc, 'select status from results')).toEqual([{ status: 'WARN' }]);
    expect((await store.latestResults())[0]).toMatchObject({ status: 'WARN', consecutive: 1 });
    await store.close();
  });

  it('survives concurrent opens and writers of the same database', async () => {
    const loc = await backend.fresh('concurrent');
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(loc)));
    await Promise.all(
      stores.map((s, i) => s.saveRound(round(at(i)), [result('disk', 'web1', i % 2 ? 'WARN' : 'OK', at(i))])),
    );
    expect(await stores[0]!.rounds()).toHaveLength(4);
    await Promise.all(stores.map((s) => s.close()));
    // Serialised writers: in commit order, every change starts from the status saved just before it.
    const results = await rawQuery(loc, 'select status from results order by id');
    const changes = await rawQuery(loc, 'select from_status, to_status from status_changes order by id');
    const expected = results
      .map((r, i) => ({ from_status: i === 0 ? null : results[i - 1]!.status, to_status: r.status }))
      .filter((c) => c.from_status !== c.to_status);
    expect(changes).toEqual(expected);
    // Each migration applied exactly once, however many opened the database at the same time.
    expect(await rawQuery(loc, 'select name from kysely_migration')).toHaveLength(MIGRATION_COUNT);
  });
});

describe('a SQLite file shared by the daemon and the CLI', () => {
  const backend = sqliteBackend();
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('lets separate processes create and write it at once', async () => {
    const loc = (await backend.fresh('processes')) as Extract<DatabaseLocation, { kind: 'sqlite' }>;
    const script = fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url));
    await Promise.all(
      ['p1', 'p2', 'p3', 'p4'].map((p) => run(process.execPath, ['--import', 'tsx', script, loc.path, p])),
    );
    const store = await openStore(loc);
    expect((await store.rounds()).map((r) => r.host).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await store.latestResults()).toHaveLength(4);
    await store.close();
    // Each migration applied exactly once, however many opened the database at the same time.
    expect(await rawQuery(loc, 'select name from kysely_migration')).toHaveLength(MIGRATION_COUNT);
  });
});
