import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFiles } from '../../src/checks/backup/files/index.js';
import { runRound } from '../../src/core/runner.js';
import { recordDaemonRound } from '../../src/notify/announce.js';
import { openStore } from '../../src/store/db.js';
import { LocalTarget } from '../../src/targets/local.js';
import { tempDir } from '../cli/run-cli.js';
import { outboxRows } from '../notify/outbox-helpers.js';

/**
 * The seed's incident, replayed: the database dumps stop, and nobody looks for a
 * month. The round runs the real backup.files check on real files; time passes
 * by ageing the files (the check measures ages with the host's own clock).
 */
describe('backups stop for a month', () => {
  it('warns at 1.5× the cadence, goes CRIT at 2×, one message each, none after', async () => {
    const dir = tempDir();
    const dumps = join(dir, 'dumps');
    mkdirSync(dumps);
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
    const target = new LocalTarget('db1');
    const options = backupFiles.options.parse({ path: dumps, pattern: '*.sql.gz', cadence: '1d' });
    const hour = 3_600_000;
    const clock0 = Date.now();
    const statuses: string[] = [];
    // The last good dump is `lastDumpAge` old at each round (rounds every 6 h, for 30 days).
    for (let round = 0; round <= 30 * 4; round++) {
      const lastDumpAge = round * 6 * hour + hour; // off the exact thresholds
      for (let d = 0; d < 7; d++) {
        const file = join(dumps, `pad-${String(d).padStart(2, '0')}.sql.gz`);
        writeFileSync(file, Buffer.alloc(4096, d)); // same size every day: only age matters
        const mtime = (Date.now() - lastDumpAge - d * 24 * hour) / 1000;
        utimesSync(file, mtime, mtime);
      }
      const now = new Date(clock0 + lastDumpAge);
      const { results } = await runRound([
        {
          target,
          checks: [{ instance: 'dumps', kind: backupFiles, options, timeoutSec: 30, explicit: true }],
        },
      ]);
      statuses.push(results[0]!.status);
      await recordDaemonRound(
        store,
        { startedAt: now, finishedAt: now, trigger: 'daemon', interrupted: false },
        results,
        { now, damping: 2, routes: [], notifierNames: ['mattermost'] },
      );
    }
    // 1.5 d is passed at round 6, 2 d at round 8 (rounds every 6 h)
    expect(statuses.slice(0, 6).every((s) => s === 'OK')).toBe(true);
    expect(statuses.slice(6, 8)).toEqual(['WARN', 'WARN']);
    expect(statuses.slice(8).every((s) => s === 'CRIT')).toBe(true);

    const rows = await outboxRows(store);
    const about = rows.filter((r) => r.event !== 'summary');
    expect(rows.filter((r) => r.event === 'summary')).toHaveLength(1); // the first run's one summary
    expect(about.map((r) => r.event)).toEqual(['check.problem', 'check.problem']);
    expect(about[0]!.message.text).toMatch(/WARN/);
    expect(about[1]!.message.text).toMatch(/CRIT/);
    await store.close();
  }, 240_000);
});
