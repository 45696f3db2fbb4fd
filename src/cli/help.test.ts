import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { reflow, wrapHelp } from './help.js';

describe('reflow', () => {
  it('joins the lines of a paragraph and keeps paragraphs, indented lines and lists', () => {
    expect(reflow('One sentence\nbroken here.\n\nExit code:\n  0 ok\n  2 crit\n- a\n- b')).toBe(
      'One sentence broken here.\n\nExit code:\n  0 ok\n  2 crit\n- a\n- b',
    );
  });

  it('leaves a one-line text alone', () => {
    expect(reflow('Just this.')).toBe('Just this.');
  });
});

describe('wrapHelp', () => {
  it('wraps a long description at words, never inside one, at the help width', () => {
    const words = 'the quick brown fox jumps over the lazy dog and keeps running'.split(' ');
    const text = Array.from({ length: 6 }, (_, i) => words.slice(0, 6 + i).join(' ')).join('\n');
    const root = wrapHelp(new Command('x').description(text).configureHelp({ helpWidth: 40 }));
    const lines = root.helpInformation().split('\n');
    const body = lines.slice(2, lines.indexOf('Options:') - 1);
    for (const [i, line] of body.entries()) {
      expect(line.length).toBeLessThanOrEqual(40);
      // Filled: the next line's first word would not have fitted on this one.
      const next = body[i + 1];
      if (next) expect(line.length + 1 + next.split(' ')[0]!.length).toBeGreaterThan(40);
    }
  });
});
