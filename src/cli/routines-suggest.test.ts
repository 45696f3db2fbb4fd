import { describe, expect, it } from 'vitest';
import { resultKey } from '../core/check.js';
import type { BoardEntry } from '../routines/board.js';
import type { Routine } from '../routines/schema.js';
import { renderShow } from './routines.js';

const now = new Date('2026-12-05T16:40:00Z');
const entry = {
  routine: {
    id: 'wiki',
    title: 'Bring the wiki up to date',
    every: '1mo',
    checklist: ['Document every change'],
    checks: ['docs.coverage'],
  } as unknown as Routine,
  state: { status: 'due', nextDue: new Date('2026-12-05T08:00:00Z') },
  firstSeenAt: new Date('2026-11-01T08:00:00Z'),
  log: [],
  linked: {
    status: 'WARN',
    results: [
      {
        check: 'docs.coverage',
        target: 'web1',
        status: 'WARN',
        since: new Date('2026-12-01T08:00:00Z'),
        summary: '1 without a page (services:lab)',
      },
    ],
    notApplicable: [],
    unmatched: [],
  },
} as unknown as BoardEntry;

describe('ronde routines show (R12)', () => {
  it('lists what a linked check suggests under it, with where to act', () => {
    const show = renderShow(
      entry,
      now,
      'UTC',
      false,
      'en',
      new Map([
        [
          resultKey('web1', 'docs.coverage'),
          [
            {
              text: 'services:lab (Compose project lab)',
              url: 'https://wiki.example.org/doku.php?id=services%3Alab',
              group: 'page to write',
            },
          ],
        ],
      ]),
    );
    expect(show).toContain(
      '           - services:lab (Compose project lab) (page to write)  https://wiki.example.org/doku.php?id=services%3Alab',
    );
    expect(renderShow(entry, now, 'UTC', false, 'en')).not.toContain('services:lab (Compose');
  });
});
