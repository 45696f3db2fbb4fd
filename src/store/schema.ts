import type { Generated } from 'kysely';

/*
 * Tables as both dialects see them. Times are integer milliseconds since the
 * epoch in both (bigint in PostgreSQL, read back through Number()): they sort
 * the same everywhere, whatever the server's collation. Booleans are 0/1 and
 * JSON is text, so one set of queries fits SQLite and PostgreSQL.
 */
export interface RoundTable {
  id: Generated<number>;
  started_at: number | string;
  finished_at: number | string;
  trigger: string;
  interrupted: number;
  host: string | null;
  result_count: number;
  status: string | null;
}

export interface ResultTable {
  id: Generated<number>;
  round_id: number;
  check_name: string;
  kind: string;
  target: string;
  status: string;
  summary: string;
  not_applicable: number;
  started_at: number | string;
  duration_ms: number;
  /** JSON array of strings. */
  reasons: string;
  /** JSON `{ details?, evidence, truncated? }`, capped. */
  data: string;
}

export interface CheckStateTable {
  check_name: string;
  target: string;
  kind: string;
  status: string;
  since: number | string;
  last_result_id: number;
  last_at: number | string;
  consecutive: number;
  summary: string;
}

export interface StatusChangeTable {
  id: Generated<number>;
  at: number | string;
  check_name: string;
  target: string;
  from_status: string | null;
  to_status: string;
  summary: string;
  result_id: number;
  round_id: number;
}

export interface Database {
  rounds: RoundTable;
  results: ResultTable;
  check_state: CheckStateTable;
  status_changes: StatusChangeTable;
}
