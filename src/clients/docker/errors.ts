import { attachSaid, englishOf, type Said, said } from '../../core/said.js';

/**
 * Why a Docker Engine API call failed, so a caller can tell "fix the config"
 * from "the engine is down":
 * - `config`: the connection settings are unusable (unreadable TLS file, bad URL);
 * - `unreachable`: no socket, connection refused, SSH forwarding refused;
 * - `tls`: the engine's certificate is not the trusted one;
 * - `api`: the engine answered with an error status (permission, conflict, 404);
 * - `protocol`: an answer that is not the documented shape;
 * - `timeout`: no answer in time.
 */
export type DockerFailure = 'config' | 'unreachable' | 'tls' | 'api' | 'protocol' | 'timeout';

export class DockerError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly failure: DockerFailure,
    readonly httpStatus?: number,
  ) {
    super(englishOf(message));
    this.name = 'DockerError';
    attachSaid(this, message);
  }
}

/** Turns what dockerode/docker-modem/Node throw into a DockerError naming the endpoint. */
export function dockerError(err: unknown, where: string, what: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = err as NodeJS.ErrnoException & { statusCode?: number; json?: { message?: string } | null };
  if (typeof e?.statusCode === 'number') {
    const msg = e.json?.message ?? e.message;
    return new DockerError(
      said('client.docker.api', { what, status: e.statusCode, error: String(msg) }),
      'api',
      e.statusCode,
    );
  }
  const code = e?.code ?? '';
  if (code === 'EACCES') return new DockerError(said('client.docker.denied', { where }), 'unreachable');
  if (['ENOENT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code))
    return new DockerError(said('client.docker.unreachable', { where, code }), 'unreachable');
  if (code.startsWith('ERR_TLS') || /certificate|self.signed/i.test(e?.message ?? ''))
    return new DockerError(said('client.docker.tls', { where, error: e.message }), 'tls');
  if (e?.name === 'AbortError' || /timeout/i.test(e?.message ?? ''))
    return new DockerError(said('client.docker.timeout', { where, what }), 'timeout');
  return new DockerError(
    said('client.docker.failed', { what, where, error: e?.message ?? String(err) }),
    'unreachable',
  );
}
