import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HostConfig } from '../../config/schema.js';
import { windowFacts } from './facts.js';
import { batches, buildPlan, type HostFacts, type PlanInput, type StoredState } from './plan.js';
import { UpgradeSettings } from './schema.js';
import { parseSimulation } from './simulate.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/upgrade/${name}`, import.meta.url), 'utf8');

const host = (name: string, tags: string[] = [], local = false): HostConfig => ({
  name,
  address: name,
  local,
  tags,
  ssh: {},
  sudo: false,
});
const now = new Date('2026-12-05T02:00:00Z');
const simple = parseSimulation(
  'Inst hello [1] (2 lab:lab [all])\nInst linux-image-amd64 [6.1] (6.2 Debian-Security:12/stable-security [amd64])\n',
);
const facts = (sim = simple, extra: Partial<HostFacts> = {}): HostFacts => ({
  simulation: sim,
  holds: [],
  rebootRequired: false,
  ...extra,
});
const state = (
  target: string,
  kind: string,
  status: StoredState['status'],
  extra: Partial<StoredState> = {},
) => ({
  check: kind,
  kind,
  target,
  status,
  summary: `${kind} is ${status}`,
  lastAt: now,
  ...extra,
});

function plan(over: Partial<PlanInput> & { hosts: HostConfig[] }) {
  return buildPlan({
    facts: new Map(over.hosts.map((h) => [h.name, facts()])),
    states: [],
    settings: UpgradeSettings.parse({}),
    allowRemove: false,
    now,
    ...over,
  });
}

describe('buildPlan', () => {
  it('lists packages, security ones and a reboot for a new kernel', () => {
    const p = plan({ hosts: [host('web1')] });
    expect(p.hosts[0]).toMatchObject({ host: 'web1', security: 1, reboot: 'kernel', refusals: [] });
    expect(p.hosts[0]!.packages.map((x) => x.name)).toEqual(['hello', 'linux-image-amd64']);
    expect(p.batches).toEqual([['web1']]);
  });

  it('refuses a removal unless allowed, and a held package the upgrade needs', () => {
    const sim = parseSimulation(fixture('lab-apt-get-s-full-upgrade.txt'));
    const f = new Map([['h', facts(sim, { holds: ['ronde-lab-held'] })]]);
    const refused = plan({ hosts: [host('h')], facts: f });
    expect(refused.hosts[0]!.refusals).toEqual([
      { code: 'removes', detail: 'ronde-lab-old' },
      { code: 'held', detail: 'ronde-lab-held' },
    ]);
    expect(refused.batches).toEqual([]);
    const allowed = plan({ hosts: [host('h')], facts: new Map([['h', facts(sim)]]), allowRemove: true });
    expect(allowed.hosts[0]!.refusals).toEqual([]);
  });

  it('refuses on stored results: Docker service down, disk over threshold, backups not OK', () => {
    const p = plan({
      hosts: [host('a'), host('b'), host('c'), host('d')],
      states: [
        state('a', 'docker.services', 'CRIT'),
        state('b', 'system.disk', 'WARN'),
        state('c', 'backup.restic', 'CRIT'),
        state('d', 'docker.services', 'OK'),
        state('d', 'system.disk', 'OK'),
      ],
    });
    expect(p.hosts.map((h) => h.refusals.map((r) => r.code))).toEqual([['docker'], ['disk'], ['backup'], []]);
    expect(p.batches).toEqual([['d']]);
  });

  it('refuses when the newest Proxmox backup of the VM is older than backup_max_age, or unknown', () => {
    const settings = UpgradeSettings.parse({ backup_max_age: '26h' });
    const pve = (ctime: string) =>
      state('pve1', 'proxmox.backups', 'OK', {
        details: { guests: [{ vmid: 101, name: 'web1', newest: { ctime } }] },
      });
    const fresh = plan({
      hosts: [host('web1'), host('web2')],
      settings,
      states: [pve('2026-12-04T03:00:00Z')],
    });
    expect(fresh.hosts.map((h) => h.refusals.map((r) => r.code))).toEqual([[], ['noBackup']]);
    const old = plan({ hosts: [host('web1')], settings, states: [pve('2026-12-03T01:00:00Z')] });
    expect(old.hosts[0]!.refusals).toEqual([{ code: 'backupAge', detail: '2026-12-03T01:00:00.000Z' }]);
  });

  it('refuses outside the maintenance window, only the hosts it covers', () => {
    const window = { name: 'nightly', open: () => false, covers: (h: HostConfig) => h.tags.includes('vm') };
    const p = plan({ hosts: [host('a', ['vm']), host('b')], window });
    expect(p.hosts.map((h) => h.refusals)).toEqual([[{ code: 'window', detail: 'nightly' }], []]);
    expect(plan({ hosts: [host('a', ['vm'])], window: { ...window, open: () => true } }).batches).toEqual([
      ['a'],
    ]);
  });

  it('refuses a host whose simulation failed, and the machine ronde runs on', () => {
    const p = plan({
      hosts: [host('a'), host('me', [], true)],
      facts: new Map([
        ['a', facts(simple)],
        ['me', facts()],
      ]),
    });
    expect(p.hosts[0]!.refusals).toEqual([]);
    expect(p.hosts[1]!.refusals).toEqual([{ code: 'local', detail: 'me' }]);
    const broken = plan({
      hosts: [host('a')],
      facts: new Map([['a', { simulation: { error: 'unreachable' }, holds: [], rebootRequired: false }]]),
    });
    expect(broken.hosts[0]!.refusals).toEqual([{ code: 'simulation', detail: 'unreachable' }]);
  });

  it('leaves an up-to-date host out of the batches, but not one that waits for a reboot', () => {
    const none = parseSimulation('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    const p = plan({
      hosts: [host('a'), host('b')],
      facts: new Map([
        ['a', facts(none)],
        ['b', facts(none, { rebootRequired: true })],
      ]),
    });
    expect(p.hosts.map((h) => h.reboot)).toEqual([null, 'required']);
    expect(p.batches).toEqual([['b']]);
  });
});

