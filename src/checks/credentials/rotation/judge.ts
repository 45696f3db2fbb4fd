import type { CheckOutcome } from '../../../core/check.js';
import { t } from '../../../i18n/index.js';
import type { Lang } from '../../../i18n/lang.js';
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
  lang: Lang,
): CheckOutcome {
  const res = globs.map((g) => globToRegExp(g));
  const critical = entries.filter((e) => res.some((r) => r.test(e)));
  const nowSec = now.getTime() / 1000;
  if (critical.length === 0)
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'credentials.rotation.noMatch', { globs: globs.join(', ') }),
      reasons: [
        t(lang, 'credentials.rotation.noMatch.reason', { globs: globs.join(', '), n: entries.length }),
      ],
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
  const reasons = overdue.map((a) =>
    t(lang, 'credentials.rotation.overdue.reason', {
      entry: a.entry,
      date: a.changedAt.slice(0, 10),
      age: a.ageDays,
      max: maxDays,
    }),
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
      summary: t(lang, 'credentials.rotation.overdue', {
        n: overdue.length,
        of: ages.length,
        max: maxDays,
        oldest: oldest.entry,
        age: oldest.ageDays,
      }),
      reasons,
      details,
      ...validUntil,
    };
  }
  const oldest = ages[0]!;
  return {
    status: 'OK',
    summary: t(lang, 'credentials.rotation.ok', {
      n: ages.length,
      max: maxDays,
      oldest: oldest.entry,
      age: oldest.ageDays,
    }),
    details,
    ...validUntil,
  };
}
