import { readFileSync, statSync } from 'node:fs';
import { type LookupFunction, connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type AuthHandlerMiddleware, Client } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader does not see `utils` as a named export.
const { utils } = ssh2;

import { TargetError } from '../../core/target.js';
import { checkHostKey, fingerprint, hostKeyAlgorithms, type KnownHostEntry } from './known-hosts.js';
import { describeHost, type ResolvedHost } from './options.js';

export interface ConnectOptions {
  knownHosts: readonly KnownHostEntry[];
  /** Stream through a jump host (`forwardOut`), else a TCP connection is made. */
  sock?: Duplex;
  lookup?: LookupFunction;
  signal?: AbortSignal;
  /** Accept any key and report it (for `ronde hosts trust`); never used to run commands. */
  captureHostKey?: (key: Buffer) => void;
}

type Stage = 'tcp' | 'banner' | 'kex' | 'auth';

/**
 * One authenticated ssh2 connection, or a TargetError that says what went
 * wrong in words a sysadmin acts on: refused, no banner, host key, auth
 * (with the methods tried), timeout at which stage.
 */
export function connectSsh(host: ResolvedHost, opts: ConnectOptions): Promise<Client> {
  return new Promise((resolve, reject) => {
    const who = describeHost(host);
    const client = new Client();
    let stage: Stage = opts.sock ? 'banner' : 'tcp';
    let settled = false;
    let hostKeyError: TargetError | undefined;
    const auth = buildAuth(host);

    const fail = (err: TargetError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      client.removeAllListeners('ready');
      client.on('error', () => {}); // late errors of a connection we gave up on
      client.end();
      sock.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(timeoutError(stage, who, host.connectTimeoutSec)),
      host.connectTimeoutSec * 1000,
    );
    const onAbort = () => fail(new TargetError(`interrupted while connecting to ${who}`, 'interrupted'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const sock: Duplex =
      opts.sock ??
      netConnect({ host: host.address, port: host.port, ...(opts.lookup ? { lookup: opts.lookup } : {}) });
    if (!opts.sock) sock.once('connect', () => (stage = 'banner'));
    sock.once('data', () => {
      if (stage === 'banner') stage = 'kex';
    });
    sock.on('error', (err: NodeJS.ErrnoException) => fail(socketError(err, who, stage)));

    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (hostKeyError) fail(hostKeyError);
      else if (err.level === 'client-authentication') fail(auth.error(who));
      else if ((err as NodeJS.ErrnoException).code && stage !== 'auth')
        fail(socketError(err as NodeJS.ErrnoException, who, stage));
      else fail(new TargetError(`SSH to ${who} failed during ${stage}: ${err.message}`, 'transport'));
    });
    client.on('close', () =>
      fail(
        new TargetError(
          stage === 'banner'
            ? `${who} closed the connection without an SSH banner`
            : `${who} closed the connection during ${stage === 'kex' ? 'key exchange' : stage}`,
          'transport',
        ),
      ),
    );

    client.connect({
      sock,
      username: host.user,
      readyTimeout: (host.connectTimeoutSec + 5) * 1000, // ours fires first, with a clearer message
      keepaliveInterval: host.keepaliveIntervalSec * 1000,
      keepaliveCountMax: host.keepaliveCountMax,
      algorithms: { serverHostKey: hostKeyAlgorithms(opts.knownHosts, host.knownHostsName) },
      hostVerifier: (key: Buffer) => {
        stage = 'auth';
        if (opts.captureHostKey) {
          opts.captureHostKey(key);
          hostKeyError = new TargetError('host key captured', 'hostkey-unknown');
          return false;
        }
        hostKeyError = verifyHostKey(host, opts.knownHosts, key);
        return hostKeyError === undefined;
      },
      // ssh2 passes null before the first attempt and accepts `false` for "no more"; its types say neither.
      authHandler: auth.handler as unknown as AuthHandlerMiddleware,
    });
  });
}

