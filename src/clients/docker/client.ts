import type Dockerode from 'dockerode';
import { z } from 'zod';
import { said } from '../../core/said.js';
import { DockerError, dockerError } from './errors.js';
import {
  ContainerInspect,
  ContainerSummary,
  ImageSummary,
  Info,
  PruneReport,
  SystemDf,
  Version,
  VolumeList,
} from './schema.js';

export { DEFAULT_SOCKET, type DockerConnection, openDocker, type UnixForwarder } from './connection.js';
export { DockerError, type DockerFailure } from './errors.js';
export type { ContainerInspect, ContainerSummary, ImageSummary, SystemDf, Volume } from './schema.js';

/**
 * A typed client of the few Docker Engine API calls ronde needs. Every answer
 * is validated at the boundary: a shape that is not the documented one is a
 * `protocol` DockerError, never a guess. Writes are only the explicit removals
 * `ronde docker prune` asks for.
 */
export class DockerClient {
  constructor(
    readonly docker: Dockerode,
    readonly where: string,
    readonly signal?: AbortSignal,
  ) {}

  async #call<T extends z.ZodType>(
    what: string,
    schema: T,
    run: () => Promise<unknown>,
  ): Promise<z.output<T>> {
    if (this.signal?.aborted) throw new DockerError(said('client.docker.interrupted', { what }), 'timeout');
    let body: unknown;
    try {
      body = await (this.signal ? raceAbort(run(), this.signal, what) : run());
    } catch (err) {
      throw dockerError(err, this.where, what);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.join('.') ?? '';
      throw new DockerError(
        said('client.docker.unexpected', { what, at, issue: issue?.message ?? 'invalid' }),
        'protocol',
      );
    }
    return parsed.data;
  }

  version() {
    return this.#call('GET /version', Version, () => this.docker.version());
  }

  info() {
    return this.#call('GET /info', Info, () => this.docker.info());
  }

  /** All containers, stopped ones included. */
  containers() {
    return this.#call('GET /containers/json', ContainerSummary.array(), () =>
      this.docker.listContainers({ all: true }),
    );
  }

  inspect(id: string) {
    return this.#call(`GET /containers/${id.slice(0, 12)}/json`, ContainerInspect, () =>
      this.docker.getContainer(id).inspect(),
    );
  }

  df() {
    return this.#call('GET /system/df', SystemDf, () => this.docker.df());
  }

  /** Tagged and dangling images (not intermediate layers). */
  images() {
    return this.#call('GET /images/json', ImageSummary.array(), () => this.docker.listImages({ all: false }));
  }

  async volumes() {
    return (await this.#call('GET /volumes', VolumeList, () => this.docker.listVolumes())).Volumes;
  }

  /** Removes one image by id (every tag of it); refused by the engine while a container uses it. */
  async removeImage(id: string): Promise<void> {
    await this.#call(`DELETE /images/${id.slice(0, 19)}`, z.unknown(), () =>
      this.docker.getImage(id).remove({ force: false }),
    );
  }

  /** Removes one volume by name; refused by the engine while a container uses it. */
  async removeVolume(name: string): Promise<void> {
    await this.#call(`DELETE /volumes/${name}`, z.unknown(), () =>
      this.docker.getVolume(name).remove({ force: false }),
    );
  }

  /** Dangling images only (`dangling=true`): never tagged ones. */
  pruneDanglingImages() {
    return this.#call('POST /images/prune', PruneReport, () =>
      this.docker.pruneImages({ filters: { dangling: { true: true } } }),
    );
  }

  /** Build cache not in use. */
  pruneBuildCache() {
    return this.#call('POST /build/prune', PruneReport, () => this.docker.pruneBuilder());
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DockerError(said('client.docker.interrupted', { what }), 'timeout'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
