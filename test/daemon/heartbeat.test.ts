import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Heartbeat } from '../../src/daemon/heartbeat.js';
import { CLI, tempDir } from '../cli/run-cli.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

const SECRET_PATH = '/ping/5ecret-uuid-0f-the-check';

async function waitFor(cond: () => boolean, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('heartbeat (dead-man switch)', () => {
  let http: HttpCapture;
  beforeEach(async () => {
    http = await startHttpCapture();
  });
  afterEach(async () => {
    await http.close();
  });

  it('ronde serve pings after each round, goes on while the receiver hangs, and never logs the URL', async () => {
    const dir = tempDir('ronde-hb-');
    const config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      [
        `database: { path: ${join(dir, 'ronde.db')} }`,
        'hosts: [{ name: self, local: true }]',
        'checks: [{ kind: system.disk, interval: 1s }]',
        'heartbeat: { url: "${env:HC_URL}", timeout: 30s }',
        '',
      ].join('\n'),
    );
    http.hold();
    const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HC_URL: `${http.url}${SECRET_PATH}`, HOME: dir },
    });
    let logs = '';
    child.stdout.on('data', (c) => {
      logs += c;
    });
    child.stderr.on('data', (c) => {
      logs += c;
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await http.waitForRequests(1, 60_000);
      // The receiver holds its answer: rounds still run on their schedule meanwhile. The wait
      // is for the rounds, with room for a loaded machine (8 s was too little for 3 there).
      await waitFor(
        () => (logs.match(/"round saved"/g) ?? []).length >= 3,
        60_000,
        () => logs,
      );
    } finally {
      const t0 = Date.now();
      child.kill('SIGTERM');
      await exited;
      // A ping held by the receiver does not hold the shutdown either.
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
    expect(http.requests.length).toBeGreaterThanOrEqual(2);
    expect(http.requests.every((r) => r.method === 'GET' && r.path === SECRET_PATH)).toBe(true);
    expect(logs).not.toContain('5ecret');
  }, 150_000);

  it('appends /fail when the round failed, and scrubs the URL from errors', async () => {
    let logged = '';
    const sink = {
      write: (s: string) => {
        logged += s;
      },
    };
    const log = pino({ level: 'debug' }, sink);
    const hb = new Heartbeat({ url: '${env:HC_URL}', timeout: 5 }, log, {
      HC_URL: `${http.url}${SECRET_PATH}/`,
    });
    hb.ping(true);
    hb.ping(false);
    await hb.settle();
    expect(http.requests.map((r) => r.path).sort()).toEqual(
      [SECRET_PATH + '/', `${SECRET_PATH}/fail`].sort(),
    );

    const missing = new Heartbeat({ url: '${env:HC_URL}', timeout: 5 }, log, {});
    missing.ping(false);
    await missing.settle();
    expect(logged).toMatch(/heartbeat failed.*HC_URL|HC_URL.*heartbeat failed/);
    http.script({ status: 404, body: `no check at ${SECRET_PATH}` });
    new Heartbeat({ url: `${http.url}${SECRET_PATH}`, timeout: 5 }, log).ping(false);
    await waitFor(
      () => (logged.match(/heartbeat failed/g) ?? []).length >= 2,
      30_000,
      () => logged,
    );
    expect(logged).toMatch(/HTTP 404/);
    expect(logged).not.toContain('5ecret');
  });
});
