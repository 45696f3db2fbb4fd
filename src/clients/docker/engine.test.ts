import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../core/command.js';
import { DockerError } from './client.js';
import { absentSocket, engineFailure, socketProbe } from './engine.js';
import { dockerConnection } from './settings.js';

const conn = (d: Record<string, unknown> = {}) => dockerConnection.parse(d);
const TLS = { url: 'tcp://127.0.0.1:2376', ca: '/ca.pem', cert: '/c.pem', key: '/k.pem' };

function probe(path: string, over: Partial<CommandResult> = {}): CommandResult {
  return {
    argv: ['test', '-S', path],
    exitCode: 1,
    stdout: '',
    stderr: '',
    timedOut: false,
    durationMs: 1,
    ...over,
  };
}

describe('socketProbe', () => {
  it('tests the default socket, cheaply and never under sudo', () => {
    expect(socketProbe(conn())).toEqual([
      { argv: ['test', '-S', '/var/run/docker.sock'], timeoutSec: 10, sudo: false },
    ]);
  });

  it('tests the configured socket', () => {
    expect(socketProbe(conn({ socket: '/srv/docker.sock' }))[0]?.argv).toEqual([
      'test',
      '-S',
      '/srv/docker.sock',
    ]);
  });

  it('no probe for the TCP+TLS engine, nor for a socket on ronde’s own machine', () => {
    expect(socketProbe(conn(TLS))).toEqual([]);
    expect(socketProbe(conn({ via_ssh: false }))).toEqual([]);
    expect(socketProbe(conn({ via_ssh: false }), 'ssh')).toEqual([]);
    // A local host opens the socket where the script runs.
    expect(socketProbe(conn({ via_ssh: false }), 'local')).toHaveLength(1);
  });
});

describe('absentSocket', () => {
  it('no socket and nothing configured: not applicable, naming the path', () => {
    expect(absentSocket(probe('/var/run/docker.sock'), conn(), 'ssh')).toEqual({
      status: 'UNKNOWN',
      summary: 'no Docker socket at /var/run/docker.sock',
      reasons: [
        '/var/run/docker.sock is not a unix socket: Docker is not installed on this host, or not running',
      ],
      notApplicable: true,
    });
  });

  it('a configured socket that is not there: UNKNOWN, never not applicable', () => {
    const out = absentSocket(probe('/srv/none.sock'), conn({ socket: '/srv/none.sock' }), 'local');
    expect(out).toMatchObject({ status: 'UNKNOWN', summary: 'no Docker socket at /srv/none.sock' });
    expect(out?.notApplicable).toBeUndefined();
    expect(out?.reasons?.[0]).toContain('docker.socket option');
  });

  it('a socket there: go on (null)', () => {
    expect(absentSocket(probe('/var/run/docker.sock', { exitCode: 0 }), conn(), 'ssh')).toBeNull();
  });

  it.each([
    ['no probe output', undefined],
    ['exit 2', probe('/var/run/docker.sock', { exitCode: 2 })],
    ['exit null (did not complete)', probe('/var/run/docker.sock', { exitCode: null, error: 'lost' })],
    ['timed out', probe('/var/run/docker.sock', { exitCode: 124, timedOut: true })],
    ['an error though exit 1', probe('/var/run/docker.sock', { error: 'sudo refused' })],
    ['another path', probe('/other.sock')],
    ['another command', { ...probe('/var/run/docker.sock'), argv: ['df', '-B1', '/'] }],
  ])('never claims absent when the probe cannot tell: %s', (_what, out) => {
    expect(absentSocket(out, conn(), 'ssh')).toBeNull();
  });

  it('ignores a probe that did not look where the socket is opened', () => {
    expect(absentSocket(probe('/var/run/docker.sock'), conn({ via_ssh: false }), 'ssh')).toBeNull();
    const tls = absentSocket(probe('/var/run/docker.sock'), conn(TLS), 'ssh');
    expect(tls).toBeNull();
  });
});

describe('engineFailure', () => {
  const forwardFailed = new DockerError(
    'GET /info on ssh h1:/var/run/docker.sock: h1: cannot forward /var/run/docker.sock: (SSH) Channel open failure: open failed',
    'unreachable',
  );

  it('socket seen but SSH cannot open it: says why, keeps the original error', () => {
    const out = engineFailure(forwardFailed, conn(), probe('/var/run/docker.sock', { exitCode: 0 }), 'ssh');
    expect(out.status).toBe('UNKNOWN');
    expect(out.notApplicable).toBeUndefined();
    expect(out.summary).toBe(
      'the Docker socket /var/run/docker.sock exists but could not be opened over SSH: likely permission (the login user needs the docker group, or root) or AllowStreamLocalForwarding disabled in sshd_config',
    );
    expect(out.reasons).toEqual([out.summary, forwardFailed.message]);
  });

  it('without a probe that saw the socket, the original error stands', () => {
    for (const p of [undefined, probe('/var/run/docker.sock', { exitCode: 2 })])
      expect(engineFailure(forwardFailed, conn(), p, 'ssh')).toEqual({
        status: 'UNKNOWN',
        summary: forwardFailed.message,
        reasons: [forwardFailed.message],
      });
  });

  it('no socket found by the client itself (ENOENT) and nothing configured: not applicable, as before', () => {
    const enoent = new DockerError(
      'cannot reach the Docker engine at unix:///var/run/docker.sock: ENOENT',
      'unreachable',
    );
    expect(engineFailure(enoent, conn()).notApplicable).toBe(true);
    expect(engineFailure(enoent, conn({ socket: '/var/run/docker.sock' })).notApplicable).toBeUndefined();
  });

  it('rethrows what is not a Docker error (a bug, not an engine problem)', () => {
    expect(() => engineFailure(new TypeError('x'), conn())).toThrow(TypeError);
  });
});
