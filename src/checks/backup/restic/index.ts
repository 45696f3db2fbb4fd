import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { notBoth, sentence } from '../../../core/sentence.js';
import { worst } from '../../../core/status.js';
import { age, type Lang, t } from '../../../i18n/index.js';
import { parseEpoch } from '../../_shared/age.js';
import {
  type Entry,
  historyOf,
  judgeAge,
  judgeSize,
  keepHistory,
  mergeHistory,
  type Problem,
  refineRepo,
  repoOptionShape,
  repositoryString,
  shortMessage,
  summarize,
} from '../_shared/repo.js';
import { groupOf, parseResticSnapshots, parseResticStats, resticFailure } from './parse.js';

const Options = refineRepo(
  z
    .object({
      repository: repositoryString
        .optional()
        .describe(
          'Location of the repository: `/srv/restic`, `sftp:backup@host:/srv/restic`, `s3:https://…/bucket`. No password, no secret reference.',
        ),
      repository_file: z
        .string()
        .regex(/^\/[^\0]*$/, 'an absolute path on the target')
        .optional()
        .describe(
          'Instead of `repository`: absolute path on the target of a file holding the location (`--repository-file`), for URLs that carry credentials.',
        ),
      host: z.string().min(1).optional().describe('Only snapshots of this host (`--host`).'),
      tag: z.string().min(1).optional().describe('Only snapshots with this tag (`--tag`; `a,b`: both tags).'),
      ...repoOptionShape,
    })
    .strict(),
)
  .refine((o) => !(o.repository && o.repository_file), notBoth('repository', 'repository_file'))
  // Refused at load (file:line:col), not an UNKNOWN at each round.
  .refine((o) => o.repository || o.repository_file, {
    ...sentence('config.option.resticRepository'),
    path: ['repository'],
  })
  .refine((o) => o.password_file || o.password_command, {
    ...sentence('config.option.resticPassword'),
    path: ['password_file'],
  });
export type BackupResticOptions = z.output<typeof Options>;

/** The global flags: where the repository is and how restic reads the password (never the password). */
export function resticBase(o: BackupResticOptions): string[] {
  const repo = o.repository
    ? ['-r', o.repository]
    : o.repository_file
      ? ['--repository-file', o.repository_file]
      : null;
  if (!repo) throw new Error('options.repository (or repository_file) is not set');
  const pass = o.password_file
    ? ['--password-file', o.password_file]
    : o.password_command
      ? ['--password-command', o.password_command]
      : null;
  // Without one, restic would read a password from standard input (/dev/null): say it plainly.
  if (!pass) throw new Error('options.password_file (or password_command) is not set');
  return ['restic', ...repo, ...pass];
}

const filters = (o: BackupResticOptions): string[] => [
  ...(o.host ? ['--host', o.host] : []),
  ...(o.tag ? ['--tag', o.tag] : []),
];

