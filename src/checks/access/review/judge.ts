import {
  type AccessApproval,
  type AccessSnapshot,
  diffAccess,
  isEmptyDiff,
  type Principal,
} from '../../../core/access.js';
import type { CheckOutcome } from '../../../core/check.js';
import { t } from '../../../i18n/index.js';
import type { Lang } from '../../../i18n/lang.js';

const MAX_REASONS = 50;

const who = (p: { id: string; name?: string | undefined }) =>
  p.name && p.name !== p.id ? `${p.name} (${p.id})` : p.id;

/** `flags: never-logged-in → stale`. */
function describeFields(fields: Record<string, [string, string]>): string {
  return Object.entries(fields)
    .map(([k, [a, b]]) => `${k} ${a || '∅'} → ${b || '∅'}`)
    .join('; ');
}

/** Counts of flags: `2 stale, 1 expired`. */
export function flagCounts(principals: readonly Principal[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of principals) for (const f of p.flags) out[f] = (out[f] ?? 0) + 1;
  return out;
}

/**
 * Pure: the current principals of `source` against its last approved
 * snapshot. WARN when never approved or anything changed (one reason per
 * principal added, removed or changed); OK otherwise. Details hold the whole
 * current list, which `ronde access review` records as the snapshot.
 */
export function judgeAccess(
  source: string,
  principals: Principal[],
  approved: { snapshot: AccessSnapshot; approval: AccessApproval } | undefined,
  lang: Lang,
): CheckOutcome {
  const flags = flagCounts(principals);
  const flagged = Object.entries(flags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([f, n]) => `${n} ${f}`)
    .join(', ');
  const base = { source, principals, flags };
  if (!approved)
    return {
      status: 'WARN',
      summary: t(lang, 'access.review.neverApproved', { n: principals.length, source }),
      reasons: principals.slice(0, MAX_REASONS).map((p) => t(lang, 'access.review.added', { who: who(p) })),
      details: { ...base, approved: null, diff: diffAccess([], principals) },
    };
  const diff = diffAccess(approved.snapshot.principals, principals);
  const date = approved.approval.at.toISOString().slice(0, 10);
  const details = {
    ...base,
    approved: {
      by: approved.approval.by,
      at: approved.approval.at.toISOString(),
      snapshot: approved.snapshot.id,
    },
    diff,
  };
  if (isEmptyDiff(diff))
    return {
      status: 'OK',
      summary: t(lang, 'access.review.ok', { n: principals.length, by: approved.approval.by, date, flagged }),
      details,
    };
  const reasons = [
    ...diff.added.map((p) => t(lang, 'access.review.added', { who: who(p) })),
    ...diff.removed.map((p) => t(lang, 'access.review.removed', { who: who(p) })),
    ...diff.changed.map((c) =>
      t(lang, 'access.review.changedOne', { who: who(c), what: describeFields(c.fields) }),
    ),
  ];
  return {
    status: 'WARN',
    summary: t(lang, 'access.review.changed', { n: reasons.length, by: approved.approval.by, date }),
    reasons: reasons.slice(0, MAX_REASONS),
    details,
  };
}
