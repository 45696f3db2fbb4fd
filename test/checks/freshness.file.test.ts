import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshnessFile } from '../../src/checks/freshness/file.js';
import type { AnyCheckKind, CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';

const HOUR = 3600_000;
const dir = mkdtempSync(join(tmpdir(), 'ronde-fresh-'));
const servers: Server[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function check(kind: AnyCheckKind, options: Record<string, unknown>): Promise<CheckResult> {
  const { results } = await runRound([
    {
      target: new LocalTarget('here'),
      checks: [{ instance: 'f', kind, options: kind.options.parse(options), timeoutSec: 30, explicit: true }],
    },
  ]);
  return results[0]!;
}

describe('freshness.file', () => {
  const file = join(dir, 'daily.png');
  const age = (hours: number) => {
    writeFileSync(file, 'png');
    // Half a minute more, so the whole-second host clock cannot make it read a minute short.
    const t = Math.floor((Date.now() - hours * HOUR) / 1000) - 30;
    utimesSync(file, t, t);
  };

  it('is OK for yesterday’s graph, WARN after warn_age, CRIT after max_age', async () => {
    age(20);
    expect(await check(freshnessFile, { path: file, max_age: '26h' })).toMatchObject({
      status: 'OK',
      summary: `${file} modified 20h ago`,
    });
    age(30);
    expect((await check(freshnessFile, { path: file, max_age: '2d', warn_age: '26h' })).status).toBe('WARN');
    expect(await check(freshnessFile, { path: file, max_age: '26h' })).toMatchObject({
      status: 'CRIT',
      summary: `${file} modified 1d 6h ago (max 1d 2h)`,
    });
  });

  it('is CRIT when the file is missing and WARN when it is dated in the future', async () => {
    expect(await check(freshnessFile, { path: join(dir, 'nope') })).toMatchObject({
      status: 'CRIT',
      summary: `no such file: ${join(dir, 'nope')}`,
    });
    age(-5);
    expect((await check(freshnessFile, { path: file })).summary).toMatch(
      /is dated (4h 59m|5h) in the future/,
    );
  });
});
