import { describe, expect, it } from 'vitest';
import { Routine, Team } from './schema.js';
import type { Signoff } from './state.js';
import { suggestPeople } from './suggest.js';

const now = new Date('2026-03-10T10:00:00Z');
const team = Team.parse([{ name: 'alice' }, { name: 'bob' }, { name: 'carol' }]);
const routine = (id: string, assignee?: string) =>
  Routine.parse({ id, title: id, every: '1w', ...(assignee ? { assignee } : {}) });
let n = 0;
const done = (by: string, at: string, routineId = 'x'): Signoff => ({
  id: String(++n),
  routine: routineId,
  kind: 'done',
  at: new Date(at),
  by,
  osUser: by,
  note: '',
  items: [],
});

const names = (m: Map<string, { member: { name: string }; assigned: boolean }>) =>
  Object.fromEntries([...m].map(([id, s]) => [id, `${s.member.name}${s.assigned ? '' : '?'}`]));

describe('suggestPeople', () => {
  it('spreads 11 unassigned routines over a fresh team of three, the assignee keeping theirs', () => {
    const routines = [routine('r0', 'alice'), ...Array.from({ length: 11 }, (_, i) => routine(`r${i + 1}`))];
    const out = suggestPeople(routines, team, [], now);
    const count = (name: string) => [...out.values()].filter((s) => s.member.name === name).length;
    expect(out.get('r0')).toMatchObject({ member: { name: 'alice' }, assigned: true });
    expect([count('alice'), count('bob'), count('carol')]).toEqual([4, 4, 4]);
    // The first unassigned (most overdue) goes to a member without the assigned one.
    expect(out.get('r1')!.member.name).toBe('bob');
  });

  it('prefers who did the fewest lately, then whose last sign-off is oldest', () => {
    const log = [
      done('alice', '2026-03-01T09:00:00Z'),
      done('alice', '2026-03-02T09:00:00Z'),
      done('bob', '2026-03-05T09:00:00Z'),
      done('carol', '2026-03-03T09:00:00Z'),
      // Long ago: outside the window, counts for "last" only.
      done('carol', '2025-01-01T09:00:00Z'),
    ];
    const out = suggestPeople([routine('a'), routine('b'), routine('c'), routine('d')], team, log, now);
    // loads 2/1/1: carol (older than bob), bob; then 2/2/2: alice (oldest last), then carol.
    expect(names(out)).toEqual({ a: 'carol?', b: 'bob?', c: 'alice?', d: 'carol?' });
  });

  it('undone sign-offs and automatic ones do not count; no team, no suggestion', () => {
    const mistaken = done('alice', '2026-03-01T09:00:00Z');
    const log: Signoff[] = [
      mistaken,
      { ...done('alice', '2026-03-01T10:00:00Z'), kind: 'undo', undoes: mistaken.id },
      done('ronde', '2026-03-02T09:00:00Z'),
    ];
    expect(names(suggestPeople([routine('a'), routine('b')], team, log, now))).toEqual({
      a: 'alice?',
      b: 'bob?',
    });
    expect(suggestPeople([routine('a')], [], log, now).size).toBe(0);
  });
});
