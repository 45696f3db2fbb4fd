import { afterEach, describe, expect, it } from 'vitest';
import type { UpgradePlan } from '../actions/upgrade/plan.js';
import type { UpgradeStep } from '../actions/upgrade/repo.js';
import { setCliLang } from './lang.js';
import { renderPlan } from './upgrade.js';
import { hostLines } from './upgrade-history.js';

const plan: UpgradePlan = {
  hosts: [
    {
      host: 'web1',
      packages: [
        { name: 'openssl', from: '3.0.1', to: '3.0.2', security: true },
        { name: 'linux-image-amd64', from: null, to: '6.1.9', security: false },
      ],
      security: 1,
      removals: [],
      keptBack: [],
      reboot: 'kernel',
      refusals: [],
    },
    {
      host: 'db1',
      packages: [],
      security: 0,
      removals: [],
      keptBack: [],
      reboot: null,
      refusals: [
        { code: 'backupAge', detail: '2026-12-03T01:00:00.000Z' },
        { code: 'noBackup', detail: 'db1' },
      ],
    },
  ],
  batches: [['web1']],
} as unknown as UpgradePlan;

afterEach(() => setCliLang(undefined));

describe('ronde upgrade plan in the team language', () => {
  it('French: packages, security, new ones, refusals as sentences', () => {
    setCliLang('fr');
    expect(renderPlan(plan)).toBe(
      [
        'web1 : 2 paquets (1 de sécurité), redémarrage (nouveau noyau)',
        '  openssl 3.0.1 → 3.0.2  [sécurité]',
        '  linux-image-amd64 (nouveau) → 6.1.9',
        'db1 : REFUSÉ',
        '  - sa dernière sauvegarde est trop ancienne (2026-12-03T01:00:00.000Z)',
        '  - aucune sauvegarde connue (résultats de proxmox.backups)',
        '',
        'Ordre (les hôtes d’un lot ensemble ; le premier échec arrête tout) :',
        '  lot 1 : web1',
        '',
      ].join('\n'),
    );
  });

  it('English as it was', () => {
    setCliLang('en');
    const out = renderPlan(plan);
    expect(out).toContain('  openssl 3.0.1 → 3.0.2  [security]\n  linux-image-amd64 (new) → 6.1.9\n');
    expect(out).toContain('  - its newest backup is too old (2026-12-03T01:00:00.000Z)\n');
  });
});

describe('ronde upgrade history in the team language', () => {
  const at = new Date('2026-12-05T02:00:00Z');
  const later = new Date('2026-12-05T02:00:04Z');
  const step = (s: Partial<UpgradeStep>): UpgradeStep =>
    ({ id: 1, runId: 1, host: 'web1', startedAt: at, finishedAt: later, detail: {}, ...s }) as UpgradeStep;
  const steps = [
    step({
      step: 'upgrade',
      outcome: 'ok',
      detail: { before: { openssl: '3.0.1' }, after: { openssl: '3.0.2', 'linux-image': '6.1' } },
    }),
    step({ step: 'reboot', outcome: 'ok', detail: { needed: true, done: false } }),
    step({ step: 'recheck', outcome: 'failed', detail: { error: 'CRIT après la mise à jour : disk: 97 %' } }),
    step({ step: 'refused', outcome: 'skipped', detail: { refusals: [{ code: 'local', detail: 'web1' }] } }),
  ];

  it('French: steps, outcomes, reboot, refusals, new packages', () => {
    setCliLang('fr');
    expect(hostLines('web1', steps)).toEqual([
      '  web1',
      '    mise à jour OK 4.0 s',
      '      linux-image (nouveau) → 6.1',
      '      openssl 3.0.1 → 3.0.2',
      '    redémarrage OK 4.0 s (nécessaire, pas fait)',
      '    revérification échec 4.0 s : CRIT après la mise à jour : disk: 97 %',
      '    refusé sauté 4.0 s : la machine où tourne ronde : à mettre à jour à la main',
    ]);
  });

  it('English as it was, refusals now said as sentences', () => {
    setCliLang('en');
    expect(hostLines('web1', steps)).toEqual([
      '  web1',
      '    upgrade ok 4.0 s',
      '      linux-image (new) → 6.1',
      '      openssl 3.0.1 → 3.0.2',
      '    reboot ok 4.0 s (needed, not done)',
      '    recheck failed 4.0 s: CRIT après la mise à jour : disk: 97 %',
      '    refused skipped 4.0 s: the machine ronde runs on: upgrade it by hand',
    ]);
  });
});
