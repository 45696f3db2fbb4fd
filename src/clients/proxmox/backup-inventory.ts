import { said } from '../../core/said.js';
import type { ProxmoxClient } from './client.js';
import { ProxmoxError } from './errors.js';
import type { BackupJob, BackupVolume, Guest, Task } from './schema.js';

/** A backup volume with where it was listed. */
export interface StoredBackup extends BackupVolume {
  storage: string;
  node: string;
}

/** A vzdump task that did not end OK, with the guests it failed for (empty: could not tell). */
export interface FailedBackupTask {
  upid: string;
  node: string;
  status: string;
  starttime: number;
  endtime: number;
  vmids: number[];
}

/** Everything the API says about backups, plus what could not be read. */
export interface BackupInventory {
  guests: Guest[];
  /** Storages read, as `storage@node` (a shared storage once). */
  read: string[];
  backups: StoredBackup[];
  jobs: BackupJob[];
  failures: FailedBackupTask[];
  /** Parts that could not be read: the judgement must not pretend they were fine. */
  unreadable: string[];
}

export interface InventoryQuery {
  /** Storages to read; empty: every storage whose content includes `backup`. */
  storages: readonly string[];
  /** UNIX time from which failed vzdump tasks are listed. */
  since: number;
}

/** `ERROR: Backup of VM 102 failed - …` in a vzdump job log. */
const FAILED_GUEST = /^(?:\S+\s+)?ERROR: Backup of VM (?<vmid>\d+) failed/;

/** The guests a multi-guest vzdump task log reports as failed. Never throws. */
export function failedGuestsInLog(lines: readonly string[]): number[] {
  const out = new Set<number>();
  for (const line of lines) {
    const m = FAILED_GUEST.exec(typeof line === 'string' ? line : '');
    if (m?.groups?.vmid) out.add(Number(m.groups.vmid));
  }
  return [...out].sort((a, b) => a - b);
}

/** A finished task counts as failed unless it ended "OK" or only with warnings. */
export function taskFailed(t: Task): boolean {
  return t.status !== undefined && t.status !== 'OK' && !t.status.startsWith('WARNINGS');
}

/**
 * Reads guests, backup volumes, backup jobs and failed vzdump tasks. Guests
 * and jobs are required (a throw); a storage or a node that cannot be read is
 * recorded in `unreadable` and the rest is still read.
 */
export async function readBackupInventory(api: ProxmoxClient, q: InventoryQuery): Promise<BackupInventory> {
  const [guests, resources, jobs, nodes] = await Promise.all([
    api.guests(),
    api.storages(),
    api.backupJobs(),
    api.nodes(),
  ]);
  const unreadable: string[] = [];
  const wanted =
    q.storages.length > 0
      ? [...q.storages]
      : [...new Set(resources.filter((r) => hasBackup(r.content)).map((r) => r.storage))].sort();
  if (wanted.length === 0) throw new ProxmoxError(said('client.proxmox.noBackupStorage'), 'config');

  const reads: Array<{ storage: string; node: string }> = [];
  for (const storage of wanted) {
    const entries = resources.filter((r) => r.storage === storage);
    if (entries.length === 0) {
      unreadable.push(`storage ${storage} not found (or not visible to the token)`);
      continue;
    }
    const up = entries.filter((e) => e.status === undefined || e.status === 'available');
    for (const e of entries.filter((x) => !up.includes(x)))
      if (!e.shared) unreadable.push(`storage ${storage} on node ${e.node} is ${e.status}`);
    // A shared storage holds the same volumes on every node: read it once.
    const pick = entries[0]?.shared ? up.slice(0, 1) : up;
    if (pick.length === 0) unreadable.push(`storage ${storage} is not available on any node`);
    for (const e of pick) reads.push({ storage, node: e.node });
  }

  const seen = new Set<string>();
  const backups: StoredBackup[] = [];
  await Promise.all(
    reads.map(async ({ storage, node }) => {
      try {
        for (const v of await api.backups(node, storage)) {
          if (seen.has(v.volid)) continue;
          seen.add(v.volid);
          backups.push({ ...v, storage, node });
        }
      } catch (err) {
        if (err instanceof ProxmoxError && err.failure === 'tls') throw err;
        unreadable.push(`storage ${storage} on ${node}: ${(err as Error).message}`);
      }
    }),
  );

  const failures: FailedBackupTask[] = [];
  for (const n of nodes.filter((x) => x.status !== 'online'))
    unreadable.push(`node ${n.node} is ${n.status}: its vzdump tasks were not read`);
  await Promise.all(
    nodes
      .filter((n) => n.status === 'online')
      .map(async (n) => {
        try {
          failures.push(...(await failedTasks(api, n.node, q.since)));
        } catch (err) {
          if (err instanceof ProxmoxError && err.failure === 'tls') throw err;
          unreadable.push(`vzdump tasks of node ${n.node}: ${(err as Error).message}`);
        }
      }),
  );
  return {
    guests,
    read: reads.map((r) => `${r.storage}@${r.node}`).sort(),
    backups,
    jobs,
    failures: failures.sort((a, b) => a.endtime - b.endtime),
    unreadable: unreadable.sort(),
  };
}

function hasBackup(content: string | undefined): boolean {
  return (content ?? '').split(',').some((c) => c.trim() === 'backup');
}

async function failedTasks(api: ProxmoxClient, node: string, since: number): Promise<FailedBackupTask[]> {
  const tasks = await api.tasks(node, { typefilter: 'vzdump', errors: true, since, limit: 1000 });
  const out: FailedBackupTask[] = [];
  for (const t of tasks.filter(taskFailed)) {
    let vmids = /^\d+$/.test(t.id ?? '') ? [Number(t.id)] : [];
    // A job over several guests has no id: its log names the guests that failed.
    if (vmids.length === 0) {
      const log = await api.taskLog(node, t.upid);
      vmids = failedGuestsInLog(log.map((l) => l.t));
    }
    out.push({
      upid: t.upid,
      node,
      status: t.status ?? '',
      starttime: t.starttime,
      endtime: t.endtime ?? t.starttime,
      vmids,
    });
  }
  return out;
}
