import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsRotation } from '../../src/checks/credentials/rotation/index.js';
import type { CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { autoComplete } from '../../src/routines/auto.js';
import { listSignoffs } from '../../src/routines/repo.js';
import { Routine } from '../../src/routines/schema.js';
import { openStore } from '../../src/store/db.js';
import { LocalTarget } from '../../src/targets/local.js';
import { makePassStore, type PassStore } from '../lab/pass-store.js';
import { round, sqliteBackend } from '../store/helpers.js';

// A real password store (pass + git + gpg keys made here) with backdated commits.
const DAY = 86_400_000;
const SEVEN_MONTHS_AGO = new Date(Date.now() - 213 * DAY);
const LAST_MONTH = new Date(Date.now() - 30 * DAY);
const SECRET = 'root-pw-never-shown';

let store: PassStore;
beforeAll(() => {
  store = makePassStore();
  store.init([store.addKey('Alice Admin', 'alice@lab.test')]);
  store.insert('root/web1', `${SECRET}-1`, SEVEN_MONTHS_AGO);
  store.insert('root/db1', `${SECRET}-2`, LAST_MONTH);
  store.insert('services/gitlab/admin', `${SECRET}-3`, LAST_MONTH);
  store.insert('personal/alice', 'not critical', SEVEN_MONTHS_AGO);
});
afterAll(() => store?.stop());

async function check(options: Record<string, unknown>, now?: Date): Promise<CheckResult> {
  const { results } = await runRound(
    [
      {
        target: new LocalTarget('vault'),
        checks: [
          {
            instance: 'rotation',
            kind: credentialsRotation,
            options: credentialsRotation.options.parse({ store: store.dir, ...options }),
            timeoutSec: 60,
            explicit: true,
          },
        ],
      },
    ],
    now ? { now: () => now } : {},
  );
  return results[0]!;
}

describe('credentials.rotation on a real password store', () => {
  it('WARNs for the entry changed seven months ago, and only the critical ones count', async () => {
    const r = await check({ entries: ['root/*', 'services/**/admin'] });
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe(
      '1 of 3 critical entries not changed for over 183 days (oldest: root/web1, 213 days)',
    );
    expect(r.reasons).toEqual([
      `root/web1: last changed ${SEVEN_MONTHS_AGO.toISOString().slice(0, 10)}, 213 days ago (limit 183 days)`,
    ]);
    expect(r.details?.overdue).toEqual(['root/web1']);
    expect((r.details!.entries as { entry: string }[]).map((e) => e.entry)).toEqual([
      'root/web1',
      'root/db1',
      'services/gitlab/admin',
    ]);
    // Never decrypted: no content anywhere in the result or its evidence.
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('is OK once the entry is changed by a new commit, until the next one falls due', async () => {
    const other = makePassStore();
    try {
      other.init([other.addKey('Bob', 'bob@lab.test')]);
      other.insert('root/web1', 'old', SEVEN_MONTHS_AGO);
      const opts = { store: other.dir, entries: ['root/*'] };
      expect((await check(opts)).status).toBe('WARN');
      other.insert('root/web1', 'rotated');
      const r = await check(opts);
      expect(r.status).toBe('OK');
      expect(r.summary).toBe('1 critical entry changed within 183 days (oldest: root/web1, 0 days)');
    } finally {
      other.stop();
    }
  });

  it('honours max_age', async () => {
    const r = await check({ entries: ['root/*'], max_age: '20d' });
    expect(r.status).toBe('WARN');
    expect(r.details?.overdue).toEqual(['root/web1', 'root/db1']);
  });

  it('is UNKNOWN when no entry matches (a typo is not "all rotated")', async () => {
    const r = await check({ entries: ['roots/*'] });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toBe('no entry of the store matches roots/*');
  });

  it('is UNKNOWN, saying why, when the store is not a git repository', async () => {
    const r = await check({ store: `${store.gnupgHome}`, entries: ['root/*'] });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/git ls-files failed: exit 128, fatal: not a git repository/);
  });
});

describe('R11 completes itself when the overdue entry changes', () => {
  it('stays open while root/web1 is overdue, signs off (by ronde) after a new commit', async () => {
    const other = makePassStore();
    const backend = sqliteBackend();
    await backend.setup();
    const db = await openStore(await backend.fresh('r11'));
    try {
      other.init([other.addKey('Bob', 'bob@lab.test')]);
      other.insert('root/web1', 'old', SEVEN_MONTHS_AGO);
      const config = {
        timezone: 'UTC',
        hosts: [],
        routines: [
          Routine.parse({
            id: 'credential-rotation',
            title: 'Rotate the critical credentials',
            every: '6mo',
            checks: ['rotation'],
            done_when: 'checks_ok',
          }),
        ],
      };
      const opts = { store: other.dir, entries: ['root/*'] };
      const first = await check(opts);
      await db.saveRound(round(new Date(first.startedAt)), [{ ...first, check: 'rotation' }]);
      expect(await autoComplete(db, config, new Date())).toEqual([]);
      other.insert('root/web1', 'rotated');
      const second = await check(opts);
      expect(second.status).toBe('OK');
      await db.saveRound(round(new Date(second.startedAt)), [{ ...second, check: 'rotation' }]);
      expect(await autoComplete(db, config, new Date())).toEqual(['credential-rotation']);
      expect((await listSignoffs(db.conn.db))[0]).toMatchObject({
        routine: 'credential-rotation',
        by: 'ronde',
      });
    } finally {
      await db.close();
      await backend.teardown();
      other.stop();
    }
  });
});
