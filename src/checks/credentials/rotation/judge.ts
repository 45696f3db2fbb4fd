import type { CheckOutcome } from '../../../core/check.js';
import { globToRegExp } from '../../_shared/glob.js';

export interface EntryAge {
  entry: string;
  /** ISO time of the last commit that changed the entry's `.gpg` file. */
  changedAt: string;
  ageDays: number;
  overdue: boolean;
}

const DAY = 86_400;

/**
 * Pure: the critical entries (those matching `globs`) and the age of each,
 * against `maxAgeSec`. WARN when one is overdue; UNKNOWN when no entry
 * matches (a typo must not read as "all rotated") or one has no history.
 */
export function judgeRotation(
  entries: readonly string[],
  lastChange: ReadonlyMap<string, number>,
  globs: readonly string[],
  maxAgeSec: number,
  now: Date,
): CheckOutcome {
  const res = globs.map((g) => globToRegExp(g));
  const critical = entries.filter((e) => res.some((r) => r.test(e)));
  const nowSec = now.getTime() / 1000;
  if (critical.length === 0)
    return {
      status: 'UNKNOWN',
      summary: `no entry of the store matches ${globs.join(', ')}`,
      reasons: [`no entry of the store matches ${globs.join(', ')} (${entries.length} entries in the store)`],
      details: { entries: [], storeEntries: entries.length },
    };
  const ages: EntryAge[] = [];
  const noHistory: string[] = [];
  for (const entry of critical) {
    const t = lastChange.get(entry);
    if (t === undefined) {
      noHistory.push(entry);
      continue;
    }
    const age = nowSec - t;
    ages.push({
      entry,
      changedAt: new Date(t * 1000).toISOString(),
      ageDays: Math.floor(age / DAY),
      overdue: age > maxAgeSec,
    });
  }
  ages.sort((a, b) => b.ageDays - a.ageDays || a.entry.localeCompare(b.entry));
  const overdue = ages.filter((a) => a.overdue);
  const maxDays = Math.round(maxAgeSec / DAY);
  const details = { entries: ages, overdue: overdue.map((a) => a.entry), maxAgeDays: maxDays, noHistory };
  // The next entry to cross the limit: a kept outcome must not outlive it.
  const next = ages.filter((a) => !a.overdue).map((a) => Date.parse(a.changedAt) + maxAgeSec * 1000);
  const validUntil = next.length ? { validUntil: new Date(Math.min(...next)).toISOString() } : {};
  const reasons = overdue.map(
    (a) => `${a.entry}: last changed ${a.changedAt.slice(0, 10)}, ${a.ageDays} days ago (limit ${maxDays})`,
  );
  if (noHistory.length > 0) {
    return {
      status: overdue.length > 0 ? 'WARN' : 'UNKNOWN',
      summary: `${noHistory.length} critical ${noHistory.length === 1 ? 'entry has' : 'entries have'} no git history${overdue.length ? `, ${overdue.length} overdue` : ''}`,
      reasons: [
        ...reasons,
        ...noHistory.map((e) => `${e}: not in the store's git history (pass git init? uncommitted?)`),
      ],
      details,
      ...validUntil,
    };
  }
  if (overdue.length > 0) {
    const oldest = overdue[0]!;
    return {
      status: 'WARN',
      summary: `${overdue.length} of ${ages.length} critical ${ages.length === 1 ? 'entry' : 'entries'} not changed for over ${maxDays} days (oldest: ${oldest.entry}, ${oldest.ageDays} days)`,
      reasons,
      details,
      ...validUntil,
    };
  }
  const oldest = ages[0]!;
  return {
    status: 'OK',
    summary: `${ages.length} critical ${ages.length === 1 ? 'entry' : 'entries'} changed within ${maxDays} days (oldest: ${oldest.entry}, ${oldest.ageDays} days)`,
    details,
    ...validUntil,
  };
}