describe('batches', () => {
  it('never puts two hosts sharing an exclusive tag in one batch', () => {
    const hosts = [host('db1', ['db']), host('db2', ['db']), host('web1', ['web']), host('web2', ['web'])];
    expect(batches(hosts, { parallel: 2, exclusive_tags: ['db'] })).toEqual([
      ['db1', 'web1'],
      ['db2', 'web2'],
    ]);
    expect(batches(hosts, { parallel: 1, exclusive_tags: [] })).toEqual([
      ['db1'],
      ['db2'],
      ['web1'],
      ['web2'],
    ]);
    expect(batches(hosts, { parallel: 4, exclusive_tags: ['db', 'web'] })).toEqual([
      ['db1', 'web1'],
      ['db2', 'web2'],
    ]);
  });
});

describe('windowFacts', () => {
  const windows = [{ name: 'nightly', cron: '0 2 * * *', duration: 3 * 3600, tag: 'vm', reason: '' }];
  const vm = host('vm1', ['vm']);
  it('is open inside the named window, for the hosts it covers', () => {
    const at2 = windowFacts(windows, 'nightly', new Date('2026-12-05T02:30:00Z'), { tz: 'UTC' })!;
    const at14 = windowFacts(windows, 'nightly', new Date('2026-12-05T14:00:00Z'), { tz: 'UTC' })!;
    expect([at2.covers(vm), at2.open(vm), at14.open(vm), at14.covers(host('x'))]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
  it('is open for a host a maintenance opened by hand covers, not for a check-only one', () => {
    const cover = (selector: Record<string, string>) => ({
      type: 'maintenance' as const,
      id: '1',
      reason: 'kernel',
      by: 'alice',
      at: new Date(),
      until: null,
      selector,
    });
    const noon = new Date('2026-12-05T12:00:00Z');
    const w = windowFacts(windows, 'nightly', noon, { tz: 'UTC', adHoc: [cover({ host: 'vm1' })] })!;
    expect([w.open(vm), w.open(host('vm2', ['vm']))]).toEqual([true, false]);
    const narrow = windowFacts(windows, 'nightly', noon, {
      tz: 'UTC',
      adHoc: [cover({ host: 'vm1', kind: 'apt.pending' })],
    })!;
    expect(narrow.open(vm)).toBe(false);
  });
});
