import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from './suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('apt.pendng', 'apt.pending')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('apt.pendign', 'apt.pending')).toBe(1);
    expect(editDistance('wbe1', 'web1')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['docker1', 'dockr1'],
      ['ca', 'abc'],
      ['system.units', 'sytsem.unit'],
    ] as const)
      expect(editDistance(a, b)).toBe(editDistance(b, a));
  });
});

describe('suggest', () => {
  const hosts = ['web1', 'web2', 'db1', 'docker1'];

  it('finds the typo of a name', () => {
    expect(suggest('dockr1', hosts)).toBe('docker1');
    expect(suggest('apt.pendng', ['system.disk', 'apt.pending'])).toBe('apt.pending');
    expect(suggest('WEB1', hosts)).toBe('web1');
  });

  it('prefers the nearest, then the first listed', () => {
    expect(suggest('web3', hosts)).toBe('web1');
    expect(suggest('wbe2', hosts)).toBe('web2');
  });

  it('suggests nothing far away, nor the word itself', () => {
    expect(suggest('mailserver', hosts)).toBeUndefined();
    expect(suggest('web1', ['web1'])).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });

  it('phrases the hint once for every message', () => {
    expect(didYouMean('dockr1', hosts)).toBe(' — did you mean "docker1"?');
    expect(didYouMean('zzz', hosts)).toBe('');
  });
});
