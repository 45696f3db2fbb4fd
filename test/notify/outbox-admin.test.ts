import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/checks/index.js';
import { parseConfig } from '../../src/config/load.js';
import { judgeSelf, selfFacts } from '../../src/daemon/self.js';
import { deliver, enqueue, type SendFailure } from '../../src/notify/outbox.js';
import {
  dropMessages,
  listOutbox,
  outboxActions,
  requeueSecretFailures,
  retryMessages,
} from '../../src/notify/outbox-admin.js';
import { WebhookNotifier } from '../../src/notify/schema.js';
import { NotifyError } from '../../src/notify/types.js';
import { createWebhook } from '../../src/notify/webhook.js';
import { openStore } from '../../src/store/db.js';
import type { Store } from '../../src/store/types.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';
import { type Backend, postgresBackend, sqliteBackend } from '../store/helpers.js';
import { at, outboxRows, recorder } from './outbox-helpers.js';

const draft = { event: 'check.recovery' as const, title: 'web1: disk is OK again', text: '- `disk`' };
const sec = (s: number) => new Date(at(0).getTime() + s * 1000);
const alice = { by: 'alice', osUser: 'root' };
const config = parseConfig(
  'notifiers: [{ name: chat, type: webhook, url: "${env:HOOK}" }]\nnotify: { max_attempts: 3 }\n',
  'ronde.yaml',
  registry,
  {},
);

async function put(store: Store, identity: string): Promise<void> {
  await store.conn.write((trx) => enqueue(trx, identity, draft, { notifierNames: ['chat'] }, at(0)));
}

async function self(store: Store, now: Date) {
  return judgeSelf(await selfFacts(store, config, registry, now, { inDaemon: true }));
}

