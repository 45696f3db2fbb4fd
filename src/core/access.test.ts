import { describe, expect, it } from 'vitest';
import { dateFlags, diffAccess, isEmptyDiff, type Principal } from './access.js';

const p = (id: string, extra: Partial<Principal> = {}): Principal => ({
  id,
  groups: [],
  flags: [],
  ...extra,
});

describe('diffAccess', () => {
  it('finds added, removed and changed principals; a login alone is no change', () => {
    const approved = [p('alice', { groups: ['admins'], lastLogin: '2026-01-01T00:00:00Z' }), p('bob')];
    const current = [
      p('alice', { groups: ['admins'], lastLogin: '2026-12-01T00:00:00Z' }),
      p('carol', { name: 'Carol' }),
    ];
    const d = diffAccess(approved, current);
    expect(d.added.map((x) => x.id)).toEqual(['carol']);
    expect(d.removed.map((x) => x.id)).toEqual(['bob']);
    expect(d.changed).toEqual([]);
    const later = diffAccess(current, [
      p('alice', { groups: ['admins', 'ops'], flags: ['stale'] }),
      p('carol', { name: 'Carol' }),
    ]);
    expect(later.changed).toEqual([
      { id: 'alice', fields: { groups: ['admins', 'admins, ops'], flags: ['', 'stale'] } },
    ]);
    expect(isEmptyDiff(diffAccess(current, [...current].reverse()))).toBe(true);
  });
});

describe('dateFlags', () => {
  const now = new Date('2026-12-05T00:00:00Z');
  const o = { staleSec: 180 * 86_400, expiringSec: 30 * 86_400, keepsLogins: true };
  it('flags stale, never-logged-in, expired and expiring', () => {
    expect(dateFlags({ lastLogin: '2024-01-01T00:00:00Z' }, now, o)).toEqual(['stale']);
    expect(dateFlags({ lastLogin: null }, now, o)).toEqual(['never-logged-in']);
    expect(dateFlags({ lastLogin: null }, now, { ...o, keepsLogins: false })).toEqual([]);
    expect(
      dateFlags({ lastLogin: '2026-12-01T00:00:00Z', expiresAt: '2026-11-01T00:00:00Z' }, now, o),
    ).toEqual(['expired']);
    expect(
      dateFlags({ lastLogin: '2026-12-01T00:00:00Z', expiresAt: '2026-12-20T00:00:00Z' }, now, o),
    ).toEqual(['expiring']);
  });
});
