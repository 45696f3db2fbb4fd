import { z } from 'zod';

/*
 * Shapes of the Proxmox VE API (api2/json), after the API viewer
 * (pve.proxmox.com/pve-docs/api-viewer). Objects are not strict: newer PVE
 * releases add fields. The Perl API sometimes sends numbers and booleans as
 * strings ("1", "0"), so both forms are accepted.
 */

/** An integer, or its decimal string; never `null` or `""` taken as 0 (z.coerce would). */
const int = (n = z.number().int()) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+$/)
        .transform(Number),
    ])
    .pipe(n);
/** PVE booleans: true/false, 1/0 or "1"/"0". */
const flag = z.preprocess((v) => {
  if (v === 1 || v === '1' || v === true) return true;
  if (v === 0 || v === '0' || v === false || v === '') return false;
  return v;
}, z.boolean());

/** Every response is `{ data: … }`. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ data });
}

/** GET /cluster/resources?type=vm — one entry per guest. */
export const Guest = z.object({
  id: z.string(),
  type: z.enum(['qemu', 'lxc']),
  vmid: int(z.number().int().positive()),
  node: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  template: flag.optional(),
  pool: z.string().optional(),
});
export type Guest = z.output<typeof Guest>;

/** GET /cluster/resources?type=storage — one entry per node and storage. */
export const StorageResource = z.object({
  storage: z.string(),
  node: z.string(),
  status: z.string().optional(),
  /** Comma-separated content types: "iso,vztmpl,backup". */
  content: z.string().optional(),
  shared: flag.optional(),
  plugintype: z.string().optional(),
});
export type StorageResource = z.output<typeof StorageResource>;

/** GET /nodes */
export const Node = z.object({
  node: z.string(),
  status: z.enum(['online', 'offline', 'unknown']).or(z.string()),
});
export type Node = z.output<typeof Node>;

/** GET /nodes/{node}/storage/{storage}/content?content=backup */
export const BackupVolume = z.object({
  volid: z.string(),
  size: int(z.number().int().nonnegative()),
  ctime: int().optional(),
  vmid: int().optional(),
  format: z.string().optional(),
  content: z.string().optional(),
  notes: z.string().optional(),
  protected: flag.optional(),
  /** Only PBS storages report it. */
  verification: z.object({ state: z.string(), upid: z.string().optional() }).optional(),
});
export type BackupVolume = z.output<typeof BackupVolume>;

/** GET /cluster/backup — the scheduled backup jobs. */
export const BackupJob = z.object({
  id: z.string(),
  type: z.string().optional(),
  /** Absent means enabled. */
  enabled: flag.optional(),
  schedule: z.string().optional(),
  storage: z.string().optional(),
  /** "100,101" */
  vmid: z.coerce.string().optional(),
  all: flag.optional(),
  /** "102,103" */
  exclude: z.coerce.string().optional(),
  pool: z.string().optional(),
  node: z.string().optional(),
  mode: z.string().optional(),
});
export type BackupJob = z.output<typeof BackupJob>;

/** GET /nodes/{node}/tasks */
export const Task = z.object({
  upid: z.string(),
  node: z.string(),
  type: z.string(),
  /** The vmid for a one-guest vzdump; empty for a job over several guests. */
  id: z.coerce.string().optional(),
  user: z.string().optional(),
  /** "OK", "WARNINGS: 2", "job errors", or the error text; absent while running. */
  status: z.string().optional(),
  starttime: int(),
  endtime: int().optional(),
});
export type Task = z.output<typeof Task>;

/** GET /nodes/{node}/tasks/{upid}/log */
export const TaskLogLine = z.object({ n: int(), t: z.string() });
export type TaskLogLine = z.output<typeof TaskLogLine>;
