import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { formatSize } from '../../../config/size.js';
import { shQuote } from '../../../core/command.js';
import { median } from '../../../core/median.js';
import { hasSecretRef } from '../../../core/secret-ref.js';
import { notBoth, sentence } from '../../../core/sentence.js';
import type { Status } from '../../../core/status.js';
import { age, type Lang, t } from '../../../i18n/index.js';
import { ageRuleShape, type RuleValues, refineRules, sizeRuleShape } from './rules.js';

/** Helpers shared by backup.borg and backup.restic: common options, size history, age and size rules. */

/** A repository location goes on the command line (visible in `ps` and in the evidence): no secret in it. */
export const repositoryString = z
  .string()
  .min(1)
  .refine((s) => !hasSecretRef(s), sentence('config.option.repoSecretRef'))
  .refine(
    (s) => !/^[a-z0-9+.-]*:[^@\s]*\/\/[^/@\s]*:[^/@\s]*@/i.test(s),
    sentence('config.option.repoUrlPassword'),
  );

/**
 * A command that prints the passphrase must read it from somewhere: `echo secret`
 * would put the passphrase itself in ronde.yaml, the process list and the evidence.
 */
const passwordCommand = z
  .string()
  .min(1)
  .refine(
    (s) => !/^\s*(echo|printf)\b/.test(s) && !hasSecretRef(s),
    sentence('config.option.passwordCommand'),
  );

export const repoOptionShape = {
  password_file: z
    .string()
    .regex(/^\/[^\0]*$/, 'an absolute path on the target')
    .optional()
    .describe(
      'Absolute path **on the target** of a file holding the passphrase, readable by the SSH user (or root with sudo).',
    ),
  password_command: passwordCommand
    .optional()
    .describe('A command printing the passphrase, e.g. `pass show borg/web1`; never `echo …`.'),
  ...ageRuleShape,
  size_window: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(7)
    .describe('The newest size is compared with the median of this many previous ones (kept across rounds).'),
  ...sizeRuleShape,
  check: z
    .boolean()
    .default(false)
    .describe(
      'Also verify the repository (`borg check --repository-only`, `restic check`): reads every pack or segment and locks out backups meanwhile.',
    ),
  check_timeout: durationSchema.prefault('1h').describe('Time limit of the repository check.'),
  sudo: z.boolean().default(false).describe('Run the tool through `sudo -n`.'),
};

type Common = RuleValues & { password_file?: string | undefined; password_command?: string | undefined };

/** The cross-field rules of the shared options, as zod refinements. */
export function refineRepo<T extends Common>(schema: z.ZodType<T>) {
  return refineRules(schema).refine(
    (o) => !(o.password_file && o.password_command),
    notBoth('password_file', 'password_command'),
  );
}

/** `cat 'FILE'` for the tools' password commands (both split it like a shell would). */
export function catCommand(file: string): string {
  return `cat ${shQuote(file)}`;
}

/** One backup as remembered in the details, newest first: the size trend across rounds. */
export interface Entry {
  id: string;
  time: string;
  size: number;
  files?: number;
  /** restic: host and paths; a size is only compared within its group. */
  group?: string;
}

/** The history kept in the last result's details, if it has the expected shape. */
export function historyOf(details: Record<string, unknown> | undefined): Entry[] | undefined {
  const list = details?.history;
  if (!Array.isArray(list)) return undefined;
  return list.filter(
    (e): e is Entry =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.id === 'string' &&
      typeof e.time === 'string' &&
      Number.isFinite(Date.parse(e.time)) &&
      typeof e.size === 'number' &&
      Number.isFinite(e.size) &&
      (e.group === undefined || typeof e.group === 'string'),
  );
}

