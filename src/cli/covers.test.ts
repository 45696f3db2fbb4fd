import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import { listAudit } from '../store/audit.js';
import { openStore } from '../store/db.js';
import { ackCommand, maintenanceCommand, silenceCommand } from './covers.js';
import type { SignoffDeps } from './done.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ronde-covers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = parseConfig(
  'team: [{ name: alice }]\nhosts: [{ name: web1 }]\nmaintenance:\n  - { name: sunday, cron: "0 3 * * sun", duration: 2h, host: web1 }\n',
  'ronde.yaml',
  registry,
  {},
);
const now = new Date('2026-03-01T03:30:00Z'); // a Sunday, inside the recurring window
const open = () => openStore({ kind: 'sqlite', path: join(dir, 'r.db') });

async function run(make: (d: SignoffDeps) => Command, args: string[]) {
  let out = '';
  const cmd = make({
    context: async () => ({ config, openStore: open }),
    write: (s) => (out += s),
    now: () => now,
    env: { RONDE_USER: 'alice' },
    gitUserName: () => undefined,
  });
  cmd.exitOverride();
  for (const c of cmd.commands) c.exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  return out;
}

it('ronde ack / silence / maintenance act like the page, audited as the member', async () => {
  const s = await open();
  await s.saveRound({ startedAt: now, finishedAt: now, trigger: 'cli', interrupted: false }, [
    {
      check: 'system.disk',
      kind: 'system.disk',
      target: 'web1',
      status: 'CRIT',
      summary: 'full',
      startedAt: now.toISOString(),
      durationMs: 1,
      evidence: [],
    },
  ]);
  await s.close();
  expect(await run(ackCommand, ['web1', 'system.disk', '-r', 'disk ordered, until Friday'])).toMatch(
    /Acknowledged #1: system.disk on web1 \(until it recovers\)/,
  );
  await expect(run(ackCommand, ['web1', 'system.disk'])).rejects.toThrow(/--reason is required/);
  expect(await run(silenceCommand, ['add', 'kind=apt.pending', '-r', 'noisy', '--for', '2h'])).toMatch(
    /Silence #1 on kind=apt.pending until/,
  );
  expect(
    await run(maintenanceCommand, ['start', 'host=web1', '-r', 'reboot', '--for', '1h', '--end-when-ok']),
  ).toMatch(/Maintenance #2/);
  const list = await run(maintenanceCommand, ['list']);
  expect(list).toContain('#2');
  expect(list).toContain('#config:sunday'); // the recurring one of ronde.yaml, open now
  expect(await run(maintenanceCommand, ['end', '2'])).toContain('Maintenance #2 ended.');
  await expect(run(maintenanceCommand, ['end', '2'])).rejects.toThrow(/no maintenance #2 in force/);
  await expect(run(silenceCommand, ['add', 'web1', '-r', 'x', '--for', '1h'])).rejects.toThrow(
    /expected host=NAME/,
  );
  const s2 = await open();
  const audit = await listAudit(s2.conn.db);
  await s2.close();
  expect(audit.map((a) => `${a.actor} ${a.action} ${a.subject}`)).toEqual([
    'alice maintenance.end #2',
    'alice maintenance.start #2 host=web1',
    'alice silence #1 kind=apt.pending',
    'alice ack web1/system.disk',
  ]);
  expect(audit[0]?.channel).toBe('cli');
});
