import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import type { CommandResult, CommandSpec } from '../../../core/command.js';
import { type Status, worst } from '../../../core/status.js';
import { age as ageOf, type Lang, t } from '../../../i18n/index.js';
import { findAndClock, parseFindErrors } from '../../_shared/age.js';
import { DETAILS_FILES, type FileFacts, judgeSeries, type SeriesFacts } from './judge.js';
import { BackupFilesOptions } from './options.js';
import { findArgv, scanFind } from './parse.js';
import { judgeVerify, type Test, testFor, type Verdict, verifyCommand } from './verify.js';

type Problem = { status: Status; why: string };
type Run = (commands: readonly CommandSpec[]) => Promise<CommandResult[]>;
/** What a previous result said about a verified file (see `verified` in the details). */
export type Verified = FileFacts & Verdict & { test: Test };

/** The verdicts kept in the last result's details, if they have the expected shape. */
export function verifiedOf(details: Record<string, unknown> | undefined): Verified[] {
  const list = details?.verified;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (v): v is Verified =>
      typeof v === 'object' &&
      v !== null &&
      typeof v.name === 'string' &&
      typeof v.size === 'number' &&
      typeof v.mtime === 'string' &&
      typeof v.test === 'string' &&
      (v.ok === true || v.ok === false),
  );
}

/**
 * Judges the find listing and the host clock; runs the integrity tests (one more round
 * trip) only when `verify` is set. `previous` (verified files of the last result) skips
 * files already tested with the same name, size and mtime (from `ctx.previous`).
 */
export async function evaluateBackupFiles(
  outputs: readonly CommandResult[],
  o: BackupFilesOptions,
  run: Run,
  previous: readonly Verified[] = [],
  lang: Lang = 'en',
): Promise<CheckOutcome> {
  const ran = findAndClock(outputs, lang);
  if ('status' in ran) return ran;
  const { find, now } = ran;
  const dir = o.path.replace(/(.)\/+$/, '$1');
  const problems: Problem[] = [];
  const errors = parseFindErrors(find.stderr);
  if (errors.some((e) => e.kind === 'missing' && e.path === o.path)) {
    const why = t(lang, 'backup.files.noDir', { path: o.path });
    return { status: 'CRIT', summary: why, reasons: [why], details: { path: o.path, files: 0 } };
  }
  for (const e of errors) {
    // A file removed between listing and stat is a rotation in progress, not a problem.
    if (e.kind === 'missing') continue;
    problems.push({
      status: 'UNKNOWN',
      why: e.kind === 'denied' ? t(lang, 'backup.files.denied', { path: String(e.path) }) : e.message,
    });
  }
  if (find.truncated) problems.push({ status: 'UNKNOWN', why: t(lang, 'backup.files.truncated') });
  if (find.exitCode !== 0 && errors.length === 0)
    problems.push({
      status: 'UNKNOWN',
      why: t(lang, 'backup.exited', { tool: 'find', code: find.exitCode }),
    });
  const groupBy = o.group_by === undefined ? undefined : new RegExp(o.group_by);
  const scan = scanFind(find.stdout, {
    now,
    toleranceSec: o.future_tolerance,
    keep: Math.max(o.size_window + 1, DETAILS_FILES),
    groupBy,
  });
  if (scan.malformed > 0)
    problems.push({ status: 'UNKNOWN', why: t(lang, 'backup.files.malformed', { n: scan.malformed }) });
  const deniedTop = errors.some((e) => e.kind === 'denied' && e.path === o.path);
  if (scan.files === 0 && !deniedTop)
    problems.push({ status: 'CRIT', why: t(lang, 'backup.files.noMatch', { pattern: o.pattern, dir }) });
  else if (groupBy && scan.series.size === 0 && scan.files > 0)
    problems.push({ status: 'CRIT', why: t(lang, 'backup.files.groupByNone', { n: scan.files }) });
  const series = [...scan.series.values()].map((s) => judgeSeries(s, o, now, lang));
  for (const g of o.expected_groups)
    if (!scan.series.has(g))
      problems.push({ status: 'CRIT', why: t(lang, 'backup.files.groupMissing', { group: g }) });
  const verified = o.verify === 'none' ? [] : await verifyNewest(series, o, dir, run, previous);
  // A series is as bad as its newest file's integrity test: its status says so, not only the result's.
  for (const s of series) {
    const v = verified.find((x) => x.name === s.newest?.name);
    if (!v || v.ok === true) continue;
    const failed: Problem = {
      status: v.ok === false ? 'CRIT' : 'UNKNOWN',
      why: t(lang, 'backup.files.of', { what: v.name, why: v.problem ?? '' }),
    };
    s.problems.push(failed);
    s.status = worst([s.status, failed.status]);
  }
  for (const s of series) problems.push(...s.problems);
  const status = worst(problems.map((p) => p.status));
  const details = {
    path: o.path,
    pattern: o.pattern,
    hostClock: new Date(now * 1000).toISOString(),
    files: scan.files,
    ...(groupBy ? { unmatched: scan.unmatched, unmatchedSample: scan.unmatchedSample } : {}),
    series: series.map(({ problems: _, ...s }) => s),
    ...(o.verify === 'none' ? {} : { verified }),
  };
  return {
    status,
    summary: summarize(status, problems, series, lang),
    reasons: problems.map((p) => p.why),
    details,
  };
}

