import { describe, expect, it } from 'vitest';
import type { StoredSignoff } from '../routines/repo.js';
import { signoffMessage, undoMessage } from './signoff.js';

const signoff = (over: Partial<StoredSignoff> = {}): StoredSignoff =>
  ({
    id: '7',
    routine: 'backups',
    kind: 'done',
    at: new Date('2026-03-01T10:00:00Z'),
    by: 'alice',
    osUser: 'alice',
    note: 'dumps restored on test',
    items: [],
    source: 'cli',
    ...over,
  }) as StoredSignoff;
const routine = { id: 'backups', title: 'Check the backups' };

describe('a sign-off told to the team', () => {
  it('is one line: who, which routine, the note', () => {
    const m = signoffMessage('en', routine, signoff());
    expect(m).toEqual({
      event: 'routine.done',
      title: 'Done: Check the backups',
      text: 'alice signed off Check the backups (backups): dumps restored on test',
      severity: 'info',
    });
    expect(m.text).not.toContain('\n');
  });

  it('speaks the team’s language, and says when the checks completed it', () => {
    expect(signoffMessage('fr', routine, signoff({ note: '' })).text).toBe(
      'alice a validé Check the backups (backups).',
    );
    expect(signoffMessage('en', routine, signoff({ by: 'ronde', source: 'auto' })).text).toBe(
      'Check the backups (backups) completed itself: its linked checks are all OK.',
    );
  });

  it('escapes markdown and a multi-line note stays one line', () => {
    const m = signoffMessage('en', routine, signoff({ note: 'rebooted *web1*\nthen db1' }));
    expect(m.text).toBe('alice signed off Check the backups (backups): rebooted \\*web1\\* then db1');
  });
});

describe('an undo told to the team', () => {
  it('says who cancelled whose sign-off, when it was made, and that the routine is due again', () => {
    const undo = signoff({ id: '8', kind: 'undo', by: 'bob', note: 'wrong routine', undoes: '7' } as never);
    const m = undoMessage('en', routine, undo, signoff(), 'Europe/Paris');
    expect(m).toEqual({
      event: 'routine.done',
      title: 'Not done after all: Check the backups',
      text: 'bob cancelled the sign-off of Check the backups (backups) by alice on 2026-03-01 11:00 CET: wrong routine. The routine is due again as before.',
      severity: 'info',
    });
    expect(undoMessage('fr', routine, signoff({ by: 'bob', note: '' }), signoff(), 'UTC').text).toBe(
      'bob a annulé la validation de Check the backups (backups) faite par alice le 2026-03-01 10:00 UTC. La routine est de nouveau due comme avant.',
    );
  });
});
