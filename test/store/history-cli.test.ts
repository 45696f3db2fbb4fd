import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCommand } from '../../src/cli/history.js';
import { openStore } from '../../src/store/db.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import { result, round } from './helpers.js';

const now = new Date('2025-03-10T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('ronde history', () => {
  let dir = '';
  let loc: DatabaseLocation;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ronde-history-'));
    loc = { kind: 'sqlite', path: join(dir, 'ronde.db') };
    const store = await openStore(loc);
    const rounds = [
      [10, 'OK', 'OK'],
      [5, 'OK', 'CRIT'],
      [3, 'WARN', 'CRIT'],
      [1, 'WARN', 'OK'],
    ] as const;
    for (const [d, disk, backup] of rounds) {
      await store.saveRound(round(daysAgo(d)), [
        result('system.disk', 'web1', disk, daysAgo(d)),
        result('backup.age', 'db1', backup, daysAgo(d)),
      ]);
    }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let zone = 'UTC';
  async function history(...args: string[]): Promise<string> {
    let out = '';
    const cmd = historyCommand({
      openStore: () => openStore(loc),
      write: (s) => (out += s),
      now: () => now,
      timeZone: () => zone,
    });
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    return out;
  }

  it('prints the changes as a table, newest first, not every result', async () => {
    expect((await history()).split('\n')).toEqual([
      'TIME                  TARGET  CHECK        CHANGE     SUMMARY',
      '2025-03-09 12:00 UTC  db1     backup.age   CRIT → OK  backup.age on db1 is OK',
      '2025-03-07 12:00 UTC  web1    system.disk  OK → WARN  system.disk on web1 is WARN',
      '2025-03-05 12:00 UTC  db1     backup.age   OK → CRIT  backup.age on db1 is CRIT',
      // Same instant: the later-saved result first.
      '2025-02-28 12:00 UTC  db1     backup.age   new → OK   backup.age on db1 is OK',
      '2025-02-28 12:00 UTC  web1    system.disk  new → OK   system.disk on web1 is OK',
      '',
    ]);
  });

  it('shows times in the configured zone, labelled', async () => {
    zone = 'Europe/Paris';
    try {
      expect((await history('--limit', '1')).split('\n')[1]).toMatch(/^2025-03-09 13:00 CET {2}db1/);
    } finally {
      zone = 'UTC';
    }
  });

  it('filters by check, target, --since and --limit', async () => {
    const lines = (s: string) => s.trim().split('\n').slice(1);
    expect(lines(await history('backup.age'))).toHaveLength(3);
    expect(lines(await history('backup.age', 'web1'))).toEqual([]);
    expect(await history('backup.age', 'web1')).toBe('No status change recorded.\n');
    expect(lines(await history('--since', '4d')).map((l) => l.slice(0, 16))).toEqual([
      '2025-03-09 12:00',
      '2025-03-07 12:00',
    ]);
    expect(lines(await history('--since', '2025-03-06'))).toHaveLength(2);
    expect(lines(await history('--limit', '1'))).toHaveLength(1);
  });

  it('prints JSON with ISO times and null for the first status', async () => {
    const doc = JSON.parse(await history('system.disk', 'web1', '--json'));
    expect(doc).toEqual({
      version: 1,
      changes: [
        {
          at: daysAgo(3).toISOString(),
          check: 'system.disk',
          target: 'web1',
          from: 'OK',
          to: 'WARN',
          summary: expect.any(String),
        },
        {
          at: daysAgo(10).toISOString(),
          check: 'system.disk',
          target: 'web1',
          from: null,
          to: 'OK',
          summary: expect.any(String),
        },
      ],
    });
  });

  it('refuses a bad --limit or --since with a usage error', async () => {
    await expect(history('--limit', '0')).rejects.toMatchObject({ exitCode: 64 });
    await expect(history('--since', 'yesterday')).rejects.toThrow(/--since: expected a duration/);
  });
});
