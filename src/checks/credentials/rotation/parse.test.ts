import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLog, parseLsFiles } from './parse.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../../test/fixtures/credentials/rotation', name), 'utf8');

describe('credentials.rotation parsers (real git output)', () => {
  it('lists the entries, spaces and accents kept', () => {
    expect(parseLsFiles(fixture('ls-files.txt'))).toEqual([
      'root/db 1',
      'root/web1',
      'root/été',
      'services/gitlab/admin',
    ]);
  });

  it('gives each entry its newest commit', () => {
    const { lastChange, malformed } = parseLog(fixture('log.txt'));
    expect(malformed).toBe(0);
    expect(Object.fromEntries(lastChange)).toEqual({
      'root/été': Date.parse('2026-11-02T10:00:00Z') / 1000,
      'root/web1': Date.parse('2026-11-01T10:00:00Z') / 1000,
      'services/gitlab/admin': Date.parse('2026-06-01T10:00:00Z') / 1000,
      'root/db 1': Date.parse('2026-05-01T10:00:00Z') / 1000,
    });
  });

  it('counts garbage instead of throwing', () => {
    expect(parseLog('x.gpg\n@abc\n').malformed).toBe(2);
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseLog(s);
        parseLsFiles(s);
      }),
    );
  });
});
