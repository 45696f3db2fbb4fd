import { describe, expect, it } from 'vitest';
import { INVISIBLE } from '../i18n/index.js';
import {
  type CheckChange,
  type Draft,
  digestMessage,
  docsLink,
  problemMessage,
  type RoutineInfo,
  recoveryMessage,
  routineDueMessage,
  routineOverdueMessage,
  summaryMessage,
  unknownMessage,
} from './format.js';

/* Every kind of post, in both languages, from the same inputs. */

const change = (c: Partial<CheckChange>): CheckChange => ({
  check: 'apt.pending',
  target: 'web1',
  from: 'OK',
  to: 'CRIT',
  summary: '12 (3 sécurité)',
  ...c,
});

const routine: RoutineInfo = {
  id: 'updates',
  title: 'Mettre à jour les VM',
  checklist: ['apt update', 'apt full-upgrade'],
  dueDate: '2026-12-01',
  overdueDays: 4,
  person: { member: { name: 'Alice', mattermost: 'alice' }, assigned: false },
  lastDone: { by: 'Bob', at: '2026-11-01' },
};

function all(lang: 'en' | 'fr'): Draft[] {
  const problem = change({
    docs: docsLink('apt.pending', 'https://docs.example/ronde/docs'),
    routines: [{ id: 'updates', title: 'Mettre à jour les VM' }],
  });
  return [
    problemMessage(lang, 'web1', [problem]),
    problemMessage(lang, 'web1', [problem, change({ check: 'system.disk', to: 'WARN' })]),
    recoveryMessage(lang, 'web1', [change({ from: 'CRIT', to: 'OK', summary: 'up to date' })]),
    unknownMessage(lang, 'web1', [change({ to: 'UNKNOWN', summary: 'ssh root@127.0.20.5: refused' })]),
    summaryMessage(lang, [{ check: 'apt.pending', target: 'web1', status: 'CRIT', summary: 'x' }]),
    routineDueMessage(lang, routine),
    routineOverdueMessage(lang, routine),
    digestMessage(lang, {
      week: '2026-W49',
      overdue: [routine],
      problems: [{ check: 'apt.pending', target: 'web1', status: 'CRIT', summary: 'x' }],
      done: [{ title: 'Sauvegardes', by: 'Bob', at: '2026-12-02' }],
      longest: [{ member: { name: 'Chloé' }, lastAt: null }],
    }),
  ];
}

describe('posts in the team language', () => {
  it('English', () => {
    const [one, two, rec, unk, sum, due, over, dig] = all('en');
    expect(one!.title).toBe('web1: apt.pending is CRIT');
    expect(one!.text).toContain('_(was OK)_');
    expect(one!.text).toContain(
      'What to do: [apt.pending](https://docs.example/ronde/docs/checks/apt.pending.md)',
    );
    expect(one!.text).toContain('Routine: Mettre à jour les VM (`ronde routines show updates`)');
    expect(two!.title).toBe('web1: 2 problems');
    expect(rec!.title).toBe('web1: apt.pending is OK again');
    expect(unk!.title).toBe('web1: cannot check apt.pending');
    expect(sum!.text).toContain('ronde now watches 1 check on 1 host: 1 CRIT.');
    expect(due!.title).toBe('Due today: Mettre à jour les VM');
    expect(over!.title).toBe('Overdue by 4 days: Mettre à jour les VM');
    expect(over!.text).toContain('was due on 2026-12-01, 4 days ago.');
    expect(over!.text).toContain('Suggested: @alice');
    expect(dig!.title).toBe('Weekly digest 2026-W49');
    expect(dig!.text).toContain('**Longest without a routine:** Chloé (never)');
  });

  it('French', () => {
    const [one, two, rec, unk, sum, due, over, dig] = all('fr');
    expect(one!.title).toBe('web1 : apt.pending est CRIT');
    expect(one!.text).toContain('_(était OK)_');
    expect(one!.text).toContain('Que faire : [apt.pending](');
    expect(one!.text).toContain('Routine : Mettre à jour les VM');
    expect(two!.title).toBe('web1 : 2 problèmes');
    expect(rec!.title).toBe('web1 : apt.pending est de nouveau OK');
    expect(unk!.title).toBe('web1 : impossible de vérifier apt.pending');
    expect(unk!.text).toContain('L’état de ces vérifications est inconnu');
    expect(sum!.title).toBe('ronde commence sa ronde');
    expect(sum!.text).toContain('ronde surveille désormais 1 vérification sur 1 hôte : 1 CRIT.');
    expect(sum!.text).toContain('Problèmes actuels :');
    expect(due!.title).toBe('À faire aujourd’hui : Mettre à jour les VM');
    expect(over!.title).toBe('En retard de 4 jours : Mettre à jour les VM');
    expect(over!.text).toContain('était à faire le 2026-12-01, il y a 4 jours.');
    expect(over!.text).toContain('Suggestion : @alice');
    expect(over!.text).toContain('Une fois fait : `ronde done updates --by NOM`');
    expect(dig!.title).toBe('Bilan de la semaine 2026-W49');
    expect(dig!.text).toContain('**Routines en retard :**');
    expect(dig!.text).toContain('Chloé (jamais)');
    // No English sentence left in a French post.
    for (const d of all('fr'))
      expect(`${d.title}\n${d.text}`.replace(/\(https?:[^)]*\)|`[^`]*`/g, '')).not.toMatch(
        /\b(is|was|due|ago|cannot|checks?|Overdue|Suggested|never)\b/,
      );
  });

  it('no post holds an invisible character', () => {
    for (const d of [...all('en'), ...all('fr')]) expect(`${d.title}\n${d.text}`).not.toMatch(INVISIBLE);
    expect(all('en')[3]!.text).toContain('ssh root@127.0.20.5: refused');
  });

  it('links the installed docs as a path when no docs URL is set', () => {
    expect(docsLink('apt.pending')).toMatch(/^`\/.*\/docs\/checks\/apt\.pending\.md`$/);
  });
});
