import { DockerClient, DockerError, openDocker } from '../../clients/docker/client.js';
import type { CheckOutcome } from '../../core/check.js';
import type { TargetInfo } from '../../core/target.js';
import { type DockerConnectionOptions, toConnection } from './schema.js';

/** The client of this host's engine, per the `docker:` option and how the host is reached. */
export function dockerFor(
  d: DockerConnectionOptions,
  target: TargetInfo,
  signal?: AbortSignal,
): DockerClient {
  const conn = toConnection(d, target.transport);
  const { docker, where } = openDocker(conn, {
    target: target.name,
    forward: target.forwardUnixSocket?.bind(target),
  });
  return new DockerClient(docker, where, signal);
}

/**
 * A failure to talk to the engine as an outcome: UNKNOWN with the reason; with
 * no docker option at all and no socket, Docker is simply not on the machine.
 */
export function engineFailure(err: unknown, d: DockerConnectionOptions): CheckOutcome {
  if (!(err instanceof DockerError)) throw err;
  const why = err.message;
  const absent = err.failure === 'unreachable' && /ENOENT/.test(why) && !d.socket && !d.url;
  return { status: 'UNKNOWN', summary: why, reasons: [why], ...(absent ? { notApplicable: true } : {}) };
}