/** Previous and fresh entries, one per id (fresh wins), newest first, at most `keep` per group. */
export function mergeHistory(previous: readonly Entry[], fresh: readonly Entry[], keep: number): Entry[] {
  const byId = new Map<string, Entry>();
  for (const e of [...previous, ...fresh]) byId.set(e.id, e);
  const sorted = [...byId.values()].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  const counts = new Map<string, number>();
  return sorted.filter((e) => {
    const n = (counts.get(e.group ?? '') ?? 0) + 1;
    counts.set(e.group ?? '', n);
    return n <= keep;
  });
}

export type Problem = { status: Status; why: string };

/** Age of the newest backup against the cadence, on the host's clock; a future date is WARN. */
export function judgeAge(
  what: string,
  time: number,
  now: number,
  o: { cadence: number; warn_factor: number; crit_factor: number },
  lang: Lang,
): Problem | null {
  const old = now - time;
  if (old < -300) return { status: 'WARN', why: t(lang, 'backup.future', { what, d: age(lang, -old) }) };
  const level: Status =
    old > o.crit_factor * o.cadence ? 'CRIT' : old > o.warn_factor * o.cadence ? 'WARN' : 'OK';
  if (level === 'OK') return null;
  return {
    status: level,
    why: t(lang, 'backup.old', { what, age: age(lang, old), cadence: age(lang, o.cadence) }),
  };
}

export interface SizeFacts {
  medianPrevious?: number;
  changePct?: number;
  problem?: Problem;
}

/** The newest size against the median of the previous non-empty ones of its group. */
export function judgeSize(
  newest: Entry,
  history: readonly Entry[],
  o: Common & { size_window: number },
  lang: Lang,
): SizeFacts {
  const sizes = history
    .filter((e) => e.id !== newest.id && e.group === newest.group && e.size > 0)
    .filter((e) => Date.parse(e.time) < Date.parse(newest.time))
    .slice(0, o.size_window)
    .map((e) => e.size);
  if (newest.size === 0)
    return { problem: { status: 'CRIT', why: t(lang, 'backup.empty', { id: newest.id }) } };
  const base = median(sizes);
  if (base === undefined) return {};
  const change = ((newest.size - base) / base) * 100;
  const facts: SizeFacts = { medianPrevious: base, changePct: Math.round(change * 10) / 10 };
  const why = t(lang, 'backup.size', {
    size: formatSize(newest.size),
    pct: Math.abs(Math.round(change)),
    smaller: change < 0,
    median: formatSize(base),
    n: sizes.length,
  });
  const status: Status =
    change <= -o.shrink_crit_pct
      ? 'CRIT'
      : change <= -o.shrink_warn_pct
        ? 'WARN'
        : o.growth_crit_pct !== undefined && change >= o.growth_crit_pct
          ? 'CRIT'
          : change >= o.growth_warn_pct
            ? 'WARN'
            : 'OK';
  if (status !== 'OK') facts.problem = { status, why };
  return facts;
}

/**
 * A round that could not read the repository (locked, unreachable) keeps the remembered
 * sizes: otherwise one bad round would erase the history the size comparison needs.
 */
export function keepHistory<T extends { details?: Record<string, unknown> }>(
  outcome: T,
  previous: readonly Entry[] | undefined,
): T {
  if (!previous || outcome.details?.history !== undefined) return outcome;
  return { ...outcome, details: { ...outcome.details, history: previous } };
}

/** One line: the worst problems, or what is fine. */
export function summarize(status: Status, problems: readonly Problem[], ok: string, lang: Lang): string {
  if (status === 'OK') return ok;
  const bad = problems.filter((p) => p.status === status);
  return (
    bad
      .slice(0, 2)
      .map((p) => p.why)
      .join('; ') + (bad.length > 2 ? t(lang, 'backup.andMore', { n: bad.length - 2 }) : '')
  );
}

/** The tool's own message, short: never more than a few lines of stderr in a reason. */
export function shortMessage(text: string, max = 300): string {
  const one = text.trim().replace(/\s*\n\s*/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max)}…`;
}
