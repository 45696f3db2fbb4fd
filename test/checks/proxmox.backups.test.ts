import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proxmoxBackups } from '../../src/checks/proxmox/backups/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { FAKE_SECRET, FAKE_TOKEN_ID, type ProxmoxFake, startProxmoxFake } from '../fakes/proxmox-fake.js';

// The registered kind, over real HTTPS to a fake Proxmox API on 127.0.0.1.
let fake: ProxmoxFake;
const NOW = new Date('2025-03-05T12:00:00Z');
const at = (iso: string) => Date.parse(iso) / 1000;

beforeAll(async () => {
  fake = await startProxmoxFake();
  process.env.RONDE_TEST_PVE_TOKEN = FAKE_SECRET;
  process.env.RONDE_TEST_PVE_BAD = 'not-the-secret';
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function run(options: Record<string, unknown> = {}, now = NOW): Promise<CheckOutcome> {
  const o = proxmoxBackups.options.parse({
    url: fake.url,
    token_id: FAKE_TOKEN_ID,
    token: '${env:RONDE_TEST_PVE_TOKEN}',
    fingerprint: fake.fingerprint,
    ...options,
  });
  return Promise.resolve(
    proxmoxBackups.evaluate({
      lang: 'en',
      options: o,
      target: { name: 'pve1', transport: 'local' },
      outputs: [],
      now,
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

type Guest = { vmid: number; status: string; reasons: string[]; newest: { ctime: string } | null };
const guest = (r: CheckOutcome, vmid: number) =>
  ((r.details?.guests ?? []) as Guest[]).find((g) => g.vmid === vmid);

describe('proxmox.backups: TLS and authentication', () => {
  it('with the pinned fingerprint reads the cluster and says OK', async () => {
    const r = await run();
    expect(r.status).toBe('OK');
    expect(((r.details?.guests ?? []) as Guest[]).map((g) => g.vmid)).toEqual([100, 101, 200]); // template 9000 left out
    expect(guest(r, 101)?.newest?.ctime).toBe('2025-03-05T01:41:00Z');
    expect(r.summary).toMatch(/^3 guests backed up/);
    expect(fake.requests).toContain('/cluster/resources?type=vm');
    expect(
      fake.requests.some((p) => p.startsWith('/nodes/pve1/tasks?typefilter=vzdump&errors=1&since=')),
    ).toBe(true);
  });

  it('with a wrong fingerprint is UNKNOWN and sends nothing', async () => {
    const wrong = fake.fingerprint.replace(/^../, fake.fingerprint.startsWith('00') ? '11' : '00');
    const r = await run({ fingerprint: wrong });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toContain('certificate fingerprint mismatch');
    expect(fake.requests).toEqual([]);
    expect(fake.refused).toBe(0);
  });

  it('without fingerprint or CA refuses the self-signed certificate and shows its fingerprint', async () => {
    const r = await run({ fingerprint: undefined });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toContain('not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(r.summary).toContain(`fingerprint: ${fake.fingerprint}`);
    expect(fake.requests).toEqual([]);
  });

  it('trusts a ca_file holding the certificate, and refuses one holding another', async () => {
    expect((await run({ fingerprint: undefined, ca_file: fake.certFile })).status).toBe('OK');
    const other = await startProxmoxFake();
    try {
      const r = await run({ fingerprint: undefined, ca_file: other.certFile });
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toMatch(/not trusted/);
    } finally {
      await other.close();
    }
  });

  it('with a bad token is UNKNOWN, naming the token id but never a secret', async () => {
    const r = await run({ token: '${env:RONDE_TEST_PVE_BAD}' });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/authentication failed \(401: authentication failure\)/);
    expect(r.summary).toContain(FAKE_TOKEN_ID);
    expect(JSON.stringify(r)).not.toContain('not-the-secret');
    expect(fake.refused).toBeGreaterThan(0);
  });

  it('with an unset secret variable is UNKNOWN naming the reference', async () => {
    const r = await run({ token: '${env:RONDE_TEST_NO_SUCH_VAR}' });
    expect(r).toMatchObject({ status: 'UNKNOWN' });
    expect(r.summary).toContain('${env:RONDE_TEST_NO_SUCH_VAR}');
  });

  it('is UNKNOWN when the API does not answer (closed port, or a hang past request_timeout)', async () => {
    const closed = await run({ url: 'https://127.0.0.1:1' });
    expect(closed.status).toBe('UNKNOWN');
    expect(closed.summary).toMatch(/cannot connect to 127\.0\.0\.1:1: ECONNREFUSED/);
    fake.hangAll();
    const t0 = Date.now();
    const hung = await run({ request_timeout: '1s' });
    expect(hung.status).toBe('UNKNOWN');
    expect(hung.summary).toMatch(/no answer .* within 1 s/);
    // The 1 s asked for, not the 15 s default, with room for a loaded machine.
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('proxmox.backups: judging every guest', () => {
  it('ignores a template without backup but flags a new VM without any (CRIT)', async () => {
    fake.addGuest({ vmid: 9001, name: 'tmpl2', template: true });
    expect((await run()).status).toBe('OK');
    fake.addGuest({ vmid: 102, name: 'mail', node: 'pve2' });
    const r = await run();
    expect(r.status).toBe('CRIT');
    expect(guest(r, 102)?.reasons).toEqual(['no backup on local@pve1, local@pve2, pbs@pve1']);
    expect(r.summary).toMatch(/^1 of 4 guests: 102 mail \(no backup on/);
  });

  it('judges the newest backup age against the cadence (WARN at 1.5×, CRIT at 2×)', async () => {
    expect((await run({}, new Date('2025-03-06T14:00:00Z'))).status).toBe('WARN');
    const r = await run({}, new Date('2025-03-07T12:00:00Z'));
    expect(r.status).toBe('CRIT');
    expect(guest(r, 100)?.reasons[0]).toMatch(
      /^newest backup 2d 10h old \(2025-03-05T01:40:00Z, cadence 1d\)/,
    );
    expect((await run({ cadence: '7d' }, new Date('2025-03-07T12:00:00Z'))).status).toBe('OK');
  });

  it('flags a newest backup much smaller than the median of the previous ones', async () => {
    fake.addBackup({ vmid: 101, ctime: at('2025-03-05T11:00:00Z'), size: 3_500_000_000 });
    const warn = await run();
    expect(warn.status).toBe('WARN');
    expect(guest(warn, 101)?.reasons[0]).toMatch(/^newest backup 3\.3 GiB is 35% smaller than the median/);
    fake.addBackup({ vmid: 101, ctime: at('2025-03-05T11:30:00Z'), size: 1_000_000 });
    expect((await run()).status).toBe('CRIT');
  });

  it('is CRIT when the newest backup failed its verification', async () => {
    fake.failVerification('pbs:backup/ct/200/2025-03-05T01:20:00Z');
    const r = await run();
    expect(r.status).toBe('CRIT');
    expect(guest(r, 200)?.reasons).toEqual([
      'verification of the newest backup failed (pbs:backup/ct/200/2025-03-05T01:20:00Z)',
    ]);
  });

  it('warns about a guest left out of every enabled backup job', async () => {
    fake.setJobs([
      {
        id: 'backup-a',
        type: 'vzdump',
        enabled: 1,
        schedule: '01:00',
        storage: 'pbs',
        all: 1,
        exclude: '101',
      },
      { id: 'backup-b', type: 'vzdump', enabled: 0, schedule: '02:00', storage: 'pbs', vmid: '101' },
    ]);
    const r = await run();
    expect(r.status).toBe('WARN');
    expect(guest(r, 101)?.reasons).toEqual(['not in any backup job']);
    expect(guest(r, 100)?.status).toBe('OK');
  });

  it('holds a failed vzdump task as CRIT until the guest next has a good backup', async () => {
    fake.failTask({ vmid: 101, node: 'pve2', endtime: at('2025-03-06T01:05:00Z') });
    const first = await run({}, new Date('2025-03-06T02:00:00Z'));
    expect(first.status).toBe('CRIT');
    expect(guest(first, 101)?.reasons).toEqual([
      'vzdump failed at 2025-03-06T01:05:00Z on pve2: ERROR: Backup of VM 101 failed - timeout; no backup since',
    ]);
    // Next round, still no new backup: still CRIT (not only for the round that saw the task).
    expect((await run({}, new Date('2025-03-06T08:00:00Z'))).status).toBe('CRIT');
    fake.addBackup({ vmid: 101, ctime: at('2025-03-06T09:00:00Z'), size: 5_370_000_000 });
    const after = await run({}, new Date('2025-03-06T10:00:00Z'));
    expect(after.status).toBe('OK');
    expect(after.details?.failures).toHaveLength(1); // still listed, no longer a problem
  });

  it('reads the log of a multi-guest job to find which guest failed', async () => {
    fake.failTask({ node: 'pve1', endtime: at('2025-03-05T02:00:00Z'), failedInLog: [200] });
    const r = await run();
    expect(r.status).toBe('CRIT');
    expect(guest(r, 200)?.reasons[0]).toMatch(/^vzdump failed at 2025-03-05T02:00:00Z on pve1: job errors/);
    expect(guest(r, 100)?.status).toBe('OK');
  });

  it('looks only at the storages given, and skips ignore_vmids', async () => {
    const r = await run({ storages: ['local'] });
    expect(r.status).toBe('CRIT');
    expect(guest(r, 101)?.reasons).toEqual(['no backup on local@pve1, local@pve2']);
    expect(guest(r, 100)?.reasons[0]).toMatch(/^newest backup 4d 10h old/);
    const ignored = await run({ storages: ['pbs'], ignore_vmids: [101] });
    expect(ignored.details?.ignored).toEqual([101]);
    expect(guest(ignored, 101)).toBeUndefined();
  });

  it('is UNKNOWN, not CRIT, for a guest whose storage could not be read', async () => {
    fake.deny('/nodes/pve1/storage/pbs');
    const r = await run({ storages: ['pbs'] });
    expect(r.status).toBe('UNKNOWN');
    expect(r.reasons).toContain(
      'not read: storage pbs on pve1: permission denied (403) on /nodes/pve1/storage/pbs/content: Permission check failed (/nodes/pve1/storage/pbs/content, Datastore.Audit)',
    );
    expect(guest(r, 100)?.status).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the API answers 5xx, or when no guest is visible', async () => {
    fake.failWith('/cluster/resources', 500);
    const r = await run();
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/\/cluster\/resources: HTTP 500/);
    fake.reset();
    fake.deny('/nodes/pve2/tasks');
    expect((await run()).reasons).toEqual([
      expect.stringMatching(/^not read: vzdump tasks of node pve2: permission denied \(403\)/),
    ]);
  });

  it('refuses an unknown storage name rather than reporting nothing', async () => {
    const r = await run({ storages: ['pbs', 'nfs-backup'] });
    expect(r.status).toBe('UNKNOWN');
    expect(r.reasons).toContain('not read: storage nfs-backup not found (or not visible to the token)');
  });
});

describe('proxmox.backups options', () => {
  it('refuses both ca_file and fingerprint, and a malformed fingerprint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronde-pve-'));
    writeFileSync(join(dir, 'ca.pem'), '');
    expect(
      proxmoxBackups.options.safeParse({ ca_file: join(dir, 'ca.pem'), fingerprint: fake.fingerprint })
        .success,
    ).toBe(false);
    expect(proxmoxBackups.options.safeParse({ fingerprint: 'AB:CD' }).success).toBe(false);
    expect(proxmoxBackups.options.parse({}).cadence).toBe(86_400);
  });
});
