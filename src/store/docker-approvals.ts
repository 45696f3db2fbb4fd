import type { ApprovalReader, DockerApproval } from '../core/approvals.js';
import type { Conn } from './db.js';

/** The docker_approvals table: what `ronde docker approve` records and docker.services reads. */
export function dockerApprovalStore(conn: Conn): ApprovalReader & {
  approve(a: DockerApproval): Promise<void>;
} {
  return {
    async approval(host) {
      const row = await conn.db
        .selectFrom('docker_approvals')
        .selectAll()
        .where('host', '=', host)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        host: row.host,
        services: JSON.parse(row.services) as string[],
        at: new Date(Number(row.approved_at)),
        by: row.approved_by,
      };
    },
    async approve(a) {
      const values = {
        services: JSON.stringify([...a.services].sort()),
        approved_at: a.at.getTime(),
        approved_by: a.by,
      };
      await conn.write((trx) =>
        trx
          .insertInto('docker_approvals')
          .values({ host: a.host, ...values })
          .onConflict((oc) => oc.column('host').doUpdateSet(values))
          .execute(),
      );
    },
  };
}
