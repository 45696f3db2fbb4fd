import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ronde, tempDir } from './run-cli.js';

// A ronde.yaml from a shared repository can be hostile: the CLI must say where, with exit 78
// (a configuration error), never "internal error" with exit 70.

function config(text: string): string {
  const file = join(tempDir(), 'ronde.yaml');
  writeFileSync(file, text);
  return file;
}

describe('ronde on a hostile ronde.yaml', () => {
  it('an alias bomb is a located configuration error (exit 78), found at once', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [prev, cur] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi'])
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const file = config(`${lines.join('\n')}\n`);
    for (const args of [['check'], ['config', 'validate']]) {
      const r = ronde([...args, '--config', file]);
      expect(r.code, r.stderr).toBe(78);
      expect(r.stderr).toMatch(/ronde\.yaml:9:\d+: aliases would add [\d,]+ values .*\(an alias bomb\?\)/);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('an undefined alias is a located configuration error (exit 78)', () => {
    const r = ronde(['check', '--config', config('hosts:\n  - name: web1\n    tags: *web\n')]);
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toMatch(/ronde\.yaml:3:11: alias \*web refers to no anchor/);
  });

  it('100,000 unknown keys: 50 problems listed, then the count of the rest', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  key${i}: ${i}`).join('\n');
    const r = ronde(['config', 'validate', '--config', config(`defaults:\n${keys}\n`)]);
    expect(r.code, r.stderr).toBe(78);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(52);
    expect(lines.at(-2)).toBe('… and 99950 more problems (not listed)');
    expect(lines.at(-1)).toBe('100000 problems in the configuration');
  }, 60_000);
});
