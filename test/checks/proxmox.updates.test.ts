import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proxmoxUpdates } from '../../src/checks/proxmox/updates/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import type { Lang } from '../../src/i18n/index.js';
import { FAKE_SECRET, FAKE_TOKEN_ID, type ProxmoxFake, startProxmoxFake } from '../fakes/proxmox-fake.js';

// The registered kind, over real HTTPS to the fake Proxmox API on 127.0.0.1:
// pve1 at pve-manager 8.2.2 with 8.2.4 pending, pve2 at 8.1.10 with nothing pending.
let fake: ProxmoxFake;
const NOW = new Date('2025-03-05T12:00:00Z');
const at = (iso: string) => Date.parse(iso) / 1000;

beforeAll(async () => {
  fake = await startProxmoxFake();
  process.env.RONDE_TEST_PVE_TOKEN = FAKE_SECRET;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function run(options: Record<string, unknown> = {}, lang: Lang = 'en'): Promise<CheckOutcome> {
  const o = proxmoxUpdates.options.parse({
    url: fake.url,
    token_id: FAKE_TOKEN_ID,
    token: '${env:RONDE_TEST_PVE_TOKEN}',
    fingerprint: fake.fingerprint,
    ...options,
  });
  return Promise.resolve(
    proxmoxUpdates.evaluate({
      options: o,
      target: { name: 'pve1', transport: 'local' },
      lang,
      outputs: [],
      now: NOW,
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

type NodeDetail = {
  node: string;
  pveManager: string;
  runningKernel: string;
  indexRefreshedAt: string | null;
};
const node = (r: CheckOutcome, n: string) =>
  ((r.details?.nodes ?? []) as NodeDetail[]).find((x) => x.node === n);

describe('proxmox.updates against the Proxmox API fake', () => {
  it('lists pve1’s pending updates with the pve-manager changelog lines between the two versions', async () => {
    const r = await run();
    expect(r.status).toBe('WARN');
    const text = (r.reasons ?? []).join('\n');
    expect(text).toContain(
      'pve1: 5 pending updates (3 Proxmox, 2 kernel: reboot after): pve-manager 8.2.2 → 8.2.4, proxmox-kernel-6.8.8-2-pve-signed (new) → 6.8.8-2',
    );
    expect(text).toContain(
      "pve-manager 8.2.2 → 8.2.4: pvestatd: clear trailing newlines; ui: backup job: fix showing the 'repeat-missed' option; api: ceph: fix getting the OSD metadata; fix #5467: ui: firewall: do not allow editing the comment of a group",
    );
    // 8.2.2's own entry and older ones are not news.
    expect(text).not.toContain('vzdump: fix unit for bandwidth limit');
    expect(fake.requests).toContain('/nodes/pve1/apt/changelog?name=pve-manager&version=8.2.4');
    expect(node(r, 'pve1')).toMatchObject({ pveManager: '8.2.2', runningKernel: '6.8.4-2-pve' });
  });

  it('flags two nodes at different pve-manager versions even when neither lists a pending update', async () => {
    fake.setAptUpdates('pve1', []);
    const r = await run();
    expect(r.status).toBe('WARN');
    expect(r.reasons).toEqual([
      'pve-manager differs between the nodes: pve1 8.2.2, pve2 8.1.10',
      'kernel differs between the nodes: pve1 6.8.4-2-pve, pve2 6.5.13-5-pve',
    ]);
    const fr = await run({}, 'fr');
    expect(fr.summary).toBe(
      'pve-manager diffère entre les nœuds : pve1 8.2.2, pve2 8.1.10 ; le noyau diffère entre les nœuds : pve1 6.8.4-2-pve, pve2 6.5.13-5-pve',
    );
  });

  it('is CRIT for a security fix found in a Debian changelog when asked to read them all', async () => {
    const r = await run({ changelogs: 'all' });
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(/^pve1: 1 security update: openssl 3\.0\.11-1~deb12u2 → 3\.0\.13-1~deb12u1/);
    // tzdata has no changelog in the fake: said, and the rest is kept.
    expect(r.reasons?.join('\n')).toMatch(/tzdata 2024a-0\+deb12u1: changelog not read \(.*not available/);
  });

  it('without Sys.Modify says which privilege is missing and keeps versions and skew', async () => {
    fake.withoutSysModify();
    const r = await run();
    expect(r.status).toBe('WARN'); // the skew, worse than the UNKNOWN parts
    expect(r.reasons).toContain(
      'pve1: pending updates and changelogs not readable: the token lacks Sys.Modify on /nodes/pve1 (403)',
    );
    expect(r.reasons?.[0]).toBe('pve-manager differs between the nodes: pve1 8.2.2, pve2 8.1.10');
    expect(node(r, 'pve2')?.pveManager).toBe('8.1.10');
  });

  it('gives the age of each node’s package index from its aptupdate tasks', async () => {
    fake.setAptUpdates('pve1', []);
    fake.addAptUpdateTask('pve1', at('2025-03-05T11:00:00Z'));
    fake.addAptUpdateTask('pve2', at('2025-01-20T03:00:00Z'));
    const r = await run();
    expect(node(r, 'pve1')?.indexRefreshedAt).toBe('2025-03-05T11:00:00.000Z');
    expect(r.reasons).toContain('pve2: package index refreshed 44 days ago: newer updates may be missing');
    expect(r.reasons?.join()).not.toMatch(/pve1: package index/);
  });

  it('is UNKNOWN when the API cannot be read at all', async () => {
    const r = await run({ url: 'https://127.0.0.1:1' });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/^Proxmox API https:\/\/127\.0\.0\.1:1: cannot connect .*ECONNREFUSED/);
  });
});
