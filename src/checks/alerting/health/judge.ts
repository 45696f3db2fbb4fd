import type { AmAlert, PromAlert, RuleGroup, Silence, Target } from '../../../clients/prometheus/schema.js';
import { formatAge } from '../../../config/duration.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, severity, worst } from '../../../core/status.js';

/** A part that could not be read: the reason, and whether it is a reachability failure. */
export interface Unread {
  error: string;
  unreachable: boolean;
}
type Read<T> = T | Unread;
const unread = (x: unknown): x is Unread =>
  typeof x === 'object' && x !== null && 'error' in x && 'unreachable' in x;

/** The counter `alertmanager_notifications_failed_total` summed over integrations, and when it was read. */
export interface FailedCounter {
  /** integration → failed notifications since the start. */
  failed: Record<string, number>;
  /** integration → notifications attempted since the start. */
  total: Record<string, number>;
  /** process_start_time_seconds, unix seconds. */
  startedAt: number | null;
  /** When it was read, unix seconds. */
  at: number;
}

export interface AlertmanagerFacts {
  url: string;
  alerts: Read<AmAlert[]>;
  silences: Read<Silence[]>;
  counter: Read<FailedCounter>;
}

export interface AlertingFacts {
  prometheus: string;
  rules: Read<RuleGroup[]>;
  targets: Read<Target[]>;
  alerts: Read<PromAlert[]>;
  /** Alertmanagers Prometheus sends to (its own view), or the reason it is unknown. */
  sendsTo: Read<string[]>;
  alertmanagers: AlertmanagerFacts[];
  /** The same counter one round earlier (this check's previous result), for a rate. */
  previousCounters?: Record<string, FailedCounter>;
}

export interface AlertingRules {
  watchdog: string;
  targetsDown: Status;
  ignoreJobs: readonly string[];
  ruleErrors: Status;
  /** A group not evaluated for this many intervals is stalled. */
  staleIntervals: number;
  /** An active silence ending further ahead than this (seconds) is likely forgotten. */
  silenceMaxSec: number;
  notificationsFailed: Status;
}

type Finding = [Status, string];

function judgeRules(groups: RuleGroup[], r: AlertingRules, now: number, out: Finding[]): number {
  let evaluated = 0;
  for (const g of groups) {
    const last = g.lastEvaluation ? Date.parse(g.lastEvaluation) / 1000 : Number.NaN;
    // Go's zero time (0001-01-01) means never evaluated.
    const age = Number.isFinite(last) && last > 0 ? now - last : null;
    if (age === null || age > r.staleIntervals * Math.max(g.interval, 1))
      out.push([
        r.ruleErrors,
        `rule group ${g.name} (${g.file}) ${age === null ? 'never evaluated' : `last evaluated ${formatAge(age)} ago, every ${formatAge(g.interval)}`}`,
      ]);
    for (const rule of g.rules) {
      if (rule.health === 'err')
        out.push([
          r.ruleErrors,
          `rule ${rule.name} in ${g.name} fails: ${rule.lastError || 'no error text'}`,
        ]);
      else if (rule.health === 'ok') evaluated++;
    }
  }
  return evaluated;
}

function judgeTargets(targets: Target[], r: AlertingRules, out: Finding[]): number {
  const mine = targets.filter((t) => !r.ignoreJobs.includes(t.labels.job ?? t.scrapePool));
  for (const t of mine.filter((x) => x.health === 'down'))
    out.push([
      r.targetsDown,
      `target ${t.labels.job ?? t.scrapePool} ${t.labels.instance ?? t.scrapeUrl} down: ${t.lastError || 'no error text'}`,
    ]);
  return mine.filter((t) => t.health === 'up').length;
}

/** Failures in the window since the previous reading, or since Alertmanager started. */
function failuresSince(c: FailedCounter, prev: FailedCounter | undefined) {
  const sum = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
  // A counter that went down means a restart: the whole counter is new.
  const reset =
    !prev ||
    sum(c.failed) < sum(prev.failed) ||
    (c.startedAt !== null && prev.startedAt !== null && c.startedAt !== prev.startedAt);
  const base = reset ? undefined : prev;
  const by = Object.entries(c.failed)
    .map(([k, v]) => [k, v - (base?.failed[k] ?? 0)] as const)
    .filter(([, v]) => v > 0);
  const attempts = sum(c.total) - (base ? sum(base.total) : 0);
  return { by, attempts, since: base ? base.at : null };
}

