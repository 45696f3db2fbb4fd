import { z } from 'zod';
import { said } from '../../core/said.js';
import { ProxmoxError } from './errors.js';
import { envelope } from './schema.js';
import type { ProxmoxFetcher } from './transport.js';

/*
 * The two calls a snapshot before an upgrade needs (PVE API viewer):
 *   POST /nodes/{node}/qemu/{vmid}/snapshot  snapname, description, vmstate → UPID of the task
 *   GET  /nodes/{node}/tasks/{upid}/status   → { status: running|stopped, exitstatus }
 * The snapshot is a task: done only when it has stopped with exitstatus "OK".
 */

/** `pve-configid`: a letter first, then letters, digits, `-` and `_`; at most 40 characters. */
export const SNAPNAME = /^[A-Za-z][A-Za-z0-9_-]{1,39}$/;

const TaskStatus = z.looseObject({
  upid: z.string(),
  node: z.string(),
  status: z.enum(['running', 'stopped']),
  /** "OK", "WARNINGS: N", or the error; only once stopped. */
  exitstatus: z.string().optional(),
  type: z.string(),
  starttime: z.coerce.number().int().optional(),
});
export type TaskStatus = z.output<typeof TaskStatus>;

function parse<T extends z.ZodType>(path: string, body: unknown, schema: T): z.output<T> {
  const r = envelope(schema).safeParse(body);
  if (!r.success)
    throw new ProxmoxError(
      said('client.proxmox.unexpected', { path, at: '', issue: r.error.issues[0]?.message ?? 'invalid' }),
      'protocol',
    );
  return (r.data as { data: z.output<T> }).data;
}

/** Starts a snapshot of a QEMU VM (disks only: no `vmstate`, so the VM is not paused); returns the task's UPID. */
export async function startSnapshot(
  fetch: ProxmoxFetcher,
  s: { node: string; vmid: number; snapname: string; description: string },
  signal?: AbortSignal,
): Promise<string> {
  if (!SNAPNAME.test(s.snapname))
    throw new ProxmoxError(said('client.proxmox.snapName', { name: s.snapname }), 'config');
  const path = `/nodes/${encodeURIComponent(s.node)}/qemu/${s.vmid}/snapshot`;
  const body = await fetch(path, {}, signal, { snapname: s.snapname, description: s.description });
  return parse(path, body, z.string().startsWith('UPID:'));
}

export async function taskStatus(
  fetch: ProxmoxFetcher,
  node: string,
  upid: string,
  signal?: AbortSignal,
): Promise<TaskStatus> {
  const path = `/nodes/${encodeURIComponent(node)}/tasks/${encodeURIComponent(upid)}/status`;
  return parse(path, await fetch(path, {}, signal), TaskStatus);
}

/**
 * Polls the task until it stops (or `timeoutMs`). Resolves with its exit
 * status; throws when it did not stop in time or stopped with an error.
 */
export async function awaitTask(
  fetch: ProxmoxFetcher,
  node: string,
  upid: string,
  o: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<string> {
  const until = Date.now() + o.timeoutMs;
  for (;;) {
    const st = await taskStatus(fetch, node, upid, o.signal);
    if (st.status === 'stopped') {
      const exit = st.exitstatus ?? '';
      if (exit === 'OK' || exit.startsWith('WARNINGS')) return exit;
      throw new ProxmoxError(said('client.proxmox.taskFailed', { upid, exit }), 'protocol');
    }
    if (Date.now() >= until)
      throw new ProxmoxError(
        said('client.proxmox.taskRunning', { upid, sec: Math.round(o.timeoutMs / 1000) }),
        'timeout',
      );
    await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
  }
}
