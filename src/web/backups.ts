import type { Status } from '../core/status.js';
import { severity } from '../core/status.js';
import type { Store } from '../store/types.js';
import type { Point } from './pages/charts.js';

/*
 * The backups page's data: every backup set (a backup.files series, a borg or
 * restic repository, a Proxmox guest) with its newest backup's age and size
 * and the size trend, read from the results the backup kinds stored. The
 * kinds' details are read defensively: an older or failed result without them
 * still shows the set, with its check's status and summary.
 */

export const BACKUP_KINDS = ['backup.files', 'backup.borg', 'backup.restic', 'proxmox.backups'] as const;

export interface BackupSet {
  host: string;
  check: string;
  kind: string;
  /** The series, repository or guest. */
  name: string;
  status: Status;
  /** Why, when the set itself is not OK (else the check's summary). */
  summary: string;
  newestAt: Date | null;
  size: number | null;
  /** Sizes of the newest backups, oldest first. */
  sizes: Point[];
}

/** How many past results of a Proxmox check give each guest's size trend (its details hold only the newest). */
const PROXMOX_RESULTS = 30;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const time = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(t) ? t : null;
};
const isStatus = (v: unknown): v is Status => v === 'OK' || v === 'WARN' || v === 'CRIT' || v === 'UNKNOWN';

function detailsOf(data: string): Obj {
  try {
    return obj(obj(JSON.parse(data))?.details) ?? {};
  } catch {
    return {};
  }
}

function trend(entries: { t: number | null; v: number | null }[]): Point[] {
  const seen = new Set<number>();
  return entries
    .filter((e): e is Point => e.t !== null && e.v !== null)
    .filter((e) => !seen.has(e.t) && seen.add(e.t))
    .sort((a, b) => a.t - b.t);
}

export async function loadBackups(store: Store): Promise<BackupSet[]> {
  const db = store.conn.db;
  const rows = await db
    .selectFrom('check_state')
    .innerJoin('results', 'results.id', 'check_state.last_result_id')
    .select([
      'check_state.check_name',
      'check_state.target',
      'check_state.kind',
      'check_state.status',
      'check_state.summary',
      'results.data',
    ])
    .where('check_state.kind', 'in', [...BACKUP_KINDS])
    .where('check_state.not_applicable', '=', 0)
    .execute();
  const sets: BackupSet[] = [];
  for (const r of rows) {
    const base = {
      host: r.target,
      check: r.check_name,
      kind: r.kind,
      status: r.status as Status,
      summary: r.summary,
    };
    const d = detailsOf(r.data);
    const found: BackupSet[] =
      r.kind === 'backup.files'
        ? filesSets(base, d)
        : r.kind === 'proxmox.backups'
          ? await proxmoxSets(store, base, d)
          : repositorySet(base, d);
    sets.push(
      ...(found.length > 0
        ? found
        : [{ ...base, name: r.check_name, newestAt: null, size: null, sizes: [] }]),
    );
  }
  return sets.sort(
    (a, b) =>
      severity(b.status) - severity(a.status) ||
      (a.newestAt?.getTime() ?? 0) - (b.newestAt?.getTime() ?? 0) ||
      `${a.host}\0${a.name}`.localeCompare(`${b.host}\0${b.name}`),
  );
}

type Base = Pick<BackupSet, 'host' | 'check' | 'kind' | 'status' | 'summary'>;

/** backup.files: one set per series, its newest files giving the trend. */
function filesSets(base: Base, d: Obj): BackupSet[] {
  return list(d.series).map((s) => {
    const newest = obj(s.newest);
    const problems = list(s.problems);
    return {
      ...base,
      name: str(s.group) || str(d.path) || base.check,
      status: isStatus(s.status) ? s.status : base.status,
      summary:
        problems
          .map((p) => str(p.why))
          .filter(Boolean)
          .join('; ') || base.summary,
      newestAt: newest && time(newest.mtime) !== null ? new Date(time(newest.mtime)!) : null,
      size: newest ? num(newest.size) : null,
      sizes: trend(list(s.files).map((f) => ({ t: time(f.mtime), v: num(f.size) }))),
    };
  });
}

/** backup.borg, backup.restic: one set per repository, its remembered history giving the trend. */
function repositorySet(base: Base, d: Obj): BackupSet[] {
  const name = str(d.repository) ?? str(d.repository_file);
  if (!name) return [];
  const archive = obj(d.archive);
  const groups = list(d.groups);
  const history = list(d.history);
  // restic: sizes are compared within a host+paths group; follow the newest one's.
  const group = str(history[0]?.group);
  const mine = history.filter((e) => str(e.group) === group);
  const newestAt = archive
    ? time(archive.time)
    : groups
        .map((g) => time(g.time))
        .reduce<number | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  return [
    {
      ...base,
      name,
      newestAt: newestAt === null ? null : new Date(newestAt),
      size: num(archive?.size) ?? num(obj(d.latest)?.size),
      sizes: trend(mine.map((e) => ({ t: time(e.time), v: num(e.size) }))),
    },
  ];
}

/** proxmox.backups: one set per guest; the trend from the newest backup of each of the recent results. */
async function proxmoxSets(store: Store, base: Base, d: Obj): Promise<BackupSet[]> {
  const guests = list(d.guests);
  if (guests.length === 0) return [];
  const past = await store.conn.db
    .selectFrom('results')
    .select('data')
    .where('check_name', '=', base.check)
    .where('target', '=', base.host)
    .orderBy('id', 'desc')
    .limit(PROXMOX_RESULTS)
    .execute();
  const points = new Map<number, { t: number | null; v: number | null }[]>();
  for (const row of past)
    for (const g of list(detailsOf(row.data).guests)) {
      const vmid = num(g.vmid);
      const newest = obj(g.newest);
      if (vmid === null || !newest) continue;
      const mine = points.get(vmid) ?? [];
      mine.push({ t: time(newest.ctime), v: num(newest.size) });
      points.set(vmid, mine);
    }
  return guests.map((g) => {
    const vmid = num(g.vmid);
    const newest = obj(g.newest);
    const reasons = Array.isArray(g.reasons)
      ? g.reasons.filter((x): x is string => typeof x === 'string')
      : [];
    return {
      ...base,
      name: `${vmid ?? '?'}${str(g.name) ? ` ${str(g.name)}` : ''}`,
      status: isStatus(g.status) ? g.status : base.status,
      summary: reasons.join('; ') || base.summary,
      newestAt: newest && time(newest.ctime) !== null ? new Date(time(newest.ctime)!) : null,
      size: newest ? num(newest.size) : null,
      sizes: trend(vmid === null ? [] : (points.get(vmid) ?? [])),
    };
  });
}
