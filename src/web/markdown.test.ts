import fc from 'fast-check';
import { expect, it } from 'vitest';
import { markdownToHtml } from './markdown.js';

it('renders the markdown of routine descriptions', () => {
  expect(
    markdownToHtml('Restore **one** dump, see [the wiki](https://wiki.example.org/b).\nThen `ls`.'),
  ).toBe(
    '<p>Restore <strong>one</strong> dump, see <a href="https://wiki.example.org/b" rel="noopener noreferrer">the wiki</a>.<br>Then <code>ls</code>.</p>',
  );
  expect(markdownToHtml('- a\n- *b*\n\n1. c')).toBe(
    '<ul><li>a</li><li><em>b</em></li></ul>\n<ol><li>c</li></ol>',
  );
});

it('never lets markup or a javascript: link through', () => {
  const html = markdownToHtml('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>');
  expect(html).not.toMatch(/<script|<img|href="javascript/);
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = markdownToHtml(s);
      expect(
        out.replace(
          /<\/?(p|br|ul|ol|li|strong|em|code|a)( href="(https?:|mailto:)[^"]*" rel="noopener noreferrer")?>/g,
          '',
        ),
      ).not.toMatch(/[<>]/);
    }),
  );
});
