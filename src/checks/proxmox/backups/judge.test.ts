import { describe, expect, it } from 'vitest';
import type { BackupInventory } from '../../../clients/proxmox/backup-inventory.js';
import type { Guest } from '../../../clients/proxmox/schema.js';
import { type BackupRules, inAnyJob, judgeBackups, judgeGuest } from './judge.js';

const g = (vmid: number, over: Partial<Guest> = {}): Guest => ({
  id: `qemu/${vmid}`,
  type: 'qemu',
  vmid,
  node: 'pve1',
  name: `vm${vmid}`,
  ...over,
});
const rules: BackupRules = {
  cadenceSec: 86_400,
  warnFactor: 1.5,
  critFactor: 2,
  sizeDropWarn: 0.2,
  sizeDropCrit: 0.5,
  ignoreVmids: [],
};
const NOW = new Date('2025-03-05T12:00:00Z');
const t = (iso: string) => Date.parse(iso) / 1000;
const inv = (over: Partial<BackupInventory>): BackupInventory => ({
  guests: [],
  read: ['pbs@pve1'],
  backups: [],
  jobs: [{ id: 'j', all: true }],
  failures: [],
  unreadable: [],
  ...over,
});
const backup = (vmid: number, iso: string, size: number) => ({
  volid: `pbs:backup/vm/${vmid}/${iso}`,
  vmid,
  ctime: t(iso),
  size,
  storage: 'pbs',
  node: 'pve1',
});

describe('inAnyJob', () => {
  it('follows vzdump: all minus exclude on its node, a vmid list, a pool; disabled jobs do not count', () => {
    expect(inAnyJob(g(100), [{ id: 'a', all: true, exclude: '101, 102' }])).toBe(true);
    expect(inAnyJob(g(101), [{ id: 'a', all: true, exclude: '101,102' }])).toBe(false);
    expect(inAnyJob(g(100), [{ id: 'a', all: true, node: 'pve2' }])).toBe(false);
    expect(inAnyJob(g(100), [{ id: 'a', vmid: '99,100' }])).toBe(true);
    expect(inAnyJob(g(100), [{ id: 'a', vmid: '1000' }])).toBe(false);
    expect(inAnyJob(g(100, { pool: 'prod' }), [{ id: 'a', pool: 'prod' }])).toBe(true);
    expect(inAnyJob(g(100), [{ id: 'a', pool: 'prod' }])).toBe(false);
    expect(inAnyJob(g(100), [{ id: 'a', all: true, enabled: false }])).toBe(false);
  });
});

describe('judgeGuest', () => {
  it('compares the newest size with the median of the previous ones (even count: mean of the middle two)', () => {
    const backups = [
      backup(100, '2025-03-01T01:00:00Z', 100),
      backup(100, '2025-03-02T01:00:00Z', 1000),
      backup(100, '2025-03-03T01:00:00Z', 1000),
      backup(100, '2025-03-04T01:00:00Z', 3000),
      backup(100, '2025-03-05T01:00:00Z', 790),
    ];
    const v = judgeGuest(g(100), inv({ backups }), rules, NOW, 'en');
    expect(v.status).toBe('WARN');
    expect(v.reasons).toEqual(['newest backup 790 B is 21% smaller than the median 1000 B of 4 previous']);
  });

  it('calls an empty newest backup CRIT, and a guest with a failure but a later backup OK', () => {
    const empty = judgeGuest(
      g(100),
      inv({ backups: [backup(100, '2025-03-05T01:00:00Z', 0)] }),
      rules,
      NOW,
      'en',
    );
    expect(empty.reasons).toEqual(['newest backup is empty (0 B)']);
    const failures = [
      {
        upid: 'u',
        node: 'pve1',
        status: 'job errors',
        starttime: 1,
        endtime: t('2025-03-04T02:00:00Z'),
        vmids: [100],
      },
    ];
    const ok = judgeGuest(
      g(100),
      inv({ backups: [backup(100, '2025-03-05T01:00:00Z', 10)], failures }),
      rules,
      NOW,
      'en',
    );
    expect(ok.status).toBe('OK');
  });
});

describe('judgeBackups', () => {
  it('is UNKNOWN when no guest is visible (missing VM.Audit hides them all)', () => {
    const r = judgeBackups(inv({ guests: [g(9000, { template: true })] }), rules, NOW, 'en');
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(/no guest visible/);
  });

  it('names the worst guests first in the summary, and a failed job with no guest named', () => {
    const r = judgeBackups(
      inv({
        guests: [g(100), g(101), g(102)],
        backups: [backup(100, '2025-03-05T01:00:00Z', 10), backup(101, '2025-03-03T20:00:00Z', 10)],
        failures: [{ upid: 'u', node: 'pve1', status: 'job errors', starttime: 1, endtime: 2, vmids: [] }],
      }),
      rules,
      NOW,
      'en',
    );
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(
      /^2 of 3 guests: 102 vm102 \(no backup on pbs@pve1\), 101 vm101 \(newest backup/,
    );
    expect(r.reasons).toContain(
      'vzdump task failed at 1970-01-01T00:00:02Z on pve1: job errors (guests not named in its log)',
    );
  });

  it('says it in French to a French team, reasons included', () => {
    const bad = judgeBackups(
      inv({
        guests: [g(100), g(101), g(102)],
        backups: [backup(100, '2025-03-05T01:00:00Z', 10), backup(101, '2025-03-03T20:00:00Z', 10)],
        failures: [{ upid: 'u', node: 'pve1', status: 'job errors', starttime: 1, endtime: 2, vmids: [] }],
      }),
      rules,
      NOW,
      'fr',
    );
    expect(bad.summary).toBe(
      '2 machines sur 3 : 102 vm102 (aucune sauvegarde sur pbs@pve1), ' +
        '101 vm101 (dernière sauvegarde vieille de 1 j 16 h (2025-03-03T20:00:00Z, cadence 1 j))',
    );
    expect(bad.details).toEqual(
      judgeBackups(
        inv({
          guests: [g(100), g(101), g(102)],
          backups: [backup(100, '2025-03-05T01:00:00Z', 10), backup(101, '2025-03-03T20:00:00Z', 10)],
          failures: [{ upid: 'u', node: 'pve1', status: 'job errors', starttime: 1, endtime: 2, vmids: [] }],
        }),
        rules,
        NOW,
        'en',
      ).details,
    );
    expect(bad.reasons).toContain(
      'tâche vzdump en échec le 1970-01-01T00:00:02Z sur pve1 : job errors (machines non nommées dans son journal)',
    );
    const ok = judgeBackups(
      inv({ guests: [g(100)], backups: [backup(100, '2025-03-05T01:00:00Z', 10)] }),
      rules,
      NOW,
      'fr',
    );
    expect(ok.summary).toBe(
      '1 machine sauvegardée depuis moins de 1 j 12 h, la plus ancienne dernière sauvegarde : 100 vm100 le 2025-03-05T01:00:00Z',
    );
    const none = judgeBackups(inv({ guests: [] }), rules, NOW, 'fr');
    expect(none.summary).toBe(
      'aucune VM ni conteneur visible : le jeton a besoin de VM.Audit (PVEAuditor sur /)',
    );
  });
});