function verifyHostKey(
  host: ResolvedHost,
  entries: readonly KnownHostEntry[],
  key: Buffer,
): TargetError | undefined {
  const v = checkHostKey(entries, host.knownHostsName, key);
  const fp = fingerprint(key);
  const type = key.subarray(4, 4 + key.readUInt32BE(0)).toString('latin1');
  switch (v.kind) {
    case 'known':
      return undefined;
    case 'revoked':
      return new TargetError(
        `host key of ${host.name} (${host.knownHostsName}) is REVOKED (${v.entry.file}:${v.entry.line}): ${type} ${fp}; no command was run`,
        'hostkey-changed',
        'CRIT',
      );
    case 'changed':
      return new TargetError(
        `host key changed for ${host.name} (${host.knownHostsName}): it now presents ${type} ${fp}, ` +
          `known as ${v.expected.map((e) => `${fingerprint(e.key)} (${e.file}:${e.line})`).join(', ')}. ` +
          'Someone may be intercepting the connection, or the host was reinstalled; no command was run. ' +
          `Check the new key out of band, remove the old line, then run \`ronde hosts trust ${host.name}\`.`,
        'hostkey-changed',
        'CRIT',
      );
    case 'unknown':
      return new TargetError(
        `host key of ${host.name} (${host.knownHostsName}) is not known: ${type} ${fp}` +
          (v.otherTypes.length ? ` (only ${v.otherTypes.join(', ')} keys are known for it)` : '') +
          `. Check the fingerprint, then run \`ronde hosts trust ${host.name}\`.`,
        'hostkey-unknown',
      );
  }
}

interface Auth {
  handler: (
    left: AuthenticationType[] | null,
    partial: boolean | null,
    next: (m: AnyAuthMethod | false) => void,
  ) => void;
  error(who: string): TargetError;
}

/** Keys then agent, as ssh does by default; remembers what was tried for the failure message. */
function buildAuth(host: ResolvedHost): Auth {
  const methods: Array<{ method: AnyAuthMethod; label: string }> = [];
  const skipped: string[] = [];
  for (const file of host.identities) {
    let parsed: ReturnType<typeof utils.parseKey>;
    try {
      parsed = utils.parseKey(readFileSync(file));
    } catch (err) {
      skipped.push(`${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      continue;
    }
    if (parsed instanceof Error) {
      skipped.push(
        `${file} (${/encrypt|passphrase/i.test(parsed.message) ? 'encrypted: load it in ssh-agent' : parsed.message})`,
      );
      continue;
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    methods.push({ method: { type: 'publickey', username: host.user, key }, label: `publickey ${file}` });
  }
  if (host.agent && isSocket(host.agent))
    methods.push({
      method: { type: 'agent', username: host.user, agent: host.agent },
      label: `agent ${host.agent}`,
    });
  else if (host.agent) skipped.push(`agent ${host.agent} (no such socket)`);

  const tried: string[] = [];
  let serverMethods: string[] | null = null;
  let i = 0;
  return {
    handler(left, _partial, next) {
      if (left) serverMethods = left;
      while (i < methods.length) {
        const m = methods[i++]!;
        const kind = m.method.type === 'agent' ? 'publickey' : m.method.type;
        if (left && !left.includes(kind as AuthenticationType)) continue;
        tried.push(m.label);
        next(m.method);
        return;
      }
      next(false);
    },
    error(who) {
      return new TargetError(
        `authentication failed for ${who}: tried ${tried.length ? tried.join(', ') : 'nothing'}` +
          (skipped.length ? `; skipped ${skipped.join(', ')}` : '') +
          (serverMethods ? `; the server accepts ${serverMethods.join(', ')}` : ''),
        'auth',
      );
    },
  };
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

function timeoutError(stage: Stage, who: string, sec: number): TargetError {
  const what: Record<Stage, string> = {
    tcp: 'TCP connection not established',
    banner: 'the port accepted the connection but sent no SSH banner',
    kex: 'key exchange did not finish',
    auth: 'authentication did not finish',
  };
  return new TargetError(`connection to ${who} timed out after ${sec} s: ${what[stage]}`, 'timeout');
}

function socketError(err: NodeJS.ErrnoException, who: string, stage: Stage): TargetError {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED')
    return new TargetError(`connection to ${who} refused (nothing listens on that port)`, 'unreachable');
  if (['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
    return new TargetError(`cannot reach ${who}: ${err.message}`, 'unreachable');
  if (code === 'ETIMEDOUT') return timeoutError(stage, who, 0);
  return new TargetError(`connection to ${who} broke during ${stage}: ${err.message}`, 'transport');
}
