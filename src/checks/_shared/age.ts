import type { CheckOutcome } from '../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../core/command.js';
import { unknown } from '../../core/outcome.js';
import { age as ageText, type Lang, t } from '../../i18n/index.js';

/** Helpers shared by the freshness and backup kinds: the host's clock, find's errors, an age's verdict. */

/**
 * The host's own clock, from `date +%s` run in the same batch: ages are measured
 * on the machine that holds the files, so a skewed monitoring host cannot make
 * a stale backup look fresh. Null when the output is not an epoch.
 */
export function parseEpoch(stdout: string): number | null {
  const text = stdout.trim();
  if (!/^\d{1,12}(?:\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** `find: '/x': Permission denied` → kind and path; GNU find escapes a quote in the path as `\'`. */
export interface FindError {
  path: string | null;
  kind: 'missing' | 'denied' | 'other';
  message: string;
}

export function parseFindErrors(stderr: string): FindError[] {
  const out: FindError[] = [];
  for (const raw of stderr.split('\n')) {
    const message = raw.trim();
    if (message === '') continue;
    const m = /^find: '((?:[^'\\]|\\.)*)': (.+)$/.exec(message);
    const path = m ? m[1]!.replace(/\\(.)/g, '$1') : null;
    const kind = /Permission denied$/.test(message)
      ? 'denied'
      : /No such file or directory$/.test(message)
        ? 'missing'
        : 'other';
    out.push({ path, kind, message });
  }
  return out;
}

/** Age of a timestamp against a clock: CRIT above max_age, WARN above warn_age or in the future. */
export function judgeAge(
  what: string,
  at: number,
  now: number,
  o: { max_age: number; warn_age?: number | undefined; future_tolerance: number },
  details: Record<string, unknown>,
  lang: Lang,
): { status: 'OK' | 'WARN' | 'CRIT'; summary: string; reasons: string[]; details: Record<string, unknown> } {
  const age = now - at;
  const facts = {
    ...details,
    modified: new Date(Math.round(at * 1000)).toISOString(),
    ageSec: Math.round(age),
  };
  const done = (status: 'OK' | 'WARN' | 'CRIT', summary: string) => ({
    status,
    summary,
    reasons: status === 'OK' ? [] : [summary],
    details: facts,
  });
  if (age < -o.future_tolerance)
    return done('WARN', t(lang, 'freshness.future', { what, d: ageText(lang, -age) }));
  const text = t(lang, 'freshness.modified', { what, age: ageText(lang, age) });
  if (age > o.max_age) return done('CRIT', t(lang, 'freshness.max', { text, max: ageText(lang, o.max_age) }));
  if (o.warn_age !== undefined && age > o.warn_age)
    return done('WARN', t(lang, 'freshness.warnAfter', { text, warn: ageText(lang, o.warn_age) }));
  return done('OK', text);
}

/**
 * The outputs of `find` and `date +%s` run in one batch: find ran and the host's
 * clock was read, or the UNKNOWN that says which did not.
 */
export function findAndClock(
  outputs: readonly CommandResult[],
  lang: Lang,
): { find: CommandResult; now: number } | CheckOutcome {
  const [find, date] = outputs;
  if (!find || !date) return unknown(t(lang, 'freshness.findOrDate'));
  if (find.exitCode === EXIT_NOT_FOUND) return unknown(t(lang, 'freshness.findNotFound'));
  const now = parseEpoch(date.stdout);
  if (now === null)
    return unknown(t(lang, 'freshness.noClock', { error: date.stderr.trim() || date.stdout.trim() }));
  return { find, now };
}
