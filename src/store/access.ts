import { createHash } from 'node:crypto';
import type { AccessApproval, AccessReader, AccessSnapshot, Principal } from '../core/access.js';
import type { ApprovalReader } from '../core/approvals.js';
import type { Conn } from './db.js';
import { dockerApprovalStore } from './docker-approvals.js';
import type { AccessApprovalTable, AccessSnapshotTable } from './schema.js';

/**
 * The access_snapshots and access_approvals tables (migration 0008): what
 * `ronde access review` saw and who approved it. Approvals are append-only;
 * the approved state of a source is its newest approval's snapshot.
 */
export interface AccessStore extends AccessReader {
  /** Records the principals of a source; an unchanged source gives back its latest snapshot, no new row. */
  recordSnapshot(source: string, takenAt: Date, principals: Principal[]): Promise<AccessSnapshot>;
  latestSnapshot(source: string): Promise<AccessSnapshot | undefined>;
  approve(a: {
    source: string;
    snapshotId: number;
    at: Date;
    by: string;
    note: string;
  }): Promise<AccessApproval>;
  /** Approvals, newest first; of one source when given. */
  approvals(source?: string, limit?: number): Promise<AccessApproval[]>;
  /** Every source with a snapshot, sorted. */
  sources(): Promise<string[]>;
}

function toSnapshot(
  r: Pick<AccessSnapshotTable, 'source' | 'principals' | 'taken_at'> & { id: number },
): AccessSnapshot {
  return {
    id: Number(r.id),
    source: r.source,
    takenAt: new Date(Number(r.taken_at)),
    principals: JSON.parse(r.principals) as Principal[],
  };
}

function toApproval(r: Omit<AccessApprovalTable, 'id'> & { id: number }): AccessApproval {
  return {
    id: Number(r.id),
    source: r.source,
    snapshotId: Number(r.snapshot_id),
    at: new Date(Number(r.at)),
    by: r.by_name,
    note: r.note,
  };
}

export function accessStore(conn: Conn): AccessStore {
  const latestSnapshot = async (source: string) => {
    const row = await conn.db
      .selectFrom('access_snapshots')
      .selectAll()
      .where('source', '=', source)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toSnapshot(row) : undefined;
  };
  const approvals = async (source?: string, limit = 100) => {
    let q = conn.db.selectFrom('access_approvals').selectAll();
    if (source !== undefined) q = q.where('source', '=', source);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toApproval);
  };
  return {
    latestSnapshot,
    approvals,
    async recordSnapshot(source, takenAt, principals) {
      const sorted = [...principals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const json = JSON.stringify(sorted);
      const hash = createHash('sha256').update(json).digest('hex');
      return conn.write(async (trx) => {
        const last = await trx
          .selectFrom('access_snapshots')
          .selectAll()
          .where('source', '=', source)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (last && last.hash === hash) return toSnapshot(last);
        const row = await trx
          .insertInto('access_snapshots')
          .values({ source, taken_at: takenAt.getTime(), hash, principals: json })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { id: Number(row.id), source, takenAt, principals: sorted };
      });
    },
    async approve(a) {
      return conn.write(async (trx) => {
        const snap = await trx
          .selectFrom('access_snapshots')
          .select(['id', 'source'])
          .where('id', '=', a.snapshotId)
          .executeTakeFirst();
        if (!snap || snap.source !== a.source) throw new Error(`no snapshot ${a.snapshotId} of ${a.source}`);
        const row = await trx
          .insertInto('access_approvals')
          .values({
            source: a.source,
            snapshot_id: a.snapshotId,
            at: a.at.getTime(),
            by_name: a.by,
            note: a.note,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { id: Number(row.id), ...a };
      });
    },
    async approvedAccess(source) {
      const [approval] = await approvals(source, 1);
      if (!approval) return undefined;
      const row = await conn.db
        .selectFrom('access_snapshots')
        .selectAll()
        .where('id', '=', approval.snapshotId)
        .executeTakeFirstOrThrow();
      return { snapshot: toSnapshot(row), approval };
    },
    async sources() {
      const rows = await conn.db
        .selectFrom('access_snapshots')
        .select('source')
        .distinct()
        .orderBy('source')
        .execute();
      return rows.map((r) => r.source);
    },
  };
}

/** What checks read from the store: Docker approvals and approved access snapshots. */
export function approvalReader(conn: Conn): ApprovalReader {
  const access = accessStore(conn);
  return { ...dockerApprovalStore(conn), approvedAccess: (source) => access.approvedAccess(source) };
}
