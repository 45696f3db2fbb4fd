import { describe, expect, it } from 'vitest';
import type { AnyCheckKind, CheckOutcome } from '../../../core/check.js';
import type { CommandResult } from '../../../core/command.js';
import { TargetError } from '../../../core/target.js';
import { dockerDisk } from '../disk/index.js';
import { dockerImageAge } from '../image_age/index.js';
import { dockerServices } from '../services/index.js';
import { dockerUpdates } from '../updates/index.js';

/*
 * Every docker.* kind that opens a unix socket probes it first (`test -S`,
 * its only command) and judges from that probe before touching the API.
 * The SSH forwarder here records its calls and fails as ssh2 does when sshd
 * refuses the channel ("open failed").
 */

const KINDS: [string, AnyCheckKind, Record<string, unknown>][] = [
  ['docker.disk', dockerDisk, {}],
  ['docker.image_age', dockerImageAge, {}],
  ['docker.services', dockerServices, { expected: ['lab/app'] }],
  ['docker.updates', dockerUpdates, {}],
];
const TLS = { url: 'tcp://127.0.0.1:2376', ca: '/ca.pem', cert: '/c.pem', key: '/k.pem' };

function probeResult(
  path: string,
  exitCode: number | null,
  over: Partial<CommandResult> = {},
): CommandResult {
  return {
    argv: ['test', '-S', path],
    exitCode,
    stdout: '',
    stderr: '',
    timedOut: false,
    durationMs: 1,
    ...over,
  };
}

async function evaluateOverSsh(
  kind: AnyCheckKind,
  options: Record<string, unknown>,
  outputs: CommandResult[],
): Promise<{ out: CheckOutcome; forwards: string[] }> {
  const forwards: string[] = [];
  const out = await kind.evaluate({
    lang: 'en',
    options: kind.options.parse(options),
    target: {
      name: 'h1',
      transport: 'ssh',
      forwardUnixSocket: async (path: string) => {
        forwards.push(path);
        throw new TargetError(
          `h1: cannot forward ${path}: (SSH) Channel open failure: open failed`,
          'transport',
        );
      },
    },
    outputs,
    now: new Date('2026-01-01T00:00:00Z'),
    signal: new AbortController().signal,
    run: async () => [],
  });
  return { out, forwards };
}

describe.each(KINDS)('%s probes the socket first', (id, kind, base) => {
  it(`${id}: its only command is \`test -S\` on the default or configured socket; none for url:`, () => {
    expect(kind.commands(kind.options.parse(base))).toEqual([
      { argv: ['test', '-S', '/var/run/docker.sock'], timeoutSec: 10, sudo: false },
    ]);
    const custom = kind.commands(kind.options.parse({ ...base, docker: { socket: '/srv/d.sock' } }));
    expect(custom.map((c) => c.argv)).toEqual([['test', '-S', '/srv/d.sock']]);
    expect(kind.commands(kind.options.parse({ ...base, docker: TLS }))).toEqual([]);
  });

  it(`${id}: no socket, nothing configured: not applicable, and no SSH channel opened`, async () => {
    const { out, forwards } = await evaluateOverSsh(kind, base, [probeResult('/var/run/docker.sock', 1)]);
    expect(out).toEqual({
      status: 'UNKNOWN',
      summary: 'no Docker socket at /var/run/docker.sock',
      reasons: [expect.stringContaining('not a unix socket')],
      notApplicable: true,
    });
    expect(forwards).toEqual([]);
  });

  it(`${id}: a configured socket that is not there: UNKNOWN, not "not applicable"`, async () => {
    const options = { ...base, docker: { socket: '/srv/none.sock' } };
    const { out, forwards } = await evaluateOverSsh(kind, options, [probeResult('/srv/none.sock', 1)]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.summary).toBe('no Docker socket at /srv/none.sock');
    expect(out.notApplicable).toBeUndefined();
    expect(forwards).toEqual([]);
  });

  it(`${id}: socket there but SSH cannot open it: the likely causes, and sshd's own error`, async () => {
    const { out, forwards } = await evaluateOverSsh(kind, base, [probeResult('/var/run/docker.sock', 0)]);
    expect(forwards.length).toBeGreaterThan(0);
    expect(out.status).toBe('UNKNOWN');
    expect(out.notApplicable).toBeUndefined();
    expect(out.summary).toMatch(/exists but could not be opened over SSH: likely permission .*docker group/);
    expect(out.summary).toContain('AllowStreamLocalForwarding');
    expect(out.reasons?.[1]).toContain('h1: cannot forward /var/run/docker.sock: (SSH) Channel open failure');
  });

  it.each([
    ['exit 2', probeResult('/var/run/docker.sock', 2)],
    ['timed out', probeResult('/var/run/docker.sock', 124, { timedOut: true })],
    ['no output', undefined],
  ])(
    `${id}: a probe that cannot tell (%s) is ignored: the engine is asked, its error stands`,
    async (_w, p) => {
      const { out, forwards } = await evaluateOverSsh(kind, base, p ? [p] : []);
      expect(forwards.length).toBeGreaterThan(0);
      expect(new Set(forwards)).toEqual(new Set(['/var/run/docker.sock']));
      expect(out.status).toBe('UNKNOWN');
      expect(out.summary).toMatch(/cannot forward \/var\/run\/docker.sock: \(SSH\) Channel open failure/);
      expect(out.notApplicable).toBeUndefined();
    },
  );
});

describe('docker.updates with the running images listed', () => {
  it('asks nothing of the host and ignores any stray probe', async () => {
    const options = { running: [{ container: 'c', image: 'unwatched/img:1.0' }], all_images: false };
    expect(dockerUpdates.commands(dockerUpdates.options.parse(options))).toEqual([]);
    const { out } = await evaluateOverSsh(dockerUpdates, options, [probeResult('/var/run/docker.sock', 1)]);
    expect(out).toMatchObject({ status: 'OK', summary: 'none of the watched images runs here' });
  });
});
