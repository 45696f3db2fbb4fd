import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupBorg } from '../../src/checks/backup/borg/index.js';
import type { CheckResult } from '../../src/core/check.js';
import { type PlannedCheck, runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';

const PASSPHRASE = 'ronde-Borg-passphrase-4f9c2e';
const root = mkdtempSync(join(tmpdir(), 'ronde-borg-'));
// borg keeps its keys, security notes and cache under BORG_BASE_DIR: keep the tests' apart.
process.env.BORG_BASE_DIR = join(root, 'base');
const passFile = join(root, 'borg.pass');
const wrongFile = join(root, 'wrong.pass');
const data = join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function borg(args: string[]): void {
  execFileSync('borg', args, {
    env: { ...process.env, BORG_PASSCOMMAND: `cat ${passFile}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** A repository with one archive per entry: [name, age in hours, bytes of random data]. */
function repo(name: string, archives: [string, number, number][]): string {
  const path = join(root, name);
  borg(['init', '-e', 'repokey', path]);
  for (const [archive, hours, bytes] of archives) {
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    writeFileSync(join(data, 'payload'), randomBytes(bytes));
    const at = new Date(Date.now() - hours * 3_600_000).toISOString().slice(0, 19);
    borg(['create', '--timestamp', at, `${path}::${archive}`, data]);
  }
  return path;
}

async function check(
  options: Record<string, unknown>,
  previous?: PlannedCheck['previous'],
): Promise<CheckResult> {
  const parsed = backupBorg.options.parse({ password_file: passFile, ...options });
  const { results } = await runRound([
    {
      target: new LocalTarget('here'),
      checks: [
        {
          instance: 'b',
          kind: backupBorg,
          options: parsed,
          timeoutSec: 120,
          explicit: true,
          ...(previous ? { previous } : {}),
        },
      ],
    },
  ]);
  return results[0]!;
}

let healthy: string;
beforeAll(() => {
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  writeFileSync(wrongFile, 'not-the-passphrase\n', { mode: 0o600 });
  healthy = repo('healthy', [
    ['web1-old', 50, 200_000],
    ['web1-new', 2, 210_000],
  ]);
}, 60_000);

describe('backup.borg on real repositories (borg 1.2)', () => {
  it('is OK for a fresh archive, and the passphrase appears in no result, evidence or command line', async () => {
    const r = await check({ repository: healthy });
    expect(r.status).toBe('OK');
    expect(r.summary).toMatch(/^newest archive web1-new is 2h( \d+m)? old$/);
    expect(r.details).toMatchObject({ archive: { name: 'web1-new', size: 210_000, files: 1 } });
    // The first round asked borg for the previous sizes too.
    expect((r.details!.history as { id: string }[]).map((e) => e.id)).toEqual(['web1-new', 'web1-old']);
    expect(r.evidence[0]!.command).toContain(`'BORG_PASSCOMMAND=cat '\\''${passFile}'\\'''`);
    expect(JSON.stringify(r)).not.toContain(PASSPHRASE);
  });

  it('goes WARN then CRIT as the newest archive ages past 1.5× and 2× the cadence', async () => {
    const opts = { repository: healthy, glob: 'web1-old' };
    // A remembered (empty) history: no first-round size query, one borg run per check.
    const seen = { status: 'OK' as const, summary: '', details: { history: [] }, startedAt: '' };
    expect((await check({ ...opts, cadence: '1d' }, seen)).status).toBe('CRIT');
    const warn = await check({ ...opts, cadence: '30h' }, seen);
    expect(warn).toMatchObject({
      status: 'WARN',
      reasons: ['newest archive web1-old is 2d 2h old (cadence 1d 6h)'],
    });
    expect((await check({ ...opts, cadence: '2d' }, seen)).status).toBe('OK');
    expect((await check({ repository: healthy, prefix: 'db-' })).summary).toBe(
      `no archive matching db-* in ${healthy}`,
    );
  });

  it('is CRIT when the newest archive is much smaller than the previous ones', async () => {
    const path = repo('shrunk', [
      ['a', 72, 300_000],
      ['b', 48, 310_000],
      ['c', 1, 60_000],
    ]);
    const r = await check({ repository: path });
    expect(r.status).toBe('CRIT');
    expect(r.reasons).toEqual([
      'newest backup is 59 KiB, 80% smaller than the median 298 KiB of the previous 2',
    ]);
    // A later round keeps the remembered history instead of asking borg again.
    const again = await check(
      { repository: path },
      { status: r.status, details: r.details!, startedAt: r.startedAt, summary: r.summary },
    );
    expect(again.evidence).toHaveLength(2);
    expect(again.status).toBe('CRIT');
  });

  it('is CRIT for an empty repository and for a missing one', async () => {
    const empty = repo('empty', []);
    expect(await check({ repository: empty })).toMatchObject({
      status: 'CRIT',
      summary: `no archive in ${empty}`,
    });
    const missing = join(root, 'nope');
    expect(await check({ repository: missing })).toMatchObject({
      status: 'CRIT',
      summary: `Repository ${missing} does not exist.`,
    });
  });

  it('is UNKNOWN with borg’s message for a wrong passphrase, never the passphrase', async () => {
    const r = await check({ repository: healthy, password_file: wrongFile });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(
      /^wrong passphrase: passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND/,
    );
    expect(JSON.stringify(r)).not.toContain('not-the-passphrase');
    const none = await check({ repository: healthy, password_file: undefined });
    expect(none.summary).toMatch(/^wrong passphrase/); // no passphrase given: borg never prompts
  });

  it('is UNKNOWN while another borg holds the repository lock', async () => {
    // The holder says when it has the lock (a fixed sleep raced borg's start on a loaded machine),
    // and keeps it far longer than the check can take; its process group is ended after.
    const held = join(root, 'lock-held');
    const holder: ChildProcess = spawn(
      'borg',
      ['with-lock', healthy, 'sh', '-c', `touch ${held} && exec sleep 600`],
      { env: { ...process.env, BORG_PASSCOMMAND: `cat ${passFile}` }, stdio: 'ignore', detached: true },
    );
    try {
      const until = Date.now() + 60_000;
      while (!existsSync(held)) {
        if (holder.exitCode !== null || Date.now() > until)
          throw new Error('borg with-lock did not take the lock');
        await new Promise((r) => setTimeout(r, 50));
      }
      const r = await check({ repository: healthy });
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toMatch(/^repository locked .*Failed to create\/acquire the lock/);
    } finally {
      process.kill(-holder.pid!, 'SIGTERM');
    }
  }, 120_000);

  it('with check: passes a sound repository and is CRIT for a damaged one', async () => {
    const path = repo('damaged', [['x', 1, 100_000]]);
    const ok = await check({ repository: path, check: true });
    expect(ok).toMatchObject({ status: 'OK', details: { check: 'ok' } });
    expect(ok.evidence[2]!.command).toMatch(/ borg --log-json check --repository-only /);
    const segments = join(path, 'data', '0');
    const biggest = readdirSync(segments)
      .sort((a, b) => Number(b) - Number(a))
      .at(-1)!;
    truncateSync(join(segments, biggest), 5_000);
    const bad = await check({ repository: path, check: true });
    expect(bad.status).toBe('CRIT');
    expect(bad.reasons!.some((w) => w.startsWith('borg check failed'))).toBe(true);
  }, 60_000);
});