async function verifyNewest(
  series: readonly SeriesFacts[],
  o: BackupFilesOptions,
  dir: string,
  run: Run,
  previous: readonly Verified[],
): Promise<Verified[]> {
  const done: Verified[] = [];
  const todo: { facts: FileFacts; test: Test; cmd: CommandSpec }[] = [];
  for (const s of series) {
    const f = s.newest;
    const test = f ? testFor(f.name, o.verify) : null;
    if (!f || !test) continue;
    const facts = { name: f.name, size: f.size, mtime: f.mtime };
    const known = previous.find(
      (p) => p.name === f.name && p.size === f.size && p.mtime === f.mtime && p.test === test,
    );
    if (known && known.ok !== null) done.push(known);
    else todo.push({ facts, test, cmd: verifyCommand(test, `${dir}/${f.name}`, o.verify_timeout, o.sudo) });
  }
  if (todo.length === 0) return done;
  const results = await run(todo.map((t) => t.cmd));
  return [...done, ...todo.map((t, i) => ({ ...t.facts, test: t.test, ...judgeVerify(t.test, results[i]) }))];
}

function summarize(
  status: Status,
  problems: readonly Problem[],
  series: readonly SeriesFacts[],
  lang: Lang,
): string {
  if (status !== 'OK') {
    const bad = problems.filter((p) => p.status === status);
    return (
      bad
        .slice(0, 2)
        .map((p) => p.why)
        .join(t(lang, 'backup.files.sep')) +
      (bad.length > 2 ? t(lang, 'backup.andMore', { n: bad.length - 2 }) : '')
    );
  }
  const oldest = [...series].sort((a, b) => (b.newest?.ageSec ?? 0) - (a.newest?.ageSec ?? 0))[0];
  const age = ageOf(lang, oldest?.newest?.ageSec ?? 0);
  if (series.length === 1)
    return t(lang, 'backup.files.okOne', { name: oldest?.newest?.name ?? '', age, n: oldest?.count ?? 0 });
  return t(lang, 'backup.files.okMany', { n: series.length, group: oldest?.group ?? '', age });
}

export const backupFiles = defineCheck({
  id: 'backup.files',
  title: 'Backup files: age, size, count and integrity',
  options: BackupFilesOptions,
  zeroConfig: false,
  // Integrity tests read whole backups; the find itself has its own short limit.
  timeoutSec: 900,
  commands: (o) => [
    {
      argv: findArgv(o.path, o.max_depth, o.pattern),
      timeoutSec: 60,
      sudo: o.sudo,
      maxOutputBytes: 256 << 20,
    },
    { argv: ['date', '+%s'], timeoutSec: 10 },
  ],
  evaluate: (ctx) =>
    evaluateBackupFiles(ctx.outputs, ctx.options, ctx.run, verifiedOf(ctx.previous?.details), ctx.lang),
});
