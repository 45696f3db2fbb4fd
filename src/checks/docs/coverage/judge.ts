import type { CheckOutcome } from '../../../core/check.js';
import type { Suggestion } from '../../../core/suggestions.js';
import { type Lang, t } from '../../../i18n/index.js';

/*
 * Seed R12: every host and service has a wiki page, edited since the
 * service last changed. Pure: subjects and pages in, outcome out. Missing
 * and stale pages are WARN (documentation debt, not an outage), listed one
 * per line and as suggestions for the weekly digest.
 */

export type SubjectKind = 'host' | 'compose' | 'service';

export interface Subject {
  kind: SubjectKind;
  name: string;
  /** The page name, as the wiki normalises it. */
  page: string;
  /** Its last change ronde can see (Compose: the newest container's creation). */
  changedAt?: Date;
}

export interface CoveragePolicy {
  /** Seconds; a page older than this is stale. */
  maxAgeSec?: number;
  /** Seconds a page may precede a change. */
  graceSec: number;
  pageUrl(page: string): string;
}

const label = (lang: Lang, s: Subject) => t(lang, `docs.coverage.${s.kind}`, { name: s.name });
const day = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400;

interface Verdict {
  subject: Subject;
  state: 'ok' | 'missing' | 'stale';
  modified?: Date;
  why?: string;
}

function judgeOne(lang: Lang, s: Subject, modified: Date | undefined, p: CoveragePolicy, now: Date): Verdict {
  const what = label(lang, s);
  if (!modified)
    return { subject: s, state: 'missing', why: t(lang, 'docs.coverage.missing', { what, page: s.page }) };
  if (s.changedAt && modified.getTime() < s.changedAt.getTime() - p.graceSec * 1000)
    return {
      subject: s,
      state: 'stale',
      modified,
      why: t(lang, 'docs.coverage.staleChange', {
        what,
        page: s.page,
        edited: day(modified),
        changed: day(s.changedAt),
      }),
    };
  const age = (now.getTime() - modified.getTime()) / 1000;
  if (p.maxAgeSec !== undefined && age > p.maxAgeSec)
    return {
      subject: s,
      state: 'stale',
      modified,
      why: t(lang, 'docs.coverage.staleAge', {
        what,
        page: s.page,
        days: Math.floor(age / DAY),
        max: Math.round(p.maxAgeSec / DAY),
      }),
    };
  return { subject: s, state: 'ok', modified };
}

export function judgeCoverage(
  lang: Lang,
  subjects: readonly Subject[],
  pages: ReadonlyMap<string, Date>,
  p: CoveragePolicy,
  now: Date,
  notes: readonly string[] = [],
): CheckOutcome {
  const verdicts = subjects.map((s) => judgeOne(lang, s, pages.get(s.page), p, now));
  const missing = verdicts.filter((v) => v.state === 'missing');
  const stale = verdicts.filter((v) => v.state === 'stale');
  const names = (list: Verdict[]) =>
    list
      .slice(0, 5)
      .map((v) => v.subject.page)
      .join(', ') + (list.length > 5 ? ', …' : '');
  const parts = [
    missing.length > 0
      ? t(lang, 'docs.coverage.summaryMissing', { n: missing.length, names: names(missing) })
      : '',
    stale.length > 0 ? t(lang, 'docs.coverage.summaryStale', { n: stale.length, names: names(stale) }) : '',
  ].filter(Boolean);
  const n = (k: SubjectKind) => subjects.filter((s) => s.kind === k).length;
  const suggestions: Suggestion[] = [...missing, ...stale].map((v) => ({
    text: `${v.subject.page} (${label(lang, v.subject)})`,
    url: p.pageUrl(v.subject.page),
    group: t(lang, v.state === 'missing' ? 'docs.coverage.toWrite' : 'docs.coverage.toUpdate'),
    ...(v.modified ? { since: day(v.modified) } : {}),
  }));
  const bad = parts.length > 0;
  return {
    status: bad ? 'WARN' : 'OK',
    summary: bad
      ? parts.join('; ')
      : subjects.length === 0
        ? t(lang, 'docs.coverage.empty')
        : t(lang, 'docs.coverage.ok', { hosts: n('host'), projects: n('compose'), services: n('service') }),
    ...(bad ? { reasons: [...missing, ...stale].map((v) => v.why!) } : {}),
    details: {
      subjects: verdicts.map((v) => ({
        kind: v.subject.kind,
        name: v.subject.name,
        page: v.subject.page,
        state: v.state,
        ...(v.modified ? { modified: v.modified.toISOString() } : {}),
        ...(v.subject.changedAt ? { changed: v.subject.changedAt.toISOString() } : {}),
      })),
      missing: missing.length,
      stale: stale.length,
      ...(notes.length > 0 ? { notes } : {}),
      suggestions,
    },
  };
}
