import { describe, expect, it } from 'vitest';
import { suggestionsSection } from './suggestions.js';

describe('the digest suggestions section', () => {
  it('is absent when nothing is suggested', () => {
    expect(suggestionsSection('en', [])).toBeUndefined();
  });

  it('escapes what checks say, links the URL, and speaks the team language', () => {
    const text = suggestionsSection('fr', [
      {
        check: 'gitlab.issues',
        target: 'ronde',
        summary: '1 open issue idle for 90+ days',
        items: [
          {
            text: 'team/infra#3 Fix *everything* (now)',
            url: 'https://gitlab.example.org/team/infra/-/issues/3',
            since: '2025-01-02',
            group: '@alice',
          },
          { text: 'no link' },
        ],
      },
    ]);
    expect(text).toBe(
      [
        '**Quand vous aurez un moment :**',
        '- `gitlab.issues` (ronde) — 1 open issue idle for 90+ days',
        '  - **`@`alice**',
        '    - [team/infra\\#3 Fix \\*everything\\* (now)](https://gitlab.example.org/team/infra/-/issues/3) — sans activité depuis le 2025-01-02',
        '  - no link',
      ].join('\n'),
    );
  });
});

describe('grouping', () => {
  it('lists each group once, in the order the kind gave (oldest first)', () => {
    const item = (text: string, group: string) => ({ text, group });
    const text = suggestionsSection('en', [
      {
        check: 'gitlab.issues',
        target: 'ronde',
        summary: '3 open issues',
        items: [item('a#1 One', 'tls'), item('a#2 Two', 'docs'), item('a#3 Three', 'tls')],
      },
    ]);
    expect(text?.split('\n').slice(2)).toEqual([
      '  - **tls**',
      '    - a\\#1 One',
      '    - a\\#3 Three',
      '  - **docs**',
      '    - a\\#2 Two',
    ]);
  });
});
