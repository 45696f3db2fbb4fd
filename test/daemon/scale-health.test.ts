import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/run-cli.js';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';
import { type Serve, startServe, waitFor } from './serve-helpers.js';

/*
 * /healthz of `ronde serve --role scheduler|worker` and ronde.self in
 * scale-out, with real processes (dist/) on a real PostgreSQL: the active
 * scheduler, one on standby, a worker; then the worker gone (ronde.self says
 * rounds wait for a worker), then PostgreSQL gone (the worker says 503 and why).
 */

const ADDR = '127.0.73.1';

describe('health of the scale-out roles', () => {
  let pgLab: PostgresLab;
  let url: string;
  let config: string;
  let dir: string;
  const procs: Serve[] = [];
  const logs = () => procs.map((p, i) => `--- process ${i}\n${p.logs().slice(-3000)}`).join('\n');

  beforeAll(async () => {
    pgLab = await startPostgres();
    url = await pgLab.createDatabase('health');
    dir = tempDir('ronde-scale-health-');
    config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      [
        `database: { url: "${url}" }`,
        'defaults: { interval: 2s }',
        'hosts: [ { name: self, local: true } ]',
        'checks: [ { name: disk, kind: system.disk, on: self } ]',
        '',
      ].join('\n'),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await pgLab?.stop();
  });

  const serve = (role: string) => {
    const p = startServe(['--config', config, '--role', role, '--job-expiry', '2', '--listen', `${ADDR}:0`], {
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'data'),
    });
    procs.push(p);
    return p;
  };
  const healthz = async (p: Serve) => {
    const at = p.lines().find((l) => l.msg === '/healthz listening')?.listen;
    const res = await fetch(`http://${at}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((err) => {
      throw new Error(`GET http://${at}/healthz: ${err}\n${logs()}`);
    });
    return { code: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const listening = (p: Serve) =>
    waitFor(() => p.lines().some((l) => l.msg === '/healthz listening'), 30_000, logs);

  it('answers 200 for a working scheduler, worker and standby; ronde.self and the worker say when work stops', async () => {
    const scheduler = serve('scheduler');
    await waitFor(() => scheduler.logs().includes('"scheduler started"'), 30_000, logs);
    const worker = serve('worker');
    await waitFor(() => worker.logs().includes('"round saved"'), 60_000, logs);
    const standby = serve('scheduler');
    await waitFor(() => standby.logs().includes('scheduler standing by'), 30_000, logs);
    await listening(worker);
    await listening(standby);

    expect(await healthz(scheduler)).toMatchObject({ code: 200, body: { role: 'scheduler', status: 'ok' } });
    const w = await healthz(worker);
    expect(w).toMatchObject({ code: 200, body: { role: 'worker', status: 'ok' } });
    expect(w.body.taken).toBeGreaterThanOrEqual(1);
    expect(await healthz(standby)).toMatchObject({
      code: 200,
      body: { role: 'scheduler', status: 'standby', reason: 'another scheduler holds the store' },
    });
    // Only /healthz: no page, no API on these roles.
    const at = scheduler.lines().find((l) => l.msg === '/healthz listening')?.listen;
    expect((await fetch(`http://${at}/api/v1/problems`)).status).toBe(404);

    // No worker: rounds wait past the job expiry, and ronde.self (saved by the scheduler) says so.
    expect((await worker.stop()).code).toBe(0);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const latestSelf = async () =>
        (
          await db.query<{ status: string; summary: string }>(
            `select status, summary from results where check_name = 'ronde.self' order by id desc limit 1`,
          )
        ).rows[0];
      await waitFor(async () => (await latestSelf())?.status === 'CRIT', 60_000, logs);
      expect((await latestSelf())?.summary).toMatch(
        /^\d+ rounds? waits? for a worker, the oldest for \d+ s: are the workers running\?$/,
      );
    } finally {
      await db.end();
    }

    // PostgreSQL gone: a worker cannot reach its queue, and says so.
    const second = serve('worker');
    await listening(second);
    await waitFor(async () => (await healthz(second)).code === 200, 30_000, logs);
    await pgLab.stop();
    // It must stay up (pg-boss's unawaited completions would have ended it) and answer 503.
    await waitFor(
      async () => (await healthz(second)).code === 503,
      30_000,
      () => second.logs(),
    );
    expect((await healthz(second)).body.reason).toMatch(/^the job queue cannot be reached: /);
  }, 180_000);
});