describe.each<Backend>([sqliteBackend(), postgresBackend()])(
  'outbox: failed, retried, dropped on $name',
  (backend) => {
    let http: HttpCapture;
    beforeAll(async () => {
      await backend.setup();
      http = await startHttpCapture();
    });
    afterAll(async () => {
      await http.close();
      await backend.teardown();
    });

    it('gives up after max attempts, tells each failure, and ronde.self is CRIT until a retry delivers it once', async () => {
      const store = await openStore(await backend.fresh('exhaust'));
      await put(store, 'e1');
      let down = true;
      const chat = recorder('chat', () =>
        down ? new NotifyError('webhook "chat": HTTP 503', { permanent: false }) : undefined,
      );
      const notifiers = new Map([['chat', chat.notifier]]);
      const failures: SendFailure[] = [];
      const go = (s: number) =>
        deliver(store, notifiers, {
          worker: 'w',
          now: () => sec(s),
          maxAttempts: 3,
          onFailure: (f) => failures.push(f),
        });
      await go(0);
      await go(30);
      expect((await outboxRows(store))[0]).toMatchObject({ state: 'pending', attempts: 2 });
      expect((await self(store, sec(60))).status).toBe('OK');
      await go(90);
      expect(failures.map((f) => [f.notifier, f.outcome, f.error])).toEqual([
        ['chat', 'retried', 'webhook "chat": HTTP 503'],
        ['chat', 'retried', 'webhook "chat": HTTP 503'],
        ['chat', 'failed', 'webhook "chat": HTTP 503'],
      ]);
      expect(failures[2]!.failure).toBe('exhausted');
      const [entry] = await listOutbox(store);
      expect(entry).toMatchObject({
        state: 'failed',
        failure: 'exhausted',
        attempts: 3,
        lastError: 'gave up after 3 attempts: webhook "chat": HTTP 503',
        title: 'web1: disk is OK again',
      });
      const verdict = await self(store, sec(100));
      expect(verdict.status).toBe('CRIT');
      expect(verdict.reasons).toContain(
        `1 message failed and will not be sent (#${entry!.id} to chat: gave up after 3 attempts: webhook "chat": HTTP 503): see \`ronde outbox\`, then retry or drop`,
      );
      // Nothing more is tried on its own, however long we wait.
      expect(await go(86_400)).toEqual({ sent: 0, retried: 0, failed: 0 });

      down = false;
      expect(await retryMessages(store, 'all-failed', alice, sec(86_500))).toEqual([
        { id: entry!.id, done: true, stateBefore: 'failed' },
      ]);
      expect((await go(86_500)).sent).toBe(1);
      expect((await go(90_000)).sent).toBe(0);
      expect(chat.sent).toHaveLength(1);
      expect(chat.sent[0]!.key).toBe(entry!.key);
      expect((await self(store, sec(90_000))).status).toBe('OK');
      expect(await outboxActions(store, entry!.id)).toMatchObject([
        {
          action: 'retry',
          by: 'alice',
          osUser: 'root',
          stateBefore: 'failed',
          lastError: expect.stringContaining('503'),
        },
      ]);
      await store.close();
    });

    it('drop gives a message up with who and why recorded, once', async () => {
      const store = await openStore(await backend.fresh('drop'));
      await put(store, 'e1');
      await put(store, 'e2');
      const chat = recorder('chat', (m) =>
        m.key === undefined ? undefined : new NotifyError('webhook "chat": HTTP 404', { permanent: true }),
      );
      await deliver(store, new Map([['chat', chat.notifier]]), { worker: 'w', now: () => sec(1) });
      const [a, b] = await listOutbox(store);
      expect([a!.failure, b!.failure]).toEqual(['permanent', 'permanent']);
      expect((await self(store, sec(2))).status).toBe('CRIT');
      const out = await dropMessages(
        store,
        [a!.id, 999],
        alice,
        'hook deleted, told the team by hand',
        sec(5),
      );
      expect(out).toEqual([
        { id: a!.id, done: true, stateBefore: 'failed' },
        { id: 999, done: false, why: 'no such message', refused: 'missing' },
      ]);
      expect(await dropMessages(store, [a!.id], alice, 'again', sec(6))).toEqual([
        {
          id: a!.id,
          done: false,
          why: 'it was dropped (see `ronde outbox --all`)',
          refused: 'state',
          state: 'dropped',
        },
      ]);
      expect((await listOutbox(store)).map((e) => e.id)).toEqual([b!.id]);
      expect((await self(store, sec(7))).status).toBe('CRIT'); // b is still failed
      await dropMessages(store, [b!.id], alice, 'same', sec(8));
      expect((await self(store, sec(9))).status).toBe('OK');
      const log = await outboxActions(store);
      expect(log.map((l) => [l.outboxId, l.action, l.by, l.reason])).toEqual([
        [a!.id, 'drop', 'alice', 'hook deleted, told the team by hand'],
        [b!.id, 'drop', 'alice', 'same'],
      ]);
      expect(log[0]!.at).toEqual(sec(5));
      await store.close();
    });

    it('a message that failed on a missing secret is re-queued at start and delivered once, with its key', async () => {
      const store = await openStore(await backend.fresh('secret'));
      await put(store, 'e1');
      const cfg = WebhookNotifier.parse({ name: 'chat', type: 'webhook', url: '${env:HOOK}' });
      const before = createWebhook(cfg, {});
      await deliver(store, new Map([['chat', before]]), { worker: 'w', now: () => sec(1) });
      const [failed] = await listOutbox(store);
      expect(failed).toMatchObject({ state: 'failed', failure: 'secret' });
      expect(failed!.lastError).toContain('${env:HOOK}');
      expect(failed!.lastError).toContain('environment variable HOOK is not set');

      expect(await requeueSecretFailures(store, { by: 'ronde', osUser: 'ronde' }, sec(60))).toEqual([
        failed!.id,
      ]);
      expect(await requeueSecretFailures(store, { by: 'ronde', osUser: 'ronde' }, sec(61))).toEqual([]);
      http.requests.length = 0;
      const after = new Map([['chat', createWebhook(cfg, { HOOK: `${http.url}/hook` })]]);
      expect((await deliver(store, after, { worker: 'w', now: () => sec(62) })).sent).toBe(1);
      expect((await deliver(store, after, { worker: 'w', now: () => sec(99) })).sent).toBe(0);
      expect(http.requests.map((r) => r.headers['idempotency-key'])).toEqual([failed!.key]);
      expect((await outboxActions(store))[0]).toMatchObject({ action: 'requeue', by: 'ronde' });
      await store.close();
    });
  },
);
