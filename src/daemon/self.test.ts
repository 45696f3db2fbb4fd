import { describe, expect, it } from 'vitest';
import { judgeSelf, type SelfFacts } from './self.js';

const now = new Date('2025-03-03T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function facts(over: Partial<SelfFacts> = {}): SelfFacts {
  return {
    now,
    notifiers: ['chat'],
    routines: 1,
    shortestIntervalSec: 300,
    lastDaemonRoundAt: minutesAgo(2),
    pending: 0,
    failed: 0,
    oldestPendingSec: null,
    failing: [],
    failingAfter: 3,
    ...over,
  };
}

describe('ronde.self', () => {
  it('is OK while the daemon runs rounds and the outbox drains', () => {
    expect(judgeSelf(facts())).toMatchObject({
      status: 'OK',
      summary: 'last daemon round 2 min ago, outbox empty',
    });
    expect(judgeSelf(facts(), 'fr').summary).toBe('dernière ronde du démon il y a 2 min, file d’envoi vide');
  });

  it('names a notifier failing N times in a row as CRIT, not one that failed fewer times', () => {
    const failing = [
      { notifier: 'chat', consecutiveFailures: 3, lastError: 'mattermost "chat": HTTP 503' },
      { notifier: 'mail', consecutiveFailures: 2, lastError: 'timeout' },
    ];
    const out = judgeSelf(facts({ failing, notifiers: ['chat', 'mail'] }));
    expect(out.status).toBe('CRIT');
    expect(out.reasons).toEqual(['notifier chat failed 3 times in a row: mattermost "chat": HTTP 503']);
  });

  it('is CRIT while a message has failed for good, naming it and what to do', () => {
    const oldestFailed = { id: 12, notifier: 'chat', lastError: 'webhook "chat": HTTP 404' };
    const out = judgeSelf(facts({ failed: 2, oldestFailed }));
    expect(out.status).toBe('CRIT');
    expect(out.summary).toBe(
      '2 messages failed and will not be sent (#12 to chat: webhook "chat": HTTP 404): see `ronde outbox`, then retry or drop',
    );
    expect(judgeSelf(facts({ failed: 2, oldestFailed }), 'fr').summary).toBe(
      '2 messages en échec, envoi abandonné (n° 12 vers chat : webhook "chat": HTTP 404) : voir `ronde outbox`, puis relancer ou abandonner',
    );
    expect(judgeSelf(facts({ failed: 0, oldestFailed: null })).status).toBe('OK');
  });

  it('warns when a message has waited more than an hour', () => {
    expect(judgeSelf(facts({ pending: 4, oldestPendingSec: 3599 })).status).toBe('OK');
    const out = judgeSelf(facts({ pending: 4, oldestPendingSec: 2 * 3600 }));
    expect(out).toMatchObject({ status: 'WARN', summary: '4 messages not delivered, the oldest for 2 h' });
  });

  it('is CRIT when the daemon missed 3 of its shortest intervals', () => {
    expect(judgeSelf(facts({ lastDaemonRoundAt: minutesAgo(14) })).status).toBe('OK');
    const out = judgeSelf(facts({ lastDaemonRoundAt: minutesAgo(16) }));
    expect(out.status).toBe('CRIT');
    expect(out.summary).toMatch(/^ronde serve is not running rounds: the last one ended 16 min ago/);
  });

  it('is UNKNOWN before any daemon round only when something depends on the daemon', () => {
    expect(judgeSelf(facts({ lastDaemonRoundAt: null }))).toMatchObject({
      status: 'UNKNOWN',
      summary: expect.stringMatching(/^no daemon round yet/),
    });
    const unused = judgeSelf(facts({ lastDaemonRoundAt: null, notifiers: [], routines: 0 }));
    expect(unused).toMatchObject({ status: 'OK', notApplicable: true });
  });

  it('inside the daemon, ignores staleness: its own round is the evidence', () => {
    expect(judgeSelf(facts({ lastDaemonRoundAt: null, inDaemon: true })).status).toBe('OK');
  });

  it('reports every problem, the worst first in status', () => {
    const out = judgeSelf(
      facts({
        pending: 1,
        oldestPendingSec: 7200,
        failing: [{ notifier: 'chat', consecutiveFailures: 9, lastError: null }],
      }),
    );
    expect(out.status).toBe('CRIT');
    expect(out.reasons).toHaveLength(2);
    expect(out.summary).toMatch(/\(and 1 more\)$/);
  });

  it('scale-out: CRIT when rounds have waited in the queue longer than the job expiry (no worker takes them)', () => {
    const queue = { waiting: 3, oldestWaitingSec: 600, expireSec: 300 };
    const out = judgeSelf(facts({ inDaemon: true, queue }));
    expect(out).toMatchObject({
      status: 'CRIT',
      summary: '3 rounds wait for a worker, the oldest for 10 min: are the workers running?',
    });
    expect(judgeSelf(facts({ inDaemon: true, queue }), 'fr').summary).toBe(
      '3 rondes attendent un worker, la plus ancienne depuis 10 min : les workers tournent-ils ?',
    );
    // Waiting less than the expiry is a queue doing its job.
    expect(judgeSelf(facts({ inDaemon: true, queue: { ...queue, oldestWaitingSec: 200 } })).status).toBe(
      'OK',
    );
    expect(
      judgeSelf(facts({ inDaemon: true, queue: { ...queue, waiting: 0, oldestWaitingSec: null } })).status,
    ).toBe('OK');
  });
});