function judgeAlertmanager(
  am: AlertmanagerFacts,
  f: AlertingFacts,
  r: AlertingRules,
  now: number,
  out: Finding[],
): void {
  const name = `Alertmanager ${am.url}`;
  for (const part of [am.alerts, am.silences, am.counter])
    if (unread(part)) out.push([part.unreachable ? 'CRIT' : 'UNKNOWN', `${name}: ${part.error}`]);
  if (!unread(am.alerts) && !am.alerts.some((a) => a.labels.alertname === r.watchdog))
    out.push(['CRIT', `${r.watchdog} alert not received by ${name}: alerts do not reach it`]);
  if (!unread(am.silences))
    for (const s of am.silences.filter((x) => x.status.state === 'active')) {
      const left = Date.parse(s.endsAt) / 1000 - now;
      if (left > r.silenceMaxSec) {
        const what = s.matchers.map(
          (m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`,
        );
        out.push([
          'WARN',
          `silence ${s.id.slice(0, 8)} by ${s.createdBy || 'someone'} (${what.join(', ')}) ends in ${formatAge(left)}${s.comment ? `: "${s.comment}"` : ''}`,
        ]);
      }
    }
  if (!unread(am.counter)) {
    const w = failuresSince(am.counter, f.previousCounters?.[am.url]);
    if (w.by.length > 0) {
      const n = w.by.reduce((a, [, v]) => a + v, 0);
      const started = am.counter.startedAt;
      const when =
        w.since !== null
          ? `since the previous round, ${formatAge(now - w.since)} ago`
          : `since it started${started ? ` ${formatAge(now - started)} ago` : ''}`;
      out.push([
        r.notificationsFailed,
        `${name}: ${n} notification${n > 1 ? 's' : ''} failed ${when} (${w.by.map(([k, v]) => `${k}: ${v}`).join(', ')}; ${w.attempts} sent): people may not be told`,
      ]);
    }
  }
}

/** One verdict over the whole pipeline: Prometheus → rules → Alertmanager → receivers. */
export function judgeAlerting(f: AlertingFacts, r: AlertingRules, nowDate: Date): CheckOutcome {
  const now = nowDate.getTime() / 1000;
  const out: Finding[] = [];
  const prom = `Prometheus ${f.prometheus}`;
  const parts = [f.rules, f.targets, f.alerts, f.sendsTo];
  // Reachability is what this check watches: an unreachable Prometheus is CRIT, not UNKNOWN.
  if (parts.every((p) => unread(p) && p.unreachable)) {
    const why = (f.rules as Unread).error;
    return {
      status: 'CRIT',
      summary: `${prom} unreachable: ${why}`,
      reasons: [`${prom} unreachable: ${why}`],
      details: { prometheus: f.prometheus, reachable: false },
    };
  }
  for (const p of parts) if (unread(p)) out.push([p.unreachable ? 'CRIT' : 'UNKNOWN', `${prom}: ${p.error}`]);
  const evaluated = unread(f.rules) ? null : judgeRules(f.rules, r, now, out);
  const up = unread(f.targets) ? null : judgeTargets(f.targets, r, out);
  if (!unread(f.alerts) && !f.alerts.some((a) => a.labels.alertname === r.watchdog && a.state === 'firing'))
    out.push([
      'CRIT',
      `${r.watchdog} alert not firing in ${prom}: the always-firing alert is missing, the pipeline cannot be trusted`,
    ]);
  if (!unread(f.sendsTo) && f.sendsTo.length === 0)
    out.push(['CRIT', `${prom} sends alerts to no Alertmanager`]);
  if (f.alertmanagers.length === 0 && unread(f.sendsTo))
    out.push(['UNKNOWN', 'no Alertmanager to check: set alertmanager_url']);
  for (const am of f.alertmanagers) judgeAlertmanager(am, f, r, now, out);

  // A finding its option set to OK is not a problem (`targets_down: OK`).
  out.splice(0, out.length, ...out.filter(([s]) => s !== 'OK'));
  out.sort((a, b) => severity(b[0]) - severity(a[0]));
  const status = worst(out.map(([s]) => s));
  const reasons = out.map(([, m]) => m);
  const counters = Object.fromEntries(
    f.alertmanagers.filter((a) => !unread(a.counter)).map((a) => [a.url, a.counter]),
  );
  const details = {
    prometheus: f.prometheus,
    reachable: true,
    rulesEvaluated: evaluated,
    targetsUp: up,
    alertmanagers: f.alertmanagers.map((a) => a.url),
    counters,
    problems: out.map(([s, m]) => ({ status: s, message: m })),
  };
  if (out.length === 0) {
    const summary =
      `${evaluated} rules evaluating, ${up} targets up, ${r.watchdog} firing and received by ` +
      `${f.alertmanagers.length} Alertmanager${f.alertmanagers.length > 1 ? 's' : ''}, no failed notification`;
    return { status, summary, details };
  }
  const more = out.length > 2 ? ` (+${out.length - 2} more)` : '';
  return { status, summary: `${reasons.slice(0, 2).join('; ')}${more}`, reasons, details };
}
