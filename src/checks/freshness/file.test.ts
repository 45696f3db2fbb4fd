import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../core/command.js';
import { evaluateFreshnessFile, freshnessFile } from './file.js';

const res = (stdout: string, exitCode = 0, stderr = ''): CommandResult => ({
  argv: [],
  exitCode,
  stdout,
  stderr,
  timedOut: false,
  durationMs: 1,
});

describe('freshness.file in the team language', () => {
  const o = freshnessFile.options.parse({ path: '/srv/dump.sql', max_age: '1d' });

  it('says how old the file is, to two units, in English and French', () => {
    // 100 000 s between the mtime and the host clock: 1 day 3 h 46 min.
    const outputs = [res('1800000000.0\n'), res('1800100000\n')];
    expect(evaluateFreshnessFile(outputs, o, 'en').summary).toBe('/srv/dump.sql modified 1d 3h ago (max 1d)');
    expect(evaluateFreshnessFile(outputs, o, 'fr').summary).toBe(
      '/srv/dump.sql modifié il y a 1 j 3 h (maximum 1 j)',
    );
  });

  it('a missing file is CRIT, said in French', () => {
    const missing = [res('', 1, "find: '/srv/dump.sql': No such file or directory\n"), res('1800100000\n')];
    expect(evaluateFreshnessFile(missing, o, 'fr')).toMatchObject({
      status: 'CRIT',
      summary: 'fichier inexistant : /srv/dump.sql',
    });
  });
});
