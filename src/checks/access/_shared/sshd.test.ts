import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYS_FILES, expandKeysFile, parseSshdT, scanSshdConfig } from './sshd.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/access/review');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('AuthorizedKeysFile from sshd -T', () => {
  it('reads the effective value, tokens unexpanded; none is no file', () => {
    expect(parseSshdT(fixture('sshd-T-debian12.txt'))).toEqual(DEFAULT_KEYS_FILES);
    expect(parseSshdT(fixture('sshd-T-custom.txt'))).toEqual([
      '%h/.ssh/keys_%u',
      '/etc/ssh/authorized_keys/%u',
    ]);
    expect(parseSshdT('port 22\nauthorizedkeysfile none\n')).toEqual([]);
    // Not run (not root: "no hostkeys available"): nothing to say.
    expect(parseSshdT('sshd: no hostkeys available -- exiting.\n')).toBeUndefined();
  });
});

describe('AuthorizedKeysFile from sshd_config', () => {
  it('Debian’s stock file: the value is commented out, its Include comes first', () => {
    expect(scanSshdConfig(fixture('sshd_config-debian12'))).toEqual({
      includes: ['/etc/ssh/sshd_config.d/*.conf'],
      matchOverrides: false,
    });
  });

  it('takes the first value outside Match, with = and quotes, and says a Match sets another', () => {
    const text = [
      '# ronde',
      'Port 22',
      'AuthorizedKeysFile=.ssh/authorized_keys "/etc/ssh/keys/%u"',
      'authorizedkeysfile /ignored/second',
      'Match Group sftp',
      '  AuthorizedKeysFile /srv/sftp/%u/keys',
      'Match all',
      '',
    ].join('\n');
    expect(scanSshdConfig(text)).toEqual({
      patterns: ['.ssh/authorized_keys', '/etc/ssh/keys/%u'],
      includes: [],
      matchOverrides: true,
    });
    expect(scanSshdConfig('AuthorizedKeysFile none\n').patterns).toEqual([]);
    // An Include after the value cannot change it; a relative one is under /etc/ssh.
    expect(scanSshdConfig('Include extra.conf\nAuthorizedKeysFile a\nInclude late.conf\n')).toEqual({
      patterns: ['a'],
      includes: ['/etc/ssh/extra.conf'],
      matchOverrides: false,
    });
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (s) => void scanSshdConfig(s)));
    fc.assert(fc.property(fc.string(), (s) => void parseSshdT(s)));
  });
});

describe('expandKeysFile', () => {
  const alice = { name: 'alice', home: '/home/alice', uid: '1000' };
  it('expands %h, %u, %U and %%; relative paths are under the home', () => {
    expect(expandKeysFile('.ssh/authorized_keys', alice)).toBe('/home/alice/.ssh/authorized_keys');
    expect(expandKeysFile('%h/.ssh/keys_%u', alice)).toBe('/home/alice/.ssh/keys_alice');
    expect(expandKeysFile('/etc/ssh/keys/%U', alice)).toBe('/etc/ssh/keys/1000');
    expect(expandKeysFile('/etc/ssh/100%%/%u', alice)).toBe('/etc/ssh/100%/alice');
    expect(expandKeysFile('keys', { ...alice, home: '/' })).toBe('/keys');
  });

  it('refuses a token it cannot expand rather than guess', () => {
    expect(expandKeysFile('/etc/ssh/%k', alice)).toBeUndefined();
  });
});
