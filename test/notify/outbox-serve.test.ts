import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/notify/outbox.js';
import { openStore } from '../../src/store/db.js';
import { CLI, ronde, tempDir } from '../cli/run-cli.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

/*
 * Issue 16, "nothing lost in silence", tried as a user would: the real daemon,
 * a real HTTP receiver that fails then is fixed, and the CLI.
 */

interface Serve {
  child: ChildProcess;
  logs: () => string;
  exited: Promise<number | null>;
}

function serve(config: string, env: Record<string, string>): Serve {
  const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  let logs = '';
  child.stdout!.on('data', (c) => {
    logs += c;
  });
  child.stderr!.on('data', (c) => {
    logs += c;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, logs: () => logs, exited };
}

async function waitFor(cond: () => boolean, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${why()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function writeConfig(dir: string, extra = ''): string {
  const config = join(dir, 'ronde.yaml');
  writeFileSync(
    config,
    [
      `database: { path: ${join(dir, 'ronde.db')} }`,
      'hosts: [{ name: self, local: true }]',
      // One round at start, the next in an hour: the first-run summary is the only message.
      'checks: [{ kind: system.disk, interval: 1h }]',
      'notifiers: [{ name: chat, type: webhook, url: "${env:HOOK}" }]',
      'notify: { digest: false, max_attempts: 1 }',
      'timezone: Europe/Paris',
      extra,
    ].join('\n'),
  );
  return config;
}

describe('ronde serve: nothing lost in silence', () => {
  let http: HttpCapture;
  beforeAll(async () => {
    http = await startHttpCapture();
  });
  afterAll(() => http.close());

  it('refuses to start (78) when a notifier secret is missing, naming the reference; check only warns', async () => {
    const dir = tempDir('ronde-outbox-');
    const config = writeConfig(dir);
    const s = serve(config, {});
    const code = await s.exited;
    expect(code).toBe(78);
    expect(s.logs()).toContain(
      'notifier "chat" (url): secret ${env:HOOK}: environment variable HOOK is not set',
    );
    const check = ronde(['check', '--config', config], { HOME: dir });
    expect(check.stderr).toContain(
      'ronde: warning: notifier "chat" (url): secret ${env:HOOK}: environment variable HOOK is not set',
    );
    expect(check.code).not.toBe(78);
  }, 60_000);

  it('a send that keeps failing shows in the log, ronde.self and ronde outbox; retry delivers it once', async () => {
    const dir = tempDir('ronde-outbox-');
    const config = writeConfig(dir);
    const env = { HOME: dir, HOOK: `${http.url}/hook` };
    http.requests.length = 0;
    http.answerByDefault({ status: 503, body: 'maintenance' });
    const s = serve(config, env);
    try {
      await waitFor(
        () => s.logs().includes('failed for good'),
        30_000,
        () => s.logs(),
      );
      const warn = s
        .logs()
        .split('\n')
        .map((l) => (l.startsWith('{') ? JSON.parse(l) : {}))
        .find((l) => l.notifier === 'chat');
      expect(warn).toMatchObject({ level: 40, notifier: 'chat', outcome: 'failed', failure: 'exhausted' });
      expect(warn.error).toContain('503');

      const list = ronde(['outbox', '--config', config], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/#1 +failed \(exhausted\) +chat +summary +1 /);
      expect(list.stdout).toMatch(/last error: gave up after 1 attempt: .*503/);
      expect(list.stdout).toContain('Times in Europe/Paris.');

      const check = ronde(['check', '--config', config, '--json'], env);
      const self = JSON.parse(check.stdout).targets.find((t: { name: string }) => t.name === 'ronde')
        .results[0];
      expect(self.status).toBe('CRIT');
      expect(self.summary).toMatch(/^1 message failed and will not be sent \(#1 to chat: .*503/);

      http.answerByDefault({});
      const retry = ronde(['outbox', 'retry', '--all', '--config', config, '--by', 'alice'], env);
      expect(retry.stdout).toContain('#1: queued again (was failed)');
      await http.waitForRequests(2, 30_000);
      await waitFor(
        () =>
          JSON.parse(ronde(['outbox', '--all', '--json', '--config', config], env).stdout).messages[0]
            .state === 'sent',
        10_000,
        () => s.logs(),
      );
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    expect(http.requests).toHaveLength(2);
    const keys = http.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[1]).toBe(keys[0]);
    expect(ronde(['outbox', '--config', config], env).stdout).toBe(
      'Nothing waiting: every message was sent.\n',
    );
    const log = ronde(['outbox', 'log', '--config', config], env).stdout;
    expect(log).toMatch(
      /#1 {2}retry by alice \(OS user \S+\), was failed\n {4}last error then: gave up after 1 attempt/,
    );
  }, 90_000);

  it('a message that failed on a missing secret is sent after a restart with the variable set', async () => {
    const dir = tempDir('ronde-outbox-');
    const config = writeConfig(dir);
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
    const draft = { event: 'check.recovery' as const, title: 'web1: disk is OK again', text: '- `disk`' };
    await store.conn.write(async (trx) => {
      await enqueue(trx, 'recovery:web1:7', draft, { notifierNames: ['chat'] }, new Date());
      await trx
        .updateTable('outbox')
        .set({
          state: 'failed',
          attempts: 1,
          failure: 'secret',
          last_error: 'webhook "chat": secret ${env:HOOK}: environment variable HOOK is not set',
        })
        .execute();
    });
    const [row] = await store.conn.db.selectFrom('outbox').select('key').execute();
    await store.close();
    http.requests.length = 0;
    const s = serve(config, { HOME: dir, HOOK: `${http.url}/hook` });
    try {
      await waitFor(
        () => http.requests.some((r) => r.headers['idempotency-key'] === row!.key),
        30_000,
        () => s.logs(),
      );
      expect(s.logs()).toContain('messages that failed on a missing secret are queued again');
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    expect(http.requests.filter((r) => r.headers['idempotency-key'] === row!.key)).toHaveLength(1);
  }, 60_000);
});
