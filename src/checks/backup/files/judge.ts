import { formatSize } from '../../../config/size.js';
import { median } from '../../../core/median.js';
import { type Status, worst } from '../../../core/status.js';
import { age as ageOf, type Lang, t } from '../../../i18n/index.js';
import type { BackupFilesOptions } from './options.js';
import type { SeriesScan } from './parse.js';

/** Facts of one file as kept in the result's details (history shows the trend). */
export interface FileFacts {
  name: string;
  size: number;
  mtime: string;
}

export interface SeriesFacts {
  group: string;
  status: Status;
  problems: { status: Status; why: string }[];
  count: number;
  empty: number;
  future: number;
  newest?: FileFacts & { ageSec: number };
  /** Median size of the previous `size_window` non-empty backups. */
  medianPrevious?: number;
  changePct?: number;
  files: FileFacts[];
}

/** Newest files listed per series in the details. */
export const DETAILS_FILES = 10;

export function fileFacts(f: { name: string; size: number; mtime: number }): FileFacts {
  return { name: f.name, size: f.size, mtime: new Date(Math.round(f.mtime * 1000)).toISOString() };
}

/** Age, size, empty files, retention and future dates of one series, against the options. */
export function judgeSeries(s: SeriesScan, o: BackupFilesOptions, now: number, lang: Lang): SeriesFacts {
  const problems: SeriesFacts['problems'] = [];
  const say = (status: Status, why: string) =>
    problems.push({ status, why: s.group === '' ? why : t(lang, 'backup.files.of', { what: s.group, why }) });
  const facts: SeriesFacts = {
    group: s.group,
    status: 'OK',
    problems,
    count: s.count,
    empty: s.empty,
    future: s.future,
    files: s.newest.slice(0, DETAILS_FILES).map(fileFacts),
  };
  if (s.newestFuture) {
    const ahead = ageOf(lang, s.newestFuture.mtime - now);
    say('WARN', t(lang, 'backup.files.future', { name: s.newestFuture.name, ahead }));
  }
  const [newest, ...previous] = s.newest;
  if (!newest) {
    say('CRIT', t(lang, 'backup.files.noneUpToNow'));
  } else {
    const age = now - newest.mtime;
    facts.newest = { ...fileFacts(newest), ageSec: Math.round(age) };
    const level: Status =
      age > o.crit_factor * o.cadence ? 'CRIT' : age > o.warn_factor * o.cadence ? 'WARN' : 'OK';
    if (level !== 'OK')
      say(
        level,
        t(lang, 'backup.files.old', {
          name: newest.name,
          age: ageOf(lang, age),
          cadence: ageOf(lang, o.cadence),
        }),
      );
    if (newest.size === 0) say('CRIT', t(lang, 'backup.files.empty', { name: newest.name }));
    else judgeSize(newest.size, previous.slice(0, o.size_window), o, facts, say, lang);
  }
  const olderEmpty = s.empty - (newest?.size === 0 ? 1 : 0);
  if (olderEmpty > 0) say('WARN', t(lang, 'backup.files.olderEmpty', { n: olderEmpty }));
  const { min, max } = o.retention ?? {};
  if (min !== undefined && s.count < min) say('WARN', t(lang, 'backup.files.tooFew', { n: s.count, min }));
  if (max !== undefined && s.count > max) say('WARN', t(lang, 'backup.files.tooMany', { n: s.count, max }));
  facts.status = worst(problems.map((p) => p.status));
  return facts;
}

function judgeSize(
  size: number,
  previous: readonly { size: number }[],
  o: BackupFilesOptions,
  facts: SeriesFacts,
  say: (status: Status, why: string) => void,
  lang: Lang,
): void {
  // Empty files are reported on their own; they would drag the baseline to zero.
  const sizes = previous.filter((p) => p.size > 0).map((p) => p.size);
  const base = median(sizes);
  if (base === undefined) return;
  const change = ((size - base) / base) * 100;
  facts.medianPrevious = base;
  facts.changePct = Math.round(change * 10) / 10;
  const what = t(lang, 'backup.size', {
    size: formatSize(size),
    pct: Math.abs(Math.round(change)),
    smaller: change < 0,
    median: formatSize(base),
    n: sizes.length,
  });
  if (change <= -o.shrink_crit_pct) say('CRIT', what);
  else if (change <= -o.shrink_warn_pct) say('WARN', what);
  else if (o.growth_crit_pct !== undefined && change >= o.growth_crit_pct) say('CRIT', what);
  else if (change >= o.growth_warn_pct) say('WARN', what);
}
