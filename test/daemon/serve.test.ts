import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { CLI, tempDir } from '../cli/run-cli.js';

describe('ronde serve', () => {
  it('runs checks on schedule, answers /healthz, and stops on SIGTERM within 10 s with rounds saved', async () => {
    const dir = tempDir();
    const db = join(dir, 'ronde.db');
    const config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      `database: { path: ${db} }\nhosts:\n  - { name: self, local: true }\nchecks:\n  - { kind: system.disk, interval: 2s }\n`,
    );
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--config', config, '--listen', `127.0.0.1:${port}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let logs = '';
    child.stdout.on('data', (c) => {
      logs += c;
    });
    child.stderr.on('data', (c) => {
      logs += c;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitFor(
        () => (logs.match(/"round saved"/g) ?? []).length >= 2,
        60_000,
        () => logs,
      );
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', jobs: 1 });
    } finally {
      const t0 = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(code).toBe(0);
    }
    const store = await openStore({ kind: 'sqlite', path: db });
    const rounds = await store.rounds({ limit: 10 });
    await store.close();
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds.every((r) => r.trigger === 'daemon')).toBe(true);
    // JSON lines, one object per line (pino)
    for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  }, 120_000);
});

async function waitFor(cond: () => boolean, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; output so far:\n${why()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
