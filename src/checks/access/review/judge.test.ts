import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../core/access.js';
import { judgeAccess } from './judge.js';

const alice: Principal = { id: 'uid=alice,dc=x', name: 'alice', groups: [], flags: [] };
const old: Principal = { id: 'uid=old,dc=x', name: 'old', groups: [], flags: ['stale'] };
const approval = {
  id: 1,
  source: 'ldap@r',
  snapshotId: 1,
  at: new Date('2026-11-01T10:00:00Z'),
  by: 'alice',
  note: '',
};
const approved = {
  snapshot: { id: 1, source: 'ldap@r', takenAt: approval.at, principals: [alice, old] },
  approval,
};

describe('judgeAccess', () => {
  it('WARNs when never approved', () => {
    const o = judgeAccess('ldap@r', [alice], undefined, 'en');
    expect(o.status).toBe('WARN');
    expect(o.summary).toMatch(/^1 access, never approved/);
  });

  it('is OK as approved, counting the flagged ones, and WARNs with one reason per change', () => {
    expect(judgeAccess('ldap@r', [old, alice], approved, 'en')).toMatchObject({
      status: 'OK',
      summary: '2 accesses as approved by alice on 2026-11-01 (1 stale)',
    });
    const carol: Principal = { id: 'uid=carol,dc=x', name: 'carol', groups: ['admins'], flags: [] };
    const o = judgeAccess('ldap@r', [alice, carol], approved, 'fr');
    expect(o.status).toBe('WARN');
    expect(o.summary).toBe('2 changements depuis l’approbation de alice le 2026-11-01');
    expect(o.reasons).toEqual(['ajouté : carol (uid=carol,dc=x)', 'retiré : old (uid=old,dc=x)']);
  });
});
