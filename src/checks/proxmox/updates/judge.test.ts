import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../../test/helpers/english.js';
import type { AptPackage } from '../../../clients/proxmox/apt-schema.js';
import { ProxmoxError } from '../../../clients/proxmox/errors.js';
import { said } from '../../../core/said.js';
import { classify, judgeUpdates, type NodeFacts, reason, type UpdatesRules } from './judge.js';

const fx = (n: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/proxmox/${n}`, import.meta.url), 'utf8'))
    .data as AptPackage[];
const NOW = new Date('2025-03-05T12:00:00Z');
const RULES: UpdatesRules = { security: 'CRIT', pending: 'WARN', skew: 'WARN', maxIndexAgeSec: 7 * 86_400 };
const facts = (node: string, over: Partial<NodeFacts> = {}): NodeFacts => ({
  node,
  online: true,
  versions: fx(`apt-versions-${node}.json`),
  updates: fx(`apt-update-${node}.json`),
  indexRefreshedAt: null,
  changelogs: {},
  ...over,
});

describe('judgeUpdates', () => {
  it('classifies pending packages: Proxmox, kernel (reboot after), security by origin', () => {
    const [manager, kernel, , openssl] = fx('apt-update-pve1.json');
    expect(classify(manager!)).toEqual(['proxmox']);
    expect(classify(kernel!)).toEqual(['kernel', 'proxmox']);
    expect(classify(openssl!)).toEqual(['other']);
    expect(classify({ ...openssl!, Origin: 'Debian-Security' })).toEqual(['security']);
  });

  it('is OK for one node with nothing pending, saying its versions', () => {
    const r = judgeUpdates([facts('pve2')], RULES, 'en', NOW);
    expect(r).toMatchObject({
      status: 'OK',
      summary: '1 node up to date: pve-manager 8.1.10, kernel 6.5.13-5-pve',
    });
    expect(judgeUpdates([facts('pve2')], RULES, 'fr', NOW).summary).toBe(
      '1 nœud à jour : pve-manager 8.1.10, noyau 6.5.13-5-pve',
    );
  });

  it('says the skew and an offline node, and UNKNOWN without any node', () => {
    const r = judgeUpdates(
      [
        facts('pve1', { updates: [] }),
        facts('pve2'),
        { node: 'pve3', online: false, versions: [], updates: [], indexRefreshedAt: null, changelogs: {} },
      ],
      RULES,
      'en',
      NOW,
    );
    expect(r.status).toBe('WARN');
    expect(r.reasons).toContain('pve3 is offline: its versions are unknown');
    expect(judgeUpdates([], RULES, 'en', NOW).status).toBe('UNKNOWN');
  });
  it('says everything in French: a new package, the kernel skew, the summary’s separator', () => {
    const pending = judgeUpdates([facts('pve1')], RULES, 'fr', NOW);
    expect(pending.reasons?.join('\n')).toMatch(
      /proxmox-kernel-6\.8\.8-2-pve-signed \(nouveau\) → 6\.8\.8-2/,
    );
    expect(pending.reasons?.join('\n')).not.toMatch(/\(new\)/);
    const skew = judgeUpdates([facts('pve1', { updates: [] }), facts('pve2')], RULES, 'fr', NOW);
    expect(skew.summary).toBe(
      'pve-manager diffère entre les nœuds : pve1 8.2.2, pve2 8.1.10 ; le noyau diffère entre les nœuds : pve1 6.8.4-2-pve, pve2 6.5.13-5-pve',
    );
  });
});

describe('judgeUpdates: a node not read, in the team language', () => {
  it('says the failure in French in the reasons, keeps the English in details', () => {
    const err = new ProxmoxError(
      said('client.proxmox.noAnswer', { where: 'pve1:8006', sec: 30, path: '/nodes/pve1/apt/update' }),
      'timeout',
    );
    const [pkg] = fx('apt-update-pve1.json');
    const node = facts('pve1', { updates: [pkg!], changelogs: { [pkg!.Package]: reason(err) } });
    const down = facts('pve2', { versions: reason(err) });
    const en = judgeUpdates([node, down], RULES, 'en', NOW);
    const fr = judgeUpdates([node, down], RULES, 'fr', NOW);
    expect(en.reasons).toContain('pve2: no answer from pve1:8006 within 30 s (/nodes/pve1/apt/update)');
    expect(fr.reasons).toContain('pve2 : pas de réponse de pve1:8006 en 30 s (/nodes/pve1/apt/update)');
    for (const r of fr.reasons ?? []) expect(englishWords(r, { raw: [pkg!.Package] })).toEqual([]);
    // details stay the English, and hold no function: the same JSON in both languages.
    expect(JSON.stringify(fr.details)).toBe(JSON.stringify(en.details));
    expect(JSON.stringify(fr.details)).toContain('"error":"no answer from pve1:8006 within 30 s');
  });
});