export function evaluateRestic(
  outputs: readonly CommandResult[],
  o: BackupResticOptions,
  previous: Entry[] | undefined,
  lang: Lang,
): CheckOutcome {
  const [snapsOut, statsOut, date, checkOut] = outputs;
  if (!snapsOut || !statsOut || !date) return unknown(t(lang, 'backup.restic.noRun'));
  if (snapsOut.exitCode === EXIT_NOT_FOUND) return unknown(t(lang, 'backup.restic.notFound'));
  const now = parseEpoch(date.stdout);
  if (now === null) return unknown(t(lang, 'backup.noClock', { error: shortMessage(date.stderr) }));
  const details: Record<string, unknown> = {
    ...(o.repository ? { repository: o.repository } : { repository_file: o.repository_file }),
    hostClock: new Date(now * 1000).toISOString(),
  };
  if (snapsOut.exitCode !== 0) {
    const f = resticFailure(snapsOut.stderr, snapsOut.exitCode, lang);
    return { status: f.status, summary: f.why, reasons: [f.why], details };
  }
  const snaps = parseResticSnapshots(snapsOut.stdout, lang);
  if (typeof snaps === 'string') return unknown(snaps);
  const problems: Problem[] = [];
  let history = previous ?? [];
  const newest = snaps[0];
  if (!newest) {
    const which = [
      o.host && t(lang, 'backup.restic.host', { host: o.host }),
      o.tag && t(lang, 'backup.restic.tag', { tag: o.tag }),
    ]
      .filter(Boolean)
      .join(', ');
    problems.push({ status: 'CRIT', why: t(lang, 'backup.restic.none', { which }) });
  }
  // `--latest 1` gives the newest of each host+paths group: a host that stopped is seen.
  const several = new Set(snaps.map(groupOf)).size > 1;
  for (const s of snaps) {
    const label = several ? `${s.host} ${s.paths.join(',')}: ` : '';
    const p = judgeAge(`${label}${t(lang, 'backup.restic.newest', { id: s.shortId })}`, s.time, now, o, lang);
    if (p) problems.push(p);
  }
  details.groups = snaps.map((s) => ({
    host: s.host,
    paths: s.paths,
    tags: s.tags,
    id: s.shortId,
    time: new Date(s.time * 1000).toISOString(),
    ageSec: Math.round(now - s.time),
  }));
  if (newest) {
    const stats =
      statsOut.exitCode === 0
        ? parseResticStats(statsOut.stdout, lang)
        : resticFailure(statsOut.stderr, statsOut.exitCode, lang).why;
    if (typeof stats === 'string')
      problems.push({ status: 'UNKNOWN', why: t(lang, 'backup.restic.sizeUnknown', { why: stats }) });
    else if (stats.snapshots > 0) {
      // `stats latest` ran just after `snapshots`: a backup finishing in between is a rare, harmless mix-up.
      const e: Entry = {
        id: newest.shortId,
        time: new Date(newest.time * 1000).toISOString(),
        size: stats.size,
        files: stats.files,
        group: groupOf(newest),
      };
      history = mergeHistory(history, [e], o.size_window + 1);
      const size = judgeSize(e, history, o, lang);
      if (size.problem) problems.push(size.problem);
      details.latest = {
        id: e.id,
        size: e.size,
        files: e.files,
        medianPrevious: size.medianPrevious,
        changePct: size.changePct,
      };
    }
  }
  if (checkOut && checkOut.exitCode !== 0) {
    const f = resticFailure(checkOut.stderr, checkOut.exitCode, lang);
    problems.push(
      f.cause
        ? { status: f.status, why: f.why }
        : { status: 'CRIT', why: t(lang, 'backup.checkFailed', { tool: 'restic', why: f.why }) },
    );
  }
  if (checkOut) details.check = checkOut.exitCode === 0 ? 'ok' : 'failed';
  details.history = history;
  const status = worst(problems.map((p) => p.status));
  const ok = newest
    ? t(lang, 'backup.restic.ok', { id: newest.shortId, age: age(lang, now - newest.time) }) +
      (several ? t(lang, 'backup.restic.groups', { n: snaps.length }) : '') +
      (o.check ? t(lang, 'backup.checkPassed') : '')
    : '';
  return {
    status,
    summary: summarize(status, problems, ok, lang),
    reasons: problems.map((p) => p.why),
    details,
  };
}

export const backupRestic = defineCheck({
  id: 'backup.restic',
  title: 'Restic repository: newest snapshot age and size',
  options: Options,
  zeroConfig: false,
  required: ['repository|repository_file', 'password_file|password_command'],
  timeoutSec: 900,
  commands: (o) => {
    const base = resticBase(o);
    // --no-lock: reading needs no lock file, so ronde never writes to the repository.
    const read = [base[0]!, '--no-lock', ...base.slice(1)];
    return [
      {
        argv: [...read, 'snapshots', '--json', '--latest', '1', ...filters(o)],
        timeoutSec: 300,
        sudo: o.sudo,
      },
      { argv: [...read, 'stats', 'latest', '--json', ...filters(o)], timeoutSec: 600, sudo: o.sudo },
      { argv: ['date', '+%s'], timeoutSec: 10 },
      ...(o.check ? [{ argv: [...base, 'check'], timeoutSec: o.check_timeout, sudo: o.sudo }] : []),
    ];
  },
  evaluate: (ctx) => {
    const history = historyOf(ctx.previous?.details);
    return keepHistory(evaluateRestic(ctx.outputs, ctx.options, history, ctx.lang), history);
  },
});
