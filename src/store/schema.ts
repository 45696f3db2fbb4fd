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
  /** The queue job that wrote it (scale-out); unique, so a job retried after its commit writes nothing. */
  job_key?: string | null;
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
  /** The latest result's `not_applicable`, kept here so the page need not join results (0012). */
  not_applicable: Generated<number>;
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

/** Append-only: an undo is a new row whose `undoes` names the cancelled one. */
export interface SignoffTable {
  id: Generated<number>;
  routine: string;
  kind: string;
  at: number | string;
  by_name: string;
  os_user: string;
  note: string;
  /** JSON array of 1-based checklist indexes. */
  items: string;
  undoes: number | string | null;
  source: string;
}

export interface RoutineSeenTable {
  routine: string;
  first_seen_at: number | string;
}

/** The daemon's own view of what it last announced per check+target (flap damping). */
export interface AnnouncedTable {
  check_name: string;
  target: string;
  announced_status: string | null;
  candidate_status: string | null;
  candidate_count: number;
  updated_at: number | string;
}

/** One notification for one notifier; `key` is its idempotency key (unique). */
export interface OutboxTable {
  id: Generated<number>;
  key: string;
  notifier: string;
  event: string;
  /** JSON of the notify `Message`. */
  payload: string;
  created_at: number | string;
  /** 'pending' | 'sending' | 'sent' | 'failed' | 'dropped'. */
  state: string;
  attempts: number;
  next_attempt_at: number | string;
  claimed_by: string | null;
  claimed_at: number | string | null;
  last_error: string | null;
  sent_at: number | string | null;
  /** Why a `failed` message failed: 'permanent' | 'secret' | 'exhausted' (migration 0006). */
  failure: string | null;
}

/** The audit trail of `ronde outbox retry|drop` and of re-queues at start (migration 0006). */
export interface OutboxActionTable {
  id: Generated<number>;
  outbox_id: number | string;
  key: string;
  notifier: string;
  event: string;
  /** 'retry' | 'drop' | 'requeue'. */
  action: string;
  by: string;
  os_user: string;
  at: number | string;
  reason: string | null;
  state_before: string;
  last_error: string | null;
}

/** Once-only events already handled (a reminder of a due date, a week's digest). */
export interface NotifyMarkTable {
  identity: string;
  at: number | string;
}

export interface NotifierHealthTable {
  notifier: string;
  consecutive_failures: number;
  last_error: string | null;
  last_failure_at: number | string | null;
  last_success_at: number | string | null;
}

/** One row per host: the Compose services running at its last `ronde docker approve`. */
export interface DockerApprovalTable {
  host: string;
  /** JSON array of `project/service`, sorted. */
  services: string;
  approved_at: number | string;
  approved_by: string;
}

/** Release bot: one row per watch once its first look is done. */
export interface ReleaseWatchTable {
  watch: string;
  initialized_at: number | string;
  checked_at: number | string;
  rate_limited_until: number | string | null;
  last_error: string | null;
}

/** Release bot: every version of a watch seen so far (announced or recorded silently). */
export interface ReleaseSeenTable {
  watch: string;
  version: string;
  tag: string;
  url: string | null;
  seen_at: number | string;
  announced: number;
}

/** Who may use the page and the API (src/auth/users.ts). */
export interface UserTable {
  name: string;
  /** 'viewer' | 'operator' | 'admin'. */
  role: string;
  /** argon2id (PHC string); null for users who log in through LDAP or the proxy. */
  password_hash: string | null;
  /** 'local' | 'ldap' | 'proxy'. */
  source: string;
  /** 'fr' | 'en', the user's choice over the browser's; null: the browser's. */
  language: string | null;
  created_at: number | string;
  password_changed_at: number | string | null;
}

/** A logged-in browser. `id` is the SHA-256 of the cookie's token, never the token. */
export interface SessionTable {
  id: string;
  user_name: string;
  csrf: string;
  created_at: number | string;
  expires_at: number | string;
  address: string;
}

/** Append-only: who did what, when, from where (src/store/audit.ts). */
export interface AuditTable {
  id: Generated<number>;
  at: number | string;
  actor: string;
  action: string;
  subject: string;
  /** JSON object. */
  detail: string;
  address: string;
  /** 'web' | 'api' | 'cli' | 'chat'. */
  channel: string;
}

/** "Known, being handled": one check on one target, until it recovers or `expires_at`. */
export interface AckTable {
  id: Generated<number>;
  check_name: string;
  target: string;
  /** The status it acknowledged (for the page). */
  status: string;
  reason: string;
  by_name: string;
  at: number | string;
  expires_at: number | string | null;
  ended_at: number | string | null;
  /** Who ended it, or `recovery` / `expiry`. */
  ended_by: string | null;
}

/** A silence or a maintenance window over a selector, for a time span. */
export interface SilenceTable {
  id: Generated<number>;
  type: string;
  selector: string;
  reason: string;
  by_name: string;
  starts_at: number | string;
  ends_at: number | string;
  end_when_ok: number;
  ended_at: number | string | null;
  ended_by: string | null;
}

/** One `ronde upgrade run` (migration 0009). */
export interface UpgradeRunTable {
  id: Generated<number>;
  started_at: number | string;
  finished_at: number | string | null;
  started_by: string;
  os_user: string;
  /** JSON: hosts, batches, options. */
  plan: string;
  /** 'running' | 'ok' | 'failed' | 'interrupted' | 'nothing'. */
  outcome: string;
  summary: string;
}

/** One step of one host in an upgrade run (migration 0009). */
export interface UpgradeStepTable {
  id: Generated<number>;
  run_id: number | string;
  host: string;
  step: string;
  started_at: number | string;
  finished_at: number | string | null;
  /** 'running' | 'ok' | 'failed' | 'skipped' | 'interrupted'. */
  outcome: string;
  /** JSON. */
  detail: string;
}

/** Access reviews (migration 0008): snapshots of each source, who approved which. */
export interface AccessSnapshotTable {
  id: Generated<number>;
  source: string;
  taken_at: number | string;
  hash: string;
  /** JSON array of Principal (core/access.ts). */
  principals: string;
}

export interface AccessApprovalTable {
  id: Generated<number>;
  source: string;
  snapshot_id: number | string;
  at: number | string;
  by_name: string;
  note: string;
}

export interface Database {
  signoffs: SignoffTable;
  routine_seen: RoutineSeenTable;
  rounds: RoundTable;
  results: ResultTable;
  check_state: CheckStateTable;
  status_changes: StatusChangeTable;
  announced: AnnouncedTable;
  outbox: OutboxTable;
  outbox_actions: OutboxActionTable;
  notify_marks: NotifyMarkTable;
  notifier_health: NotifierHealthTable;
  docker_approvals: DockerApprovalTable;
  access_snapshots: AccessSnapshotTable;
  access_approvals: AccessApprovalTable;
  release_watch: ReleaseWatchTable;
  release_seen: ReleaseSeenTable;
  users: UserTable;
  sessions: SessionTable;
  audit: AuditTable;
  acks: AckTable;
  silences: SilenceTable;
  upgrade_runs: UpgradeRunTable;
  upgrade_steps: UpgradeStepTable;
}
