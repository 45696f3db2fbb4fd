import { describe, expect, it } from 'vitest';
import { INVISIBLE } from '../i18n/index.js';
import type { BoardEntry } from '../routines/board.js';
import type { Routine } from '../routines/schema.js';
import { renderBoard, renderShow } from './routines.js';

const now = new Date('2026-12-05T16:40:00Z');
const entry = {
  routine: {
    id: 'maj',
    title: 'Mettre à jour les VM',
    every: '1w',
    checklist: ['apt update'],
    checks: ['apt.pending'],
    assignee: 'alice',
  } as unknown as Routine,
  state: { status: 'overdue', nextDue: new Date('2026-12-01T08:00:00Z'), overdueDays: 4 },
  firstSeenAt: new Date('2026-11-01T08:00:00Z'),
  lastDone: {
    id: '7',
    routine: 'maj',
    kind: 'done',
    at: new Date('2026-11-24T08:00:00Z'),
    by: 'alice',
    osUser: 'alice',
    note: 'fait',
    items: [1],
    source: 'cli',
  },
  log: [],
  linked: { status: null, results: [], notApplicable: [], unmatched: ['apt.pending'] },
} as unknown as BoardEntry;

describe('ronde routines in the team language', () => {
  it('French board and detail, dates labelled with the zone', () => {
    const board = renderBoard([entry], now, 'Europe/Paris', false, 'fr');
    expect(board).toMatch(/^ÉTAT\s+ROUTINE\s+TITRE\s+QUI\s+DERNIÈRE FOIS\s+ÉCHÉANCE\s+VÉRIFICATIONS\n/);
    expect(board).toMatch(
      /EN RETARD 4 j\s+maj\s+Mettre à jour les VM\s+il y a 11 jours par alice\s+2026-12-01\s+pas encore de résultat/,
    );
    const show = renderShow({ ...entry, log: [entry.lastDone!] }, now, 'Europe/Paris', false, 'fr');
    expect(show).toContain('échéance       2026-12-01 09:00 CET (Europe/Paris)');
    expect(show).toContain('dernière fois  2026-11-24 09:00 CET (il y a 11 jours) par alice');
    expect(show).toContain(
      '#7  2026-11-24 09:00 CET  faite par alice (utilisateur système alice) points 1 — fait',
    );
    expect(show).toContain('pas encore de résultat pour apt.pending');
    expect(`${board}${show}`).not.toMatch(INVISIBLE);
  });

  it('English stays as it was, times now labelled', () => {
    const show = renderShow(entry, now, 'UTC', false, 'en');
    expect(show).toContain('  next due   2026-12-01 08:00 UTC (UTC)');
    expect(show).toContain('  last done  2026-11-24 08:00 UTC (11 days ago) by alice');
    expect(renderBoard([entry], now, 'UTC')).toMatch(/OVERDUE 4 d\s+maj/);
  });
});
