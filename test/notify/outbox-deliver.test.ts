import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMattermost } from '../../src/notify/mattermost.js';
import { claimNext, deliver, enqueue, LEASE_MS, outboxStats, pruneOutbox } from '../../src/notify/outbox.js';
import { MattermostNotifier } from '../../src/notify/schema.js';
import { NotifyError } from '../../src/notify/types.js';
import { openStore } from '../../src/store/db.js';
import type { Store } from '../../src/store/types.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';
import { type Backend, postgresBackend, sqliteBackend } from '../store/helpers.js';
import { at, outboxRows, recorder } from './outbox-helpers.js';

const draft = { event: 'check.problem' as const, title: 'web1: disk is CRIT', text: '- **CRIT** `disk`' };
const sec = (s: number) => new Date(at(0).getTime() + s * 1000);

async function put(store: Store, identity: string, notifierNames = ['chat']): Promise<void> {
  await store.conn.write((trx) => enqueue(trx, identity, draft, { notifierNames }, at(0)));
}

describe.each<Backend>([sqliteBackend(), postgresBackend()])('outbox delivery on $name', (backend) => {
  let http: HttpCapture;
  beforeAll(async () => {
    await backend.setup();
    http = await startHttpCapture();
  });
  afterAll(async () => {
    await http.close();
    await backend.teardown();
  });

  it('enqueueing the same event twice inserts one row', async () => {
    const store = await openStore(await backend.fresh('replay'));
    await put(store, 'check.problem:web1:round 7');
    await put(store, 'check.problem:web1:round 7');
    expect(await outboxRows(store)).toHaveLength(1);
    await store.close();
  });

  it('two workers on two connections racing for one row: exactly one claims it', async () => {
    const loc = await backend.fresh('claim');
    const a = await openStore(loc);
    const b = await openStore(loc);
    await put(a, 'one');
    for (let round = 0; round < 3; round++) {
      const claims = await Promise.all([claimNext(a, 'worker-a', sec(1)), claimNext(b, 'worker-b', sec(1))]);
      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(round === 0 ? 1 : 0);
    }
    const [row] = await outboxRows(a);
    expect(row).toMatchObject({ state: 'sending', attempts: 1 });
    await a.close();
    await b.close();
  });

  it('sends, marks sent, and never sends a sent message again', async () => {
    const store = await openStore(await backend.fresh('sent'));
    await put(store, 'e1', ['chat', 'mail']);
    const chat = recorder('chat');
    const mail = recorder('mail');
    const notifiers = new Map([
      ['chat', chat.notifier],
      ['mail', mail.notifier],
    ]);
    expect(await deliver(store, notifiers, { worker: 'w', now: () => sec(1) })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    await deliver(store, notifiers, { worker: 'w', now: () => sec(7200) });
    expect(chat.sent.map((m) => m.title)).toEqual(['web1: disk is CRIT']);
    expect(mail.sent).toHaveLength(1);
    expect(chat.sent[0]!.key).not.toBe(mail.sent[0]!.key);
    expect((await outboxRows(store)).map((r) => r.state)).toEqual(['sent', 'sent']);
    await store.close();
  });

  it('retries a transient failure with exponential backoff, honouring Retry-After', async () => {
    const store = await openStore(await backend.fresh('backoff'));
    await put(store, 'e1');
    const chat = recorder('chat', (_m, n) =>
      n === 0
        ? new NotifyError('503', { permanent: false })
        : n === 1
          ? new NotifyError('429', { permanent: false, retryAfterSec: 600 })
          : undefined,
    );
    const notifiers = new Map([['chat', chat.notifier]]);
    const go = (s: number) => deliver(store, notifiers, { worker: 'w', now: () => sec(s) });
    expect((await go(0)).retried).toBe(1);
    let [row] = await outboxRows(store);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_error: '503' });
    expect(row!.next_attempt_at).toBe(sec(30).getTime());
    expect((await go(29)).retried).toBe(0); // not before the backoff
    expect((await go(30)).retried).toBe(1);
    [row] = await outboxRows(store);
    expect(row!.next_attempt_at).toBe(sec(630).getTime()); // 600 s asked > 60 s backoff
    expect((await outboxStats(store, sec(100))).notifiers[0]).toMatchObject({
      notifier: 'chat',
      consecutiveFailures: 2,
      lastError: '429',
    });
    expect((await go(629)).sent).toBe(0);
    expect((await go(630)).sent).toBe(1);
    expect(chat.sent).toHaveLength(1);
    const stats = await outboxStats(store, sec(700));
    expect(stats).toMatchObject({ pending: 0, failed: 0, oldestPendingSec: null });
    expect(stats.notifiers[0]!.consecutiveFailures).toBe(0);
    await store.close();
  });

  it('prunes old sent messages only, keeping failed and pending ones', async () => {
    const store = await openStore(await backend.fresh('prune'));
    await put(store, 'sent-one');
    const chat = recorder('chat');
    await deliver(store, new Map([['chat', chat.notifier]]), { worker: 'w', now: () => sec(10) });
    await put(store, 'pending-one', ['gone']);
    await store.conn.write((trx) =>
      trx.updateTable('outbox').set({ state: 'failed' }).where('notifier', '=', 'gone').execute(),
    );
    await put(store, 'pending-two', ['gone']);
    expect(await pruneOutbox(store, sec(10))).toBe(0); // sent at 10 s: not before 10 s
    expect(await pruneOutbox(store, sec(11))).toBe(1);
    expect((await outboxRows(store)).map((r) => r.state)).toEqual(['failed', 'pending']);
    await store.close();
  });

  it('keeps a permanent failure visible and never retries it', async () => {
    const store = await openStore(await backend.fresh('permanent'));
    await put(store, 'e1');
    const chat = recorder(
      'chat',
      () => new NotifyError('mattermost "chat": 404 unknown hook', { permanent: true }),
    );
    const notifiers = new Map([['chat', chat.notifier]]);
    expect((await deliver(store, notifiers, { worker: 'w', now: () => sec(1) })).failed).toBe(1);
    expect((await deliver(store, notifiers, { worker: 'w', now: () => sec(99_999) })).failed).toBe(0);
    const [row] = await outboxRows(store);
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: 'mattermost "chat": 404 unknown hook',
    });
    expect(await outboxStats(store, sec(10))).toMatchObject({ failed: 1, pending: 0 });
    await store.close();
  });

  it('takes over a claim whose sender died after the lease, with the same key', async () => {
    const store = await openStore(await backend.fresh('lease'));
    await put(store, 'e1');
    const first = await claimNext(store, 'crashed', sec(1));
    expect(first).toBeDefined();
    expect(await claimNext(store, 'other', sec(60))).toBeUndefined();
    expect(await outboxStats(store, sec(60))).toMatchObject({ sending: 1, oldestPendingSec: 60 });
    const again = await claimNext(store, 'other', new Date(sec(1).getTime() + LEASE_MS + 1));
    expect(again).toMatchObject({ id: first!.id, attempts: 2 });
    expect(again!.message.key).toBe(first!.message.key);
    await store.close();
  });

  it('leaves the messages of an unconfigured notifier pending, not lost', async () => {
    const store = await openStore(await backend.fresh('unconfigured'));
    await put(store, 'e1', ['old-chat']);
    const chat = recorder('chat');
    await deliver(store, new Map([['chat', chat.notifier]]), { worker: 'w', now: () => sec(5) });
    expect((await outboxRows(store))[0]!.state).toBe('pending');
    expect(await outboxStats(store, sec(5))).toMatchObject({ pending: 1, oldestPendingSec: 5 });
    await store.close();
  });

  it('delivers to a real Mattermost-like hook with the key in props and header, the same on retry', async () => {
    const store = await openStore(await backend.fresh('http'));
    await put(store, 'e1');
    const cfg = MattermostNotifier.parse({ name: 'chat', type: 'mattermost', url: `${http.url}/hooks/abc` });
    const notifiers = new Map([['chat', createMattermost(cfg, {})]]);
    http.requests.length = 0;
    http.script({ status: 503, body: 'busy' });
    expect((await deliver(store, notifiers, { worker: 'w', now: () => sec(1) })).retried).toBe(1);
    expect((await deliver(store, notifiers, { worker: 'w', now: () => sec(40) })).sent).toBe(1);
    const [row] = await outboxRows(store);
    expect(http.requests).toHaveLength(2);
    for (const req of http.requests) {
      expect(req.headers['idempotency-key']).toBe(row!.key);
      expect(req.json).toMatchObject({
        props: { ronde_key: row!.key },
        text: expect.stringContaining('disk'),
      });
    }
    expect(row!.state).toBe('sent');
    await store.close();
  });

  it('a crash after the receiver accepted re-sends once, with the same key', async () => {
    const store = await openStore(await backend.fresh('crash'));
    await put(store, 'e1');
    const cfg = MattermostNotifier.parse({ name: 'chat', type: 'mattermost', url: `${http.url}/hooks/abc` });
    const chat = createMattermost(cfg, {});
    http.requests.length = 0;
    // The sender claims and sends, the receiver accepts, and the sender dies before recording it.
    const claimed = await claimNext(store, 'dying', sec(1));
    await chat.send(claimed!.message, {});
    const notifiers = new Map([['chat', chat]]);
    expect((await deliver(store, notifiers, { worker: 'next', now: () => sec(60) })).sent).toBe(0);
    const later = () => new Date(sec(1).getTime() + LEASE_MS + 1000);
    expect((await deliver(store, notifiers, { worker: 'next', now: later })).sent).toBe(1);
    expect((await deliver(store, notifiers, { worker: 'next', now: later })).sent).toBe(0);
    const keys = http.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([claimed!.message.key, claimed!.message.key]);
    await store.close();
  });
});
