/** Nagios/monitoring-plugins semantics: the four states and their exit codes. */
export const STATUSES = ['OK', 'WARN', 'CRIT', 'UNKNOWN'] as const;
export type Status = (typeof STATUSES)[number];

export const EXIT_CODE: Readonly<Record<Status, number>> = { OK: 0, WARN: 1, CRIT: 2, UNKNOWN: 3 };

/**
 * Severity order of monitoring-plugins' `max_state_alt`: CRIT > WARN > UNKNOWN > OK.
 * A host that cannot be checked must not hide one that is known to be broken.
 */
const SEVERITY: Readonly<Record<Status, number>> = { OK: 0, UNKNOWN: 1, WARN: 2, CRIT: 3 };

export function worse(a: Status, b: Status): Status {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export function worst(statuses: Iterable<Status>, empty: Status = 'OK'): Status {
  let out: Status | undefined;
  for (const s of statuses) out = out === undefined ? s : worse(out, s);
  return out ?? empty;
}

export function severity(s: Status): number {
  return SEVERITY[s];
}

export function isStatus(s: unknown): s is Status {
  return typeof s === 'string' && (STATUSES as readonly string[]).includes(s);
}
