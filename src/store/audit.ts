import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/*
 * The audit log: every sign-off, acknowledgement, silence, maintenance window,
 * login, failed login and user change — who, what, when, from where. The table
 * refuses UPDATE and DELETE (migration 0007), so entries are only ever added.
 */

export type AuditChannel = 'web' | 'api' | 'cli' | 'chat' | 'daemon';

export interface AuditInput {
  at: Date;
  /** A user name, a team member, or the Unix account for the CLI. */
  actor: string;
  /** `login`, `login.failed`, `logout`, `user.add`, `signoff`, `ack`, `silence`, `maintenance.start`… */
  action: string;
  /** What it was about: a user, `host/check`, a routine id, a window id. */
  subject: string;
  detail?: Record<string, unknown>;
  /** The client address (web, chat), or `local` for the CLI. */
  address: string;
  channel: AuditChannel;
}

export interface AuditEntry extends Required<AuditInput> {
  id: number;
}

export interface AuditQuery {
  limit?: number;
  /** Entries with an id below this one (paging backwards). */
  before?: number;
  actor?: string;
  action?: string;
}

/** Appends one entry; call it inside the transaction of the change it records. */
export async function appendAudit(db: Kysely<Database>, e: AuditInput): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      at: e.at.getTime(),
      actor: e.actor,
      action: e.action,
      subject: e.subject,
      detail: JSON.stringify(e.detail ?? {}),
      address: e.address,
      channel: e.channel,
    })
    .execute();
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit ?? 100);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.actor !== undefined) query = query.where('actor', '=', q.actor);
  if (q.action !== undefined) query = query.where('action', '=', q.action);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(Number(r.at)),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    detail: parseDetail(r.detail),
    address: r.address,
    channel: r.channel as AuditChannel,
  }));
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
