import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { CLI, tempDir } from '../cli/run-cli.js';
import { type CapturedRequest, type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

/*
 * The real `ronde serve`, a Mattermost notifier pointed at a capture server
 * on 127.0.0.1 that holds its replies, and kill -9 at chosen points of a
 * delivery. After a restart every message arrives; a message arrives twice
 * only when the daemon died after the receiver had it, and then with the same key.
 */

interface Serve {
  child: ChildProcess;
  logs: () => string;
  exited: Promise<number | null>;
}

function serve(config: string, hook: string): Serve {
  const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HOOK: hook },
  });
  let logs = '';
  child.stdout?.on('data', (c) => {
    logs += c;
  });
  child.stderr?.on('data', (c) => {
    logs += c;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, logs: () => logs, exited };
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Row {
  key: string;
  event: string;
  state: string;
  attempts: number;
}

async function outbox(db: string): Promise<Row[]> {
  const store = await openStore({ kind: 'sqlite', path: db });
  try {
    const rows = await store.conn.db
      .selectFrom('outbox')
      .select(['key', 'event', 'state', 'attempts'])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
  } finally {
    await store.close();
  }
}

/** The key a post carried, from the header and from `props` (they must agree). */
function keyOf(req: CapturedRequest): string {
  const props = (req.json as { props?: { ronde_key?: string } }).props;
  expect(req.headers['idempotency-key']).toBe(props?.ronde_key);
  return props!.ronde_key!;
}

function counts(reqs: readonly CapturedRequest[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reqs) out.set(keyOf(r), (out.get(keyOf(r)) ?? 0) + 1);
  return out;
}

describe('ronde serve crash safety (kill -9, SIGTERM) with a held Mattermost receiver', () => {
  let http: HttpCapture;
  let dir: string;
  let db: string;
  let config: string;
  let stamp: string;
  let hook: string;
  const running: Serve[] = [];

  beforeEach(async () => {
    http = await startHttpCapture();
    hook = `${http.url}/hooks/h0ok1dent1f1er`;
    dir = tempDir('ronde-crash-');
    db = join(dir, 'ronde.db');
    stamp = join(dir, 'stamp');
    config = join(dir, 'ronde.yaml');
    writeFileSync(stamp, 'fresh\n');
    writeFileSync(
      config,
      [
        `database: { path: ${db} }`,
        'hosts:',
        '  - { name: self, local: true }',
        'checks:',
        `  - { kind: freshness.file, name: stamp, interval: 1s, options: { path: ${stamp}, max_age: 1d } }`,
        'notifiers:',
        '  - { name: chat, type: mattermost, url: "${env:HOOK}" }',
        'notify: { damping: 1 }',
        '',
      ].join('\n'),
    );
  });

  afterEach(async () => {
    for (const s of running.splice(0)) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
    await http.close();
  });

  const start = () => {
    const s = serve(config, hook);
    running.push(s);
    return s;
  };
  const allSent = async () => {
    const rows = await outbox(db);
    return rows.length > 0 && rows.every((r) => r.state === 'sent');
  };

  it('kill -9 while the receiver holds one post and another waits: both arrive after restart, the held one again with its key', async () => {
    http.hold();
    const a = start();
    const [summary] = await http.waitForRequests(1, 60_000);
    const k1 = keyOf(summary!);
    // The check turns CRIT; its announcement is committed but cannot be sent while the first post is held.
    rmSync(stamp);
    await waitFor(async () => (await outbox(db)).some((r) => r.event === 'check.problem'), 60_000, a.logs);
    const before = await outbox(db);
    expect(before.map((r) => [r.event, r.state])).toEqual([
      ['summary', 'sending'],
      ['check.problem', 'pending'],
    ]);
    const k2 = before[1]!.key;
    a.child.kill('SIGKILL');
    await a.exited;
    expect(http.requests).toHaveLength(1);
    http.release();

    const t0 = Date.now();
    const b = start();
    await waitFor(allSent, 120_000, b.logs);
    // Not after the 5-minute lease: the restart released its dead predecessor's claim. The
    // margin is for a loaded machine; it stays far below the lease.
    expect(Date.now() - t0).toBeLessThan(120_000);
    const seen = counts(http.requests);
    expect(seen.get(k1)).toBe(2);
    expect(seen.get(k2)).toBe(1);
    expect([...seen.keys()].sort()).toEqual([k1, k2].sort());
    const problem = http.requests.find((r) => keyOf(r) === k2)!;
    expect((problem.json as { text: string }).text).toMatch(/CRIT.*stamp/s);
  }, 300_000);

  it('kill -9 after the receiver answered but before the outbox commit: re-sent once, with the same key', async () => {
    http.hold();
    const a = start();
    const [first] = await http.waitForRequests(1, 60_000);
    const key = keyOf(first!);
    // The answer is written to the socket synchronously, then the daemon dies before reading it.
    http.release();
    a.child.kill('SIGKILL');
    await a.exited;
    const [row] = await outbox(db);
    expect(row).toMatchObject({ key, state: 'sending' });

    const b = start();
    await waitFor(allSent, 60_000, b.logs);
    expect(http.requests.map(keyOf)).toEqual([key, key]);
    // Once recorded as sent, it is never sent again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(http.requests).toHaveLength(2);
  }, 150_000);

  it('SIGTERM during a held delivery stops within 10 s; the message goes out after restart with the same key', async () => {
    http.hold();
    const a = start();
    const [first] = await http.waitForRequests(1, 60_000);
    const key = keyOf(first!);
    const t0 = Date.now();
    a.child.kill('SIGTERM');
    const code = await a.exited;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(code).toBe(0);
    // Our own shutdown is not the receiver's failure: due again at once, no failure counted.
    const [row] = await outbox(db);
    expect(row).toMatchObject({ key, state: 'pending' });
    const store = await openStore({ kind: 'sqlite', path: db });
    const health = await store.conn.db.selectFrom('notifier_health').selectAll().execute();
    await store.close();
    expect(health.filter((h) => Number(h.consecutive_failures) > 0)).toEqual([]);
    http.release();

    const b = start();
    await waitFor(allSent, 60_000, b.logs);
    expect(http.requests.map(keyOf)).toEqual([key, key]);
  }, 150_000);
});
