import { z } from 'zod';
import { said } from '../../core/said.js';
import { AptPackage } from './apt-schema.js';
import { ProxmoxError } from './errors.js';
import {
  BackupJob,
  BackupVolume,
  envelope,
  Guest,
  Node,
  StorageResource,
  Task,
  TaskLogLine,
} from './schema.js';
import type { ProxmoxFetcher } from './transport.js';

export { ProxmoxError, type ProxmoxFailure } from './errors.js';
export { httpsFetcher, type ProxmoxConnection, type ProxmoxFetcher } from './transport.js';

/** Cluster resources mix every type; only the entries of the asked type are validated. */
const Resource = z.looseObject({ type: z.string() });

/**
 * A typed, read-only Proxmox VE API client over any fetcher (real HTTPS, or a
 * stub in tests). Every answer is validated at the boundary; a shape that is
 * not the documented one is a `protocol` ProxmoxError, never a guess.
 */
export class ProxmoxClient {
  constructor(
    readonly fetch: ProxmoxFetcher,
    readonly signal?: AbortSignal,
  ) {}

  async #get<T extends z.ZodType>(
    path: string,
    schema: T,
    query?: Record<string, string | number | undefined>,
  ): Promise<z.output<T>> {
    const body = await this.fetch(path, query, this.signal);
    const parsed = envelope(schema).safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProxmoxError(
        said('client.proxmox.unexpected', {
          path,
          at: issue?.path.join('.') ?? '',
          issue: issue?.message ?? 'invalid',
        }),
        'protocol',
      );
    }
    return (parsed.data as { data: z.output<T> }).data;
  }

  /** Guests (VMs and containers), templates included: `template` tells them apart. */
  async guests(): Promise<Guest[]> {
    const all = await this.#get('/cluster/resources', z.array(Resource), { type: 'vm' });
    const guests = all.filter((r) => r.type === 'qemu' || r.type === 'lxc');
    return this.#items('/cluster/resources', guests, Guest);
  }

  /** One entry per node and storage, with its content types and shared flag. */
  async storages(): Promise<StorageResource[]> {
    const all = await this.#get('/cluster/resources', z.array(Resource), { type: 'storage' });
    return this.#items(
      '/cluster/resources',
      all.filter((r) => r.type === 'storage'),
      StorageResource,
    );
  }

  nodes(): Promise<Node[]> {
    return this.#get('/nodes', z.array(Node));
  }

  backups(node: string, storage: string, vmid?: number): Promise<BackupVolume[]> {
    return this.#get(`/nodes/${seg(node)}/storage/${seg(storage)}/content`, z.array(BackupVolume), {
      content: 'backup',
      vmid,
    });
  }

  backupJobs(): Promise<BackupJob[]> {
    return this.#get('/cluster/backup', z.array(BackupJob));
  }

  /** Finished tasks of one node, optionally only failed ones, since a UNIX time. */
  tasks(
    node: string,
    q: { typefilter?: string; errors?: boolean; since?: number; vmid?: number; limit?: number } = {},
  ): Promise<Task[]> {
    return this.#get(`/nodes/${seg(node)}/tasks`, z.array(Task), {
      typefilter: q.typefilter,
      errors: q.errors === undefined ? undefined : q.errors ? 1 : 0,
      since: q.since,
      vmid: q.vmid,
      limit: q.limit,
    });
  }

  taskLog(node: string, upid: string, limit = 5000): Promise<TaskLogLine[]> {
    return this.#get(`/nodes/${seg(node)}/tasks/${seg(upid)}/log`, z.array(TaskLogLine), {
      start: 0,
      limit,
    });
  }

  // --- APT (proxmox.updates) ---

  /** Versions of the important Proxmox packages of a node (Sys.Audit). */
  aptVersions(node: string): Promise<AptPackage[]> {
    return this.#get(`/nodes/${seg(node)}/apt/versions`, z.array(AptPackage));
  }

  /** Pending upgrades of a node, as of its last package index refresh (Sys.Modify). */
  aptUpdates(node: string): Promise<AptPackage[]> {
    return this.#get(`/nodes/${seg(node)}/apt/update`, z.array(AptPackage));
  }

  /** The Debian changelog of a package version, fetched by the node from its repository (Sys.Modify). */
  aptChangelog(node: string, name: string, version?: string): Promise<string> {
    return this.#get(`/nodes/${seg(node)}/apt/changelog`, z.string(), { name, version });
  }

  #items<T extends z.ZodType>(path: string, items: unknown[], schema: T): z.output<T>[] {
    return items.map((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) return r.data;
      const issue = r.error.issues[0];
      throw new ProxmoxError(
        said('client.proxmox.unexpected', {
          path,
          at: `data.${[i, ...(issue?.path ?? [])].join('.')}`,
          issue: issue?.message ?? 'invalid',
        }),
        'protocol',
      );
    });
  }
}

/** Names from the API go back into paths: encode them, so a ":" in a UPID stays one segment. */
function seg(s: string): string {
  return encodeURIComponent(s);
}
