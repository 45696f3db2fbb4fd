import { describe, expect, it } from 'vitest';
import { emailHtml, emailText } from './email.js';
import { md } from './format.js';
import { markdownToHtml, markdownToText } from './markdown.js';
import { mattermostText } from './mattermost.js';
import type { Message } from './types.js';

const msg: Message = {
  key: 'k',
  event: 'check.problem',
  title: 'web1 : 2 problèmes',
  text: `- **CRIT** \`apt.pending\` — ${md('12 <pending> a_b @all root@127.0.20.5')}\n  - Que faire : [apt.pending](https://d.example/checks/apt.pending.md)\n- **WARN** \`disk\` — 91 %`,
  url: 'https://ronde.example/hosts/web1',
};

describe('e-mail bodies from one markdown', () => {
  it('plain text has the words, not the markup', () => {
    expect(emailText(msg)).toBe(
      '- CRIT apt.pending — 12 <pending> a_b @all root@127.0.20.5\n' +
        '  - Que faire : apt.pending <https://d.example/checks/apt.pending.md>\n' +
        '- WARN disk — 91 %\n\nhttps://ronde.example/hosts/web1\n\n-- \nronde (check.problem)\n',
    );
  });

  it('HTML says the same, escaped, with the link text in the team language', () => {
    const html = emailHtml(msg, 'fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>web1 : 2 problèmes</title>');
    expect(html).toContain(
      '<strong>CRIT</strong> <code>apt.pending</code> — 12 &lt;pending&gt; a_b <code>@</code>all root@127.0.20.5',
    );
    expect(html).toContain('<a href="https://d.example/checks/apt.pending.md">apt.pending</a>');
    expect(html).toContain('<a href="https://ronde.example/hosts/web1">Ouvrir dans ronde</a>');
    expect(emailHtml(msg, 'en')).toContain('>Open in ronde</a>');
  });

  it('raw HTML and unsafe links never pass through', () => {
    expect(markdownToHtml('<img src=x onerror=alert(1)> <b>x</b>')).not.toMatch(/<img|<b>/);
    expect(markdownToHtml('[x](javascript:alert(1))')).toBe('<p>x</p>\n');
    expect(markdownToText('1. one\n2. two\n\npara **b**')).toBe('1. one\n2. two\n\npara b');
  });
});

describe('Mattermost post', () => {
  it('speaks the team language in its own words', () => {
    expect(mattermostText(msg, 16383, 'fr')).toContain(
      '[Ouvrir dans ronde](https://ronde.example/hosts/web1)',
    );
    const cut = mattermostText({ ...msg, text: 'x'.repeat(500) }, 200, 'fr');
    expect(cut).toMatch(/_\(coupé : \d+ caractères, Mattermost en accepte 200\)_/);
    expect(Array.from(cut).length).toBeLessThanOrEqual(200);
  });
});
