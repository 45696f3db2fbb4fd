import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/core/status.js';
import { buildBoard, linkedResults } from '../../src/routines/board.js';
import type { StoredSignoff } from '../../src/routines/repo.js';
import { Routine } from '../../src/routines/schema.js';
import type { CurrentState } from '../../src/store/types.js';

const now = new Date('2025-03-05T10:00:00Z');
const state = (check: string, kind: string, target: string, status: Status): CurrentState => ({
  check,
  kind,
  target,
  status,
  since: now,
  consecutive: 1,
  summary: `${check} ${status}`,
  lastAt: now,
  lastResultId: 1,
});
const results = [
  state('apt.pending', 'apt.pending', 'web1', 'OK'),
  state('apt.pending', 'apt.pending', 'db1', 'WARN'),
  state('disk-root', 'system.disk', 'web1', 'CRIT'),
];
const tags = new Map([
  ['web1', ['web']],
  ['db1', ['db']],
]);

describe('linked checks of a routine', () => {
  it('match a kind or an instance name, narrowed by @HOST or @tag:TAG', () => {
    const pick = (...sel: string[]) => linkedResults(sel, results, tags);
    expect(pick('apt.pending')).toMatchObject({ status: 'WARN', unmatched: [] });
    expect(pick('apt.pending@web1').status).toBe('OK');
    expect(pick('apt.pending@tag:web').results.map((r) => r.target)).toEqual(['web1']);
    expect(pick('system.disk').status).toBe('CRIT'); // by kind
    expect(pick('disk-root@tag:db')).toEqual({
      status: null,
      results: [],
      notApplicable: [],
      unmatched: ['disk-root@tag:db'],
    });
    // One result counted once even when two selectors name it.
    expect(pick('apt.pending@web1', 'apt.pending@tag:web').results).toHaveLength(1);
  });
});

describe('the board order', () => {
  const routine = (id: string, every: string) => Routine.parse({ id, title: id, every });
  const done = (routine: string, at: string): StoredSignoff => ({
    id: routine,
    routine,
    kind: 'done',
    at: new Date(at),
    by: 'alice',
    osUser: 'alice',
    note: '',
    items: [],
    source: 'cli',
  });

  it('puts the longest overdue first, then due, due soon and ok', () => {
    const board = buildBoard({
      routines: [
        routine('fine', '1mo'),
        routine('soon', '1w'),
        routine('late', '1w'),
        routine('later', '1w'),
        routine('today', '1d'),
      ],
      signoffs: [
        done('fine', '2025-03-01T10:00:00Z'),
        done('soon', '2025-02-27T02:00:00Z'), // due Mar 6 02:00: within the last 15 % of the week
        done('late', '2025-02-25T10:00:00Z'), // due Mar 4: 1 day overdue
        done('later', '2025-02-20T10:00:00Z'), // due Feb 27: 6 days overdue
        done('today', '2025-03-04T11:00:00Z'), // due Mar 5 11:00: today, the due day
      ],
      seen: new Map(),
      results: [],
      hostTags: tags,
      now,
      tz: 'UTC',
    });
    expect(board.map((e) => [e.routine.id, e.state.status, e.state.overdueDays ?? null])).toEqual([
      ['later', 'overdue', 6],
      ['late', 'overdue', 1],
      ['today', 'due', null],
      ['soon', 'due_soon', null],
      ['fine', 'ok', null],
    ]);
  });
});
