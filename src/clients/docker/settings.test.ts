import { describe, expect, it } from 'vitest';
import { dockerConnection, toConnection } from './settings.js';

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
