import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, type CommandSpec, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { notBoth } from '../../../core/sentence.js';
import { worst } from '../../../core/status.js';
import { age, type Lang, t } from '../../../i18n/index.js';
import { parseEpoch } from '../../_shared/age.js';
import {
  catCommand,
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
import { type BorgArchive, borgFailure, parseBorgInfo } from './parse.js';

const Options = refineRepo(
  z
    .object({
      repository: repositoryString.describe(
        'Path or URL of the repository: `/srv/borg/web1`, `ssh://borg@backup1/./web1`. No secret reference: it is on the command line.',
      ),
      prefix: z
        .string()
        .min(1)
        .optional()
        .describe(
          "Only archives whose name starts with this (`--glob-archives 'PREFIX*'`): one series per host in a shared repository.",
        ),
      glob: z
        .string()
        .min(1)
        .optional()
        .describe('Only archives matching this borg glob (`--glob-archives`), e.g. `web1-*`.'),
      ...repoOptionShape,
    })
    .strict(),
).refine((o) => !(o.prefix && o.glob), notBoth('prefix', 'glob'));
export type BackupBorgOptions = z.output<typeof Options>;

/**
 * `env VAR=… borg …`: CommandSpec is argv only. Every variable keeps borg from
 * prompting (a prompt would hang until the timeout) or from trusting a moved or
 * unencrypted repository it does not know; TZ=UTC because borg prints local times
 * without an offset. The passphrase is read by borg itself, never on a command line.
 */
export function borgArgv(o: BackupBorgOptions, args: readonly string[]): string[] {
  if (!o.repository) throw new Error('options.repository is not set');
  const pass = o.password_file
    ? `BORG_PASSCOMMAND=${catCommand(o.password_file)}`
    : o.password_command
      ? `BORG_PASSCOMMAND=${o.password_command}`
      : 'BORG_PASSPHRASE='; // unencrypted repository: an empty passphrase, never a prompt
  return [
    'env',
    'BORG_RELOCATED_REPO_ACCESS_IS_OK=no',
    'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=no',
    'BORG_DISPLAY_PASSPHRASE=no',
    'BORG_RSH=ssh -o BatchMode=yes',
    'TZ=UTC',
    pass,
    'borg',
    '--log-json',
    ...args,
    o.repository,
  ];
}

const filter = (o: BackupBorgOptions): string[] =>
  o.glob ? ['--glob-archives', o.glob] : o.prefix ? ['--glob-archives', `${o.prefix}*`] : [];

/** `borg info --last N`: sizes per archive (1.2's `list --json` has none); each one reads its metadata. */
const info = (o: BackupBorgOptions, last: number): CommandSpec => ({
  argv: borgArgv(o, ['info', '--json', '--last', String(last), ...filter(o)]),
  timeoutSec: 600,
  sudo: o.sudo,
});

const entry = (a: BorgArchive): Entry => ({
  id: a.name,
  time: new Date(a.start * 1000).toISOString(),
  size: a.size,
  files: a.files,
});

type Run = (commands: readonly CommandSpec[]) => Promise<CommandResult[]>;

export async function evaluateBorg(
  outputs: readonly CommandResult[],
  o: BackupBorgOptions,
  run: Run,
  previous: Entry[] | undefined,
  lang: Lang,
): Promise<CheckOutcome> {
  const [infoOut, date, checkOut] = outputs;
  if (!infoOut || !date) return unknown(t(lang, 'backup.borg.noRun'));
  if (infoOut.exitCode === EXIT_NOT_FOUND) return unknown(t(lang, 'backup.borg.notFound'));
  const now = parseEpoch(date.stdout);
  if (now === null) return unknown(t(lang, 'backup.noClock', { error: shortMessage(date.stderr) }));
  const details: Record<string, unknown> = {
    repository: o.repository,
    hostClock: new Date(now * 1000).toISOString(),
  };
  if (infoOut.exitCode !== 0 && infoOut.exitCode !== 1) {
    const f = borgFailure(infoOut.stderr, infoOut.exitCode, lang);
    return { status: f.status, summary: f.why, reasons: [f.why], details };
  }
  const archives = parseBorgInfo(infoOut.stdout, lang);
  if (typeof archives === 'string')
    return unknown(
      infoOut.stderr.trim()
        ? `${archives}: ${borgFailure(infoOut.stderr, infoOut.exitCode, lang).why}`
        : archives,
    );
  const problems: Problem[] = [];
  const newest = archives[0];
  let history = previous ?? [];
  if (!newest) {
    const matching = o.glob || o.prefix ? (o.glob ?? `${o.prefix}*`) : '';
    problems.push({
      status: 'CRIT',
      why: t(lang, 'backup.borg.none', { matching, repository: o.repository }),
    });
  } else {
    // First round (no remembered history): ask borg once for the previous sizes.
    if (previous === undefined) {
      const seed = (await run([info(o, o.size_window + 1)]))[0];
      const more = seed?.exitCode === 0 ? parseBorgInfo(seed.stdout, lang) : [];
      if (typeof more !== 'string') history = more.map(entry);
    }
    const e = entry(newest);
    history = mergeHistory(history, [e], o.size_window + 1);
    const age = judgeAge(t(lang, 'backup.borg.newest', { name: newest.name }), newest.start, now, o, lang);
    if (age) problems.push(age);
    const size = judgeSize(e, history, o, lang);
    if (size.problem) problems.push(size.problem);
    details.archive = {
      name: newest.name,
      time: e.time,
      ageSec: Math.round(now - newest.start),
      size: newest.size,
      files: newest.files,
      deduplicated: newest.deduplicated,
    };
    if (size.medianPrevious !== undefined)
      Object.assign(details, { medianPrevious: size.medianPrevious, changePct: size.changePct });
  }
  if (checkOut) problems.push(...judgeCheck(checkOut, lang));
  if (checkOut) details.check = checkOut.exitCode === 0 ? 'ok' : 'failed';
  details.history = history;
  const status = worst(problems.map((p) => p.status));
  const ok = newest
    ? t(lang, 'backup.borg.ok', { name: newest.name, age: age(lang, now - newest.start) }) +
      (o.check ? t(lang, 'backup.checkPassed') : '')
    : '';
  return {
    status,
    summary: summarize(status, problems, ok, lang),
    reasons: problems.map((p) => p.why),
    details,
  };
}

function judgeCheck(out: CommandResult, lang: Lang): Problem[] {
  if (out.exitCode === 0) return [];
  const f = borgFailure(out.stderr, out.exitCode, lang);
  // A lock or a passphrase problem says nothing about the data; anything else is damage.
  return [
    f.status === 'UNKNOWN' && f.cause
      ? { status: f.status, why: f.why }
      : { status: 'CRIT', why: t(lang, 'backup.checkFailed', { tool: 'borg', why: f.why }) },
  ];
}

export const backupBorg = defineCheck({
  id: 'backup.borg',
  title: 'Borg repository: newest archive age and size',
  options: Options,
  zeroConfig: false,
  required: ['repository'],
  timeoutSec: 900,
  commands: (o) => [
    info(o, 1),
    { argv: ['date', '+%s'], timeoutSec: 10 },
    ...(o.check
      ? [{ argv: borgArgv(o, ['check', '--repository-only']), timeoutSec: o.check_timeout, sudo: o.sudo }]
      : []),
  ],
  evaluate: async (ctx) => {
    const history = historyOf(ctx.previous?.details);
    return keepHistory(await evaluateBorg(ctx.outputs, ctx.options, ctx.run, history, ctx.lang), history);
  },
});
