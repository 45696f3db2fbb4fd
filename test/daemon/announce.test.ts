import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseOrphanClaims } from '../../src/daemon/announcer.js';
import { enqueue } from '../../src/notify/outbox.js';
import { openStore } from '../../src/store/db.js';
import { CLI, ronde, tempDir } from '../cli/run-cli.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

async function waitFor(cond: () => boolean, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ronde serve speaks, ronde check and ronde routines show ronde.self', () => {
  let http: HttpCapture;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    http = await startHttpCapture();
    dir = tempDir('ronde-announce-');
    config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      [
        `database: { path: ${join(dir, 'ronde.db')} }`,
        'hosts: [{ name: self, local: true }]',
        // ronde.self presumes the daemon stopped after 3 intervals without a round: with 2s, a
        // loaded machine took longer than 6 s between the daemon's last round and \`ronde check\`.
        'checks: [{ kind: system.disk, interval: 1h }]',
        'team: [{ name: alice }]',
        'routines:',
        '  - { id: backups, title: Check the backups, every: 1w, checklist: [Look at the dumps] }',
        'notifiers: [{ name: chat, type: mattermost, url: "${env:HOOK}" }]',
        'notify: { digest: false }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await http.close();
  });

  it('the first-run summary names the routines to do', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: dir, HOOK: `${http.url}/hooks/x` },
    });
    let logs = '';
    child.stdout.on('data', (c) => {
      logs += c;
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await http.waitForRequests(1, 60_000);
      // The next test needs a saved daemon round: wait for it, not for time to pass.
      await waitFor(
        () => logs.includes('"notifications delivered"') && logs.includes('"round saved"'),
        60_000,
        () => logs,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(http.requests).toHaveLength(1);
    const text = (http.requests[0]!.json as { text: string }).text;
    expect(text).toMatch(/Routines to do:\n- Check the backups — due \(never done yet\)/);
  }, 150_000);

  it('ronde check adds ronde.self on target ronde, OK right after a daemon round', () => {
    const r = ronde(['check', '--config', config, '--json'], { HOME: dir });
    const doc = JSON.parse(r.stdout) as {
      targets: { name: string; results: { kind: string; status: string; summary: string }[] }[];
    };
    const self = doc.targets.find((t) => t.name === 'ronde')?.results[0];
    expect(self).toMatchObject({ kind: 'ronde.self', status: 'OK' });
    expect(self!.summary).toMatch(/^last daemon round \d+ (s|min) ago, outbox empty$/);
    // A host or check filter asks for something else: no ronde.self then.
    const only = JSON.parse(ronde(['check', '--config', config, '--json', 'self'], { HOME: dir }).stdout);
    expect(only.targets.map((t: { name: string }) => t.name)).toEqual(['self']);
  }, 120_000);

  it('ronde routines ends with a ronde.self line when the daemon is missing', () => {
    const fresh = tempDir('ronde-announce-');
    const cfg = join(fresh, 'ronde.yaml');
    writeFileSync(
      cfg,
      `database: { path: ${join(fresh, 'ronde.db')} }\nroutines:\n  - { id: backups, title: Check the backups, every: 1w }\n`,
    );
    const r = ronde(['routines', '--config', cfg], { HOME: fresh });
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      'ronde.self UNKNOWN: no daemon round yet: notifiers and routines need `ronde serve` running',
    );
  });
});

describe('releaseOrphanClaims', () => {
  it("releases this host's dead or own-id claims, never a live process's or another host's", async () => {
    const store = await openStore({ kind: 'sqlite', path: join(tempDir('ronde-claims-'), 'ronde.db') });
    const now = new Date('2025-03-03T10:00:00Z');
    const claims = ['web:100', 'web:200', 'web:300', 'db:100', 'web-2:100'];
    await store.conn.write(async (trx) => {
      for (const [i, by] of claims.entries()) {
        await enqueue(
          trx,
          `e${i}`,
          { event: 'test', title: 't', text: 't' },
          { notifierNames: ['chat'] },
          now,
        );
        await trx
          .updateTable('outbox')
          .set({ state: 'sending', claimed_by: by, claimed_at: now.getTime() })
          .where('id', '=', i + 1)
          .execute();
      }
    });
    // We are web:300 (a restarted PID 1 looks like that); 200 is alive, 100 is dead.
    const alive = (pid: number) => pid === 200 || pid === 300;
    expect(await releaseOrphanClaims(store, 'web:300', now, alive)).toBe(2);
    const rows = await store.conn.db
      .selectFrom('outbox')
      .select(['claimed_by', 'state'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.state)).toEqual(['pending', 'sending', 'pending', 'sending', 'sending']);
    await store.close();
  });
});
