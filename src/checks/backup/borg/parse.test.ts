import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { borgFailure, parseBorgInfo, parseBorgLog, parseBorgTime } from './parse.js';

const fixtures = join(import.meta.dirname, '../../../../test/fixtures/backup/borg');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('parseBorgInfo (borg 1.2 info --json)', () => {
  it('reads the archives newest first, with original size and file count', () => {
    const archives = parseBorgInfo(fixture('info-last2.json'));
    expect(archives).toEqual([
      expect.objectContaining({ name: 'h-2', size: 300_000, files: 2, deduplicated: 100_847 }),
      expect.objectContaining({ name: 'h-1', size: 200_000, files: 1 }),
    ]);
    if (typeof archives === 'string') throw new Error(archives);
    expect(new Date(archives[1]!.start * 1000).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('gives an empty list for a repository without archives', () => {
    expect(parseBorgInfo(fixture('info-empty.json'))).toEqual([]);
  });

  it('says it in French to a French team, on captured output', () => {
    // A borg that failed prints its error on stdout's place: no JSON at all.
    expect(parseBorgInfo(fixture('ssh-refused.stderr'), 'fr')).toBe('borg info n’a affiché aucun JSON');
    expect(parseBorgInfo(fixture('info-last2.json').replace('"archives"', '"archive"'), 'fr')).toBe(
      'le JSON de borg info n’a pas de liste archives',
    );
  });

  it('says what is wrong with output that is not borg info JSON', () => {
    expect(parseBorgInfo('')).toBe('borg info printed no JSON');
    expect(parseBorgInfo('{"repository": {}}')).toBe('borg info JSON has no archives list');
    expect(parseBorgInfo('{"archives": [{"name": "a", "id": "x", "start": "yesterday"}]}')).toMatch(
      /without name, id, start or original_size/,
    );
  });

  it('never throws on arbitrary text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (s) => {
        const r = parseBorgInfo(s);
        expect(typeof r === 'string' || Array.isArray(r)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.anything()), (archives) => {
        const r = parseBorgInfo(JSON.stringify({ archives }));
        if (Array.isArray(r)) for (const a of r) expect(Number.isFinite(a.start) && a.size >= 0).toBe(true);
      }),
    );
  });
});

describe('parseBorgTime', () => {
  it('reads borg’s offset-less times as UTC (ronde runs borg with TZ=UTC)', () => {
    expect(parseBorgTime('2026-11-25T14:41:51.123456')).toBe(Date.UTC(2026, 10, 25, 14, 41, 51, 123) / 1000);
    expect(parseBorgTime('2026-11-25T14:41:51')).toBe(Date.UTC(2026, 10, 25, 14, 41, 51) / 1000);
    expect(parseBorgTime('2026-11-25')).toBeNull();
    expect(parseBorgTime(12)).toBeNull();
  });
});

describe('borgFailure', () => {
  it('classifies borg’s --log-json errors by message id', () => {
    expect(borgFailure(fixture('wrong-passphrase.stderr'), 2, 'en')).toEqual({
      status: 'UNKNOWN',
      cause: 'password',
      why: 'wrong passphrase: passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.',
    });
    expect(borgFailure(fixture('missing.stderr'), 2, 'en')).toEqual({
      status: 'CRIT',
      why: 'Repository /srv/nope does not exist.',
    });
    expect(borgFailure(fixture('ssh-refused.stderr'), 2, 'en')).toEqual({
      status: 'UNKNOWN',
      why: 'Connection closed by remote host. Is borg working on the server?',
    });
  });

  it('keeps plain lines (a failing password command) and never throws', () => {
    const stderr =
      'cat: /etc/ronde/borg.pass: Permission denied\n{"type": "log_message", "message": "passcommand supplied in BORG_PASSCOMMAND failed", "levelname": "ERROR", "msgid": "PasscommandFailure"}\n';
    expect(parseBorgLog(stderr).map((l) => l.level)).toEqual(['TEXT', 'ERROR']);
    expect(borgFailure(stderr, 2, 'en').why).toBe('passcommand supplied in BORG_PASSCOMMAND failed');
    expect(borgFailure('', 2, 'en').why).toBe('borg exited with 2');
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer()), (s, code) => {
        const f = borgFailure(s, code, 'en');
        expect(f.why.length).toBeGreaterThan(0);
        expect(f.why.length).toBeLessThanOrEqual(320);
      }),
    );
  });
});
