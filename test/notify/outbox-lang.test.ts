import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, enqueue, outboxStats } from '../../src/notify/outbox.js';
import { describeUnresolved, unresolvedNotifierSecrets } from '../../src/notify/preflight.js';
import { WebhookNotifier } from '../../src/notify/schema.js';
import { createWebhook } from '../../src/notify/webhook.js';
import { openStore } from '../../src/store/db.js';
import { englishWords } from '../helpers/english.js';
import { sqliteBackend } from '../store/helpers.js';
import { at, outboxRows } from './outbox-helpers.js';

/** A port on our loopback where nothing listens (bound, then closed). */
async function closedPort(host: string): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, host, ok));
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

describe("why a message was not sent, in the team's language", () => {
  const backend = sqliteBackend();
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('a send that keeps failing: last_error (ronde outbox, ronde.self) in French, the log in English', async () => {
    const store = await openStore(await backend.fresh('lang'));
    const port = await closedPort('127.0.70.3');
    const hook = createWebhook(
      WebhookNotifier.parse({
        type: 'webhook',
        name: 'hook',
        url: `http://127.0.70.3:${port}/x`,
        timeout: '5s',
      }),
    );
    await store.conn.write((trx) =>
      enqueue(
        trx,
        'e1',
        { event: 'check.problem', title: 'web1', text: 'x' },
        { notifierNames: ['hook'] },
        at(0),
      ),
    );
    const logged: string[] = [];
    const report = await deliver(store, new Map([['hook', hook]]), {
      worker: 'w',
      now: () => at(1),
      maxAttempts: 1,
      lang: 'fr',
      onFailure: (f) => logged.push(f.error),
    });
    expect(report.failed).toBe(1);
    const [row] = await outboxRows(store);
    expect(row?.last_error).toBe(
      'abandonné après 1 tentative : webhook "hook" : impossible de joindre le destinataire (ECONNREFUSED)',
    );
    expect(englishWords(row?.last_error ?? '')).toEqual([]);
    expect((await outboxStats(store, at(2))).oldestFailed?.lastError).toBe(row?.last_error);
    expect(logged).toEqual(['webhook "hook": cannot reach the receiver (ECONNREFUSED)']);
    await store.close();
  });

  it("preflight: a notifier's missing secret named in French", () => {
    const [u] = unresolvedNotifierSecrets(
      [WebhookNotifier.parse({ type: 'webhook', name: 'hook', url: '${env:RONDE_NO_SUCH_HOOK}' })],
      {},
    );
    expect(describeUnresolved(u!, 'fr')).toBe(
      'notificateur « hook » (url) : secret ${env:RONDE_NO_SUCH_HOOK} : la variable d’environnement RONDE_NO_SUCH_HOOK n’est pas définie',
    );
    expect(describeUnresolved(u!)).toBe(
      'notifier "hook" (url): secret ${env:RONDE_NO_SUCH_HOOK}: environment variable RONDE_NO_SUCH_HOOK is not set',
    );
  });
});
