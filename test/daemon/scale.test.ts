import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ronde, tempDir } from '../cli/run-cli.js';
import { type ScaleLab, startScaleLab } from './scale-helpers.js';
import { type Serve, waitFor } from './serve-helpers.js';

/*
 * Issue 24: one scheduler (and one on standby) and three workers, real
 * processes of dist/ on a real PostgreSQL, six lab sshd hosts. Each round
 * holds a 2 s probe, so a worker can be killed in the middle of one.
 */

const INTERVAL_MS = 10_000;
const ARGS = ['--job-expiry', '6'];

type Line = Record<string, unknown>;
const said = (p: Serve, msg: string) => p.lines().filter((l) => l.msg === msg);

describe('ronde serve --role scheduler|worker on PostgreSQL', () => {
  let lab: ScaleLab;
  const procs: Serve[] = [];
  const logs = () => procs.map((p, i) => `--- process ${i}\n${p.logs().slice(-3000)}`).join('\n');

  beforeAll(async () => {
    lab = await startScaleLab({ hosts: 6, interval: '10s', slowSeconds: 2 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await lab?.stop();
  });

  /** Webhook requests of an event, by host (the title starts with it). */
  const received = (event: string) => {
    const by = new Map<string, Set<string>>();
    for (const r of lab.hook.requests) {
      const m = r.json as { event: string; title: string; key: string };
      if (m.event !== event) continue;
      const host = m.title.split(':')[0]!;
      by.set(host, (by.get(host) ?? new Set()).add(m.key));
    }
    return by;
  };
  const hostsWith = async (sql: string, values: unknown[] = []) =>
    Number((await lab.query<{ n: string }>(sql, values))[0]!.n);

  it('a worker killed mid-round: its round is retried elsewhere, saved once, told once; a killed scheduler is replaced', async () => {
    const first = lab.serve('scheduler', ...ARGS);
    procs.push(first);
    await waitFor(() => said(first, 'scheduler started').length > 0, 30_000, logs);
    const second = lab.serve('scheduler', ...ARGS);
    const workers = [1, 2, 3].map(() => lab.serve('worker', ...ARGS));
    procs.push(second, ...workers);
    await waitFor(
      () => said(second, 'scheduler standing by: another one holds the store').length > 0,
      30_000,
      logs,
    );

    // A new installation: one first round of every host, one summary.
    const everyHost = `select count(distinct target) as n from results r join rounds o on o.id = r.round_id
                        where r.check_name = 'stamp' and r.status = $1 and o.started_at >= $2`;
    await waitFor(async () => (await hostsWith(everyHost, ['OK', 0])) === 6, 60_000, logs);
    const [summary] = await lab.hook.waitForRequests(1, 30_000);
    expect((summary!.json as { text: string }).text).toContain('on 6 hosts');

    // The stamp goes stale: each host's next round is CRIT, told once per host.
    lab.stamp(false);
    const staleAt = Date.now();
    let victim: Serve | undefined;
    let job = '';
    await waitFor(
      () => {
        for (const w of workers) {
          const saved = new Set(said(w, 'round saved').map((l: Line) => l.job));
          const open = said(w, 'round taken').find(
            (l) => !saved.has(l.job) && !String(l.job).startsWith('all@'),
          );
          if (open && (open.time as number) >= staleAt) {
            victim = w;
            job = String(open.job);
            return true;
          }
        }
        return false;
      },
      30_000,
      logs,
    );
    victim!.child.kill('SIGKILL');
    await victim!.exited;

    // Every host checked, the lost round among them (by another worker, after its expiry).
    await waitFor(async () => (await hostsWith(everyHost, ['CRIT', staleAt])) === 6, 60_000, logs);
    await waitFor(
      async () => (await lab.query('select id from rounds where job_key = $1', [job])).length === 1,
      30_000,
      () => `round ${job} never saved\n${logs()}`,
    );
    const [lost] = await lab.query<{ n: string }>(
      'select count(*) as n from results r join rounds o on o.id = r.round_id where o.job_key = $1',
      [job],
    );
    expect(Number(lost!.n)).toBe(2);
    expect(
      await lab.query(
        'select job_key from rounds where job_key is not null group by job_key having count(*) > 1',
      ),
    ).toEqual([]);
    expect(
      await lab.query(
        'select round_id from results group by round_id, target, check_name having count(*) > 1',
      ),
    ).toEqual([]);

    // One problem message per host: neither lost nor doubled (a re-send would carry the same key).
    await waitFor(() => received('check.problem').size === 6, 30_000, logs);
    const problems = await lab.query<{ key: string }>(`select key from outbox where event = 'check.problem'`);
    expect(problems).toHaveLength(6);
    for (const keys of received('check.problem').values()) expect(keys.size).toBe(1);

    // The scheduler dies: the one on standby takes over within an interval.
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor(() => said(second, 'scheduler started').length > 0, INTERVAL_MS, logs);
    const tookOver = said(second, 'scheduler started')[0]!.time as number;
    expect(tookOver - killedAt).toBeLessThan(INTERVAL_MS);
    // …and goes on: every host checked again, the recovery told once per host by the new sender.
    lab.stamp(true);
    const freshAt = Date.now();
    await waitFor(async () => (await hostsWith(everyHost, ['OK', freshAt])) === 6, 60_000, logs);
    await waitFor(() => received('check.recovery').size === 6, 30_000, logs);
    for (const keys of received('check.recovery').values()) expect(keys.size).toBe(1);
    expect(received('check.problem').size).toBe(6);
    expect(received('summary').size).toBe(1);
  }, 240_000);

  it('refuses --role other than all on a SQLite store, and says why (exit 78)', () => {
    const dir = tempDir('ronde-scale-sqlite-');
    const config = join(dir, 'ronde.yaml');
    writeFileSync(config, `database: { path: ${join(dir, 'ronde.db')} }\nhosts: []\n`);
    const r = ronde(['--config', config, 'serve', '--role', 'worker'], { XDG_DATA_HOME: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('--role worker needs a PostgreSQL store');
    expect(r.stderr).toContain(join(dir, 'ronde.db'));
  });
});
