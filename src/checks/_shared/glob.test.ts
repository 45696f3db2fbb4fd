import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesAny } from './glob.js';

describe('globToRegExp', () => {
  it('keeps * and ? within one path segment, lets ** cross them', () => {
    expect(matchesAny('/var/lib/docker', ['/var/*'])).toBe(false);
    expect(matchesAny('/var/lib/docker', ['/var/**'])).toBe(true);
    expect(matchesAny('/mnt/data disk', ['/mnt/data?disk'])).toBe(true);
    expect(matchesAny('backup-db.service', ['backup-*.service'])).toBe(true);
    expect(matchesAny('backup-db.timer', ['backup-*.service'])).toBe(false);
  });

  it('supports classes and negated classes, and treats regex characters literally', () => {
    expect(matchesAny('/dev/sda1', ['/dev/sd[a-c]1'])).toBe(true);
    expect(matchesAny('/dev/sdd1', ['/dev/sd[!a-c]1'])).toBe(true);
    expect(matchesAny('a+b.(x)', ['a+b.(x)'])).toBe(true);
    expect(matchesAny('aab', ['a+b'])).toBe(false);
  });

  it('never throws, whatever the glob (a bad class is matched literally)', () => {
    expect(matchesAny('[z-a]', ['[z-a]'])).toBe(true);
    fc.assert(fc.property(fc.string(), fc.string(), (g, s) => void globToRegExp(g).test(s)));
  });
});
