/*
 * Access reviews (routine R10): who can get in, as each source tells it. A
 * snapshot is the list of principals of one source (`CHECK@HOST`, the
 * access.review check that read it); people approve snapshots (`ronde access
 * approve`), the check compares the current one with the last approved.
 * Types only: the store keeps them, checks read them through CheckContext.
 */

/** Marks a person should look at; compared like the other facts, so a new one is a change. */
export type AccessFlag =
  | 'stale'
  | 'never-logged-in'
  | 'expired'
  | 'expiring'
  | 'blocked'
  | 'locked'
  | 'revoked'
  | 'unknown-key';

export interface Principal {
  /** Stable within the source: an LDAP DN, a GitLab username, a key fingerprint, `user:fingerprint`. */
  id: string;
  /** What a person recognises: uid and name, key uid, SSH key comment. */
  name?: string;
  /** Groups, projects with their level, store folders, login users: sorted. */
  groups: string[];
  /** ISO time the access or key expires; null: never. */
  expiresAt?: string | null;
  /** ISO time of the last login or activity, when the source keeps it. Never compared: it moves on every login. */
  lastLogin?: string | null;
  /** Other compared facts (key type, authorized_keys options…). */
  attrs?: Record<string, string>;
  /** Informational facts, never compared (pwdChangedTime…). */
  info?: Record<string, string>;
  flags: AccessFlag[];
}

export interface AccessSnapshot {
  id: number;
  source: string;
  takenAt: Date;
  principals: Principal[];
}

export interface AccessApproval {
  id: number;
  source: string;
  snapshotId: number;
  at: Date;
  by: string;
  note: string;
}

/** Where an access.review check reads the last approved snapshot of its source (the store). */
export interface AccessReader {
  approvedAccess(source: string): Promise<{ snapshot: AccessSnapshot; approval: AccessApproval } | undefined>;
}

export interface AccessChange {
  id: string;
  name?: string;
  /** field → [approved, now], as text. */
  fields: Record<string, [string, string]>;
}

export interface AccessDiff {
  added: Principal[];
  removed: Principal[];
  changed: AccessChange[];
}

/** The compared facts of a principal, as text per field (lastLogin and info left out). */
function facts(p: Principal): Record<string, string> {
  const out: Record<string, string> = {
    name: p.name ?? '',
    groups: [...p.groups].sort().join(', '),
    expires: p.expiresAt ?? '',
    flags: [...p.flags].sort().join(', '),
  };
  for (const [k, v] of Object.entries(p.attrs ?? {})) out[k] = v;
  return out;
}

/** What changed from the approved principals to the current ones (pure). */
export function diffAccess(approved: readonly Principal[], current: readonly Principal[]): AccessDiff {
  const before = new Map(approved.map((p) => [p.id, p]));
  const now = new Map(current.map((p) => [p.id, p]));
  const added = current.filter((p) => !before.has(p.id)).sort(byId);
  const removed = approved.filter((p) => !now.has(p.id)).sort(byId);
  const changed: AccessChange[] = [];
  for (const p of [...current].sort(byId)) {
    const old = before.get(p.id);
    if (!old) continue;
    const a = facts(old);
    const b = facts(p);
    const fields: Record<string, [string, string]> = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      if ((a[k] ?? '') !== (b[k] ?? '')) fields[k] = [a[k] ?? '', b[k] ?? ''];
    if (Object.keys(fields).length > 0)
      changed.push({ id: p.id, ...(p.name ? { name: p.name } : {}), fields });
  }
  return { added, removed, changed };
}

export function isEmptyDiff(d: AccessDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

function byId(a: Principal, b: Principal): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The flags of a principal from its dates: stale when the last login is older
 * than `staleSec` (never-logged-in when the source keeps logins and has none),
 * expired / expiring within `expiringSec`.
 */
export function dateFlags(
  p: { lastLogin?: string | null; expiresAt?: string | null },
  now: Date,
  o: { staleSec: number; expiringSec: number; keepsLogins: boolean },
): AccessFlag[] {
  const flags: AccessFlag[] = [];
  const t = now.getTime();
  if (o.keepsLogins) {
    if (!p.lastLogin) flags.push('never-logged-in');
    else if (t - Date.parse(p.lastLogin) > o.staleSec * 1000) flags.push('stale');
  }
  if (p.expiresAt) {
    const e = Date.parse(p.expiresAt);
    if (e <= t) flags.push('expired');
    else if (e - t <= o.expiringSec * 1000) flags.push('expiring');
  }
  return flags;
}
