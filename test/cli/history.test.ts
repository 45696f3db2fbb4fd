import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';
import { ronde, tempDir } from './run-cli.js';

/** Two runs, then `ronde history` shows them — on the default SQLite store and on PostgreSQL. */
describe.each(['sqlite', 'postgres'] as const)('ronde history after two runs (%s)', (backend) => {
  let pg: PostgresLab | undefined;
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const env: Record<string, string> = { XDG_DATA_HOME: join(dir, 'data') };

  beforeAll(async () => {
    let database = '';
    if (backend === 'postgres') {
      pg = await startPostgres();
      const url = new URL(pg.url);
      // The lab trusts local connections; a password still goes through a secret
      // reference, as users are told to do, and must never be printed.
      env.PGPASS = `lab-secret-${process.pid}`;
      url.password = '';
      database = `database: { url: "${url.toString().replace('@', ':${env:PGPASS}@')}" }\n`;
    }
    writeFileSync(
      config,
      `${database}hosts:\n  - { name: box, local: true }\nchecks:\n  - { kind: system.disk }\n  - { kind: system.disk, name: disk-strict, options: { warn_pct: 1, crit_pct: 2 } }\n`,
    );
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('records every run and lists the status changes, not every identical result', () => {
    const first = ronde(['check', '--config', config, '--json'], env);
    const second = ronde(['check', '--config', config, '--json'], env);
    expect(JSON.parse(first.stdout).round, first.stderr).toBeGreaterThan(0);
    expect(JSON.parse(second.stdout).round).toBeGreaterThan(JSON.parse(first.stdout).round);
    const h = ronde(['history', '--config', config, '--json'], env);
    expect(h.code, h.stderr).toBe(0);
    const doc = JSON.parse(h.stdout);
    const changes = doc.changes.filter((c: { target: string }) => c.target === 'box');
    // Two checks seen for the first time; the second, identical run adds no change.
    expect(changes.map((c: { check: string }) => c.check).sort()).toEqual(['disk-strict', 'system.disk']);
    expect(changes.every((c: { from: string | null }) => c.from === null)).toBe(true);
    const strict = changes.find((c: { check: string }) => c.check === 'disk-strict');
    expect(strict.to).toBe('CRIT'); // any real filesystem is above 2 %
    const text = ronde(['history', '--config', config, 'disk-strict'], env);
    expect(text.stdout).toMatch(/box\s+disk-strict\s+new → CRIT/);
    if (env.PGPASS) {
      expect(first.stdout + first.stderr + h.stdout + text.stdout).not.toContain(env.PGPASS);
    }
  }, 120_000);
});
