import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { said } from '../../core/said.js';
import { DockerError } from './errors.js';

/** dockerode (and its gRPC/protobuf tree) is loaded on first use: `ronde check` without Docker must not pay for it. */
const load = createRequire(import.meta.url);
let DockerodeClass: typeof Dockerode | undefined;
function dockerode(): typeof Dockerode {
  DockerodeClass ??= load('dockerode') as typeof Dockerode;
  return DockerodeClass;
}

/** How to reach one host's Docker engine (the `docker:` option of the docker.* checks). */
export interface DockerConnection {
  /** Unix socket of the engine; default /var/run/docker.sock (on the target when `viaSsh`). */
  socket?: string;
  /** `tcp://HOST:2376` or `https://HOST:2376`: TLS with `ca`, `cert`, `key`, always verified. */
  url?: string;
  ca?: string;
  cert?: string;
  key?: string;
  /** Forward the remote socket through the host's SSH connection. */
  viaSsh?: boolean;
}

/** Opens a stream to a unix socket on the target (the SSH target's `forwardUnixSocket`). */
export type UnixForwarder = (path: string, signal?: AbortSignal) => Promise<Duplex>;

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface OpenedDocker {
  docker: Dockerode;
  /** Where the engine is, for messages: `unix:///var/run/docker.sock`, `ssh web1:/var/run/docker.sock`. */
  where: string;
}

/**
 * A dockerode client for a connection. Every setting is given explicitly, so
 * DOCKER_HOST and DOCKER_CERT_PATH of ronde's own environment never redirect it.
 */
export function openDocker(
  conn: DockerConnection,
  opts: { target: string; forward?: UnixForwarder | undefined; timeoutMs?: number },
): OpenedDocker {
  const timeout = opts.timeoutMs ?? 30_000;
  const none = { host: undefined, socketPath: undefined, ca: undefined, cert: undefined, key: undefined };
  if (conn.url) {
    const url = parseUrl(conn.url);
    if (!conn.ca || !conn.cert || !conn.key)
      throw new DockerError(said('client.docker.noCerts', { url: conn.url }), 'config');
    const docker = new (dockerode())({
      ...none,
      protocol: 'https',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || '2376',
      ca: readPem(conn.ca, 'ca'),
      cert: readPem(conn.cert, 'cert'),
      key: readPem(conn.key, 'key'),
      timeout,
    });
    return { docker, where: `https://${url.host}` };
  }
  const socket = conn.socket ?? DEFAULT_SOCKET;
  if (conn.viaSsh) {
    const forward = opts.forward;
    if (!forward) throw new DockerError(said('client.docker.notSsh', { target: opts.target }), 'config');
    const agent = new http.Agent({ keepAlive: false });
    // Each HTTP connection is one direct-streamlocal channel of the pooled SSH connection.
    (agent as unknown as { createConnection: unknown }).createConnection = (
      _o: unknown,
      cb: (err: Error | null, s?: Duplex) => void,
    ) => {
      forward(socket).then(
        (s) => cb(null, asSocket(s)),
        (err: Error) => cb(err),
      );
    };
    // The host is never resolved: the agent above makes the connection.
    const docker = new (dockerode())({
      ...none,
      protocol: 'http',
      host: '127.0.0.1',
      port: 2375,
      timeout,
      agent,
    } as Dockerode.DockerOptions);
    return { docker, where: `ssh ${opts.target}:${socket}` };
  }
  return { docker: new (dockerode())({ ...none, socketPath: socket, timeout }), where: `unix://${socket}` };
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.replace(/^tcp:/, 'https:'));
  } catch {
    throw new DockerError(said('client.docker.badUrl', { url: raw }), 'config');
  }
  if (url.protocol !== 'https:')
    throw new DockerError(said('client.docker.urlScheme', { url: raw }), 'config');
  return url;
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DockerError(
      said('client.docker.cannotRead', { what, file, code: (err as NodeJS.ErrnoException).code ?? 'error' }),
      'config',
    );
  }
}

/**
 * An SSH channel has no socket methods; Node's HTTP client calls them
 * (setTimeout for the request time limit). The idle timer is done here: it
 * emits 'timeout' after `ms` without data, as a socket would.
 */
function asSocket(s: Duplex): Duplex {
  let timer: NodeJS.Timeout | undefined;
  let idleMs = 0;
  const arm = () => {
    clearTimeout(timer);
    if (idleMs > 0) timer = setTimeout(() => s.emit('timeout'), idleMs);
  };
  s.on('data', arm);
  s.once('close', () => clearTimeout(timer));
  return Object.assign(s, {
    setTimeout(ms: number, cb?: () => void) {
      idleMs = ms;
      if (cb) s.once('timeout', cb);
      arm();
      return s;
    },
    setNoDelay: () => s,
    setKeepAlive: () => s,
    ref: () => s,
    unref: () => s,
  });
}
