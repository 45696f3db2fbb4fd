import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findArgv, parseFindErrors, parseFindOutput, planGlob } from './parse.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/tls/${name}`, import.meta.url), 'utf8');
const LIVE = '/tmp/ronde-tlscap/etc/letsencrypt/live';

describe('planGlob / findArgv', () => {
  it('starts find at the longest literal directory, at the exact depth of the glob', () => {
    expect(planGlob('/etc/letsencrypt/live/*/cert.pem')).toEqual({ base: '/etc/letsencrypt/live', depth: 2 });
    expect(planGlob('/etc/ssl/mail.pem')).toEqual({ base: '/etc/ssl', depth: 1 });
    expect(planGlob('/srv/**/tls/*.crt')).toEqual({ base: '/srv', depth: null });
  });

  it('passes the glob to find as one argv word, never through a shell', () => {
    const argv = findArgv("/etc/x y/*/it's.pem");
    expect(argv.slice(0, 9)).toEqual([
      'find',
      '-L',
      '/etc/x y',
      '-mindepth',
      '2',
      '-maxdepth',
      '2',
      '-path',
      "/etc/x y/*/it's.pem",
    ]);
  });
});

describe('parseFindOutput', () => {
  it('reads real output: files with their first certificate, dangling symlinks, non-PEM files', () => {
    const { files, malformed } = parseFindOutput(fixture('live-mixed.stdout'));
    expect(malformed).toBe(false);
    expect(
      files.map((f) => [
        f.path.slice(LIVE.length + 1),
        f.broken,
        f.pem.startsWith('-----BEGIN CERTIFICATE-----'),
      ]),
    ).toEqual([
      ['gone.example.org/cert.pem', true, false],
      ['pad.example.org/cert.pem', false, true],
      ['old.example.org/cert.pem', false, true],
      ['garbage.example.org/cert.pem', false, false],
      ['next.example.org/cert.pem', false, true],
    ]);
  });

  it('never carries a private key, even when the glob matches it', () => {
    const out = fixture('live-privkey.stdout');
    expect(out).not.toContain('PRIVATE KEY');
    const keys = parseFindOutput(out).files.filter((f) => f.path.endsWith('privkey.pem'));
    expect(keys).toHaveLength(3);
    expect(keys.every((k) => k.pem === '')).toBe(true);
  });

  it('never throws on random text, and paths are never empty', () => {
    const pieces = fc.constantFrom(
      '\0',
      'ronde-file',
      'ronde-broken',
      '/a',
      '-----BEGIN CERTIFICATE-----\n',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(pieces).map((a) => a.join('')),
        ),
        (s) => {
          for (const f of parseFindOutput(s).files) expect(f.path).not.toBe('');
        },
      ),
    );
  });
});

describe('parseFindErrors', () => {
  it('tells a missing directory from a permission denied one (real stderr)', () => {
    expect(parseFindErrors(fixture('live-missing.stderr'))).toEqual([
      { path: '/tmp/ronde-tlscap/etc/nocertbot/live', kind: 'missing', message: expect.any(String) },
    ]);
    expect(parseFindErrors(fixture('live-denied-dir.stderr'))).toEqual([
      { path: LIVE, kind: 'denied', message: `find: '${LIVE}': Permission denied` },
    ]);
    expect(parseFindErrors("sed: can't read /x/cert.pem: Permission denied\n")[0]).toMatchObject({
      path: '/x/cert.pem',
      kind: 'denied',
    });
  });

  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseFindErrors(s)));
  });
});
