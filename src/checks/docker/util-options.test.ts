import { describe, expect, it } from 'vitest';
import { dockerConnection, formatSize, parseSize, toConnection } from './util-options.js';

describe('parseSize / formatSize', () => {
  it.each([
    ['500M', 500 * 2 ** 20],
    ['20G', 20 * 2 ** 30],
    ['1.5T', 1.5 * 2 ** 40],
    ['2GiB', 2 * 2 ** 30],
    ['1024', 1024],
  ])('%s', (s, n) => expect(parseSize(s)).toBe(n));

  it('refuses what it cannot read', () => expect(() => parseSize('20 gigs')).toThrow(/invalid size/));
  it('formats binary units', () => expect(formatSize(3 * 2 ** 30)).toBe('3.0 GiB'));
});

describe('docker connection option', () => {
  it('reaches an SSH host through SSH unless told otherwise', () => {
    expect(toConnection(dockerConnection.parse({}), 'ssh')).toEqual({ viaSsh: true });
    expect(toConnection(dockerConnection.parse({}), 'local')).toEqual({});
    expect(toConnection(dockerConnection.parse({ via_ssh: false, socket: '/x.sock' }), 'ssh')).toEqual({
      socket: '/x.sock',
    });
  });

  it('refuses TCP without TLS client certificates', () => {
    expect(dockerConnection.safeParse({ url: 'tcp://127.0.20.1:2376' }).success).toBe(false);
    const ok = { url: 'tcp://127.0.0.1:2376', ca: '/a', cert: '/b', key: '/c' };
    expect(toConnection(dockerConnection.parse(ok), 'ssh')).toEqual(ok);
  });
});
