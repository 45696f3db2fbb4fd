import type { AmAlert, PromAlert, RuleGroup, Silence, Target } from '../../../clients/prometheus/schema.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, severity, worst } from '../../../core/status.js';
import { age, type Lang, t } from '../../../i18n/index.js';

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

function judgeRules(groups: RuleGroup[], r: AlertingRules, now: number, out: Finding[], lang: Lang): number {
  let evaluated = 0;
  for (const g of groups) {
    const last = g.lastEvaluation ? Date.parse(g.lastEvaluation) / 1000 : Number.NaN;
    // Go's zero time (0001-01-01) means never evaluated.
    const since = Number.isFinite(last) && last > 0 ? now - last : null;
    if (since === null || since > r.staleIntervals * Math.max(g.interval, 1))
      out.push([
        r.ruleErrors,
        since === null
          ? t(lang, 'alerting.health.groupNever', { group: g.name, file: g.file })
          : t(lang, 'alerting.health.groupStale', {
              group: g.name,
              file: g.file,
              age: age(lang, since),
              every: age(lang, g.interval),
            }),
      ]);
    for (const rule of g.rules) {
      if (rule.health === 'err')
        out.push([
          r.ruleErrors,
          t(lang, 'alerting.health.ruleFails', {
            rule: rule.name,
            group: g.name,
            error: rule.lastError || t(lang, 'alerting.health.noErrorText'),
          }),
        ]);
      else if (rule.health === 'ok') evaluated++;
    }
  }
  return evaluated;
}

function judgeTargets(targets: Target[], r: AlertingRules, out: Finding[], lang: Lang): number {
  const mine = targets.filter((t) => !r.ignoreJobs.includes(t.labels.job ?? t.scrapePool));
  for (const x of mine.filter((y) => y.health === 'down'))
    out.push([
      r.targetsDown,
      t(lang, 'alerting.health.targetDown', {
        job: x.labels.job ?? x.scrapePool,
        instance: x.labels.instance ?? x.scrapeUrl,
        error: x.lastError || t(lang, 'alerting.health.noErrorText'),
      }),
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
  lang: Lang,
): void {
  const name = `Alertmanager ${am.url}`;
  for (const part of [am.alerts, am.silences, am.counter])
    if (unread(part))
      out.push([
        part.unreachable ? 'CRIT' : 'UNKNOWN',
        t(lang, 'check.failedWith', { what: name, why: part.error }),
      ]);
  if (!unread(am.alerts) && !am.alerts.some((a) => a.labels.alertname === r.watchdog))
    out.push(['CRIT', t(lang, 'alerting.health.watchdogNotReceived', { watchdog: r.watchdog, am: name })]);
  if (!unread(am.silences))
    for (const s of am.silences.filter((x) => x.status.state === 'active')) {
      const left = Date.parse(s.endsAt) / 1000 - now;
      if (left > r.silenceMaxSec) {
        const what = s.matchers.map(
          (m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`,
        );
        out.push([
          'WARN',
          t(lang, 'alerting.health.silence', {
            id: s.id.slice(0, 8),
            by: s.createdBy || t(lang, 'alerting.health.someone'),
            matchers: what.join(', '),
            left: age(lang, left),
            comment: s.comment,
          }),
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
          ? t(lang, 'alerting.health.sincePrevious', { ago: age(lang, now - w.since) })
          : t(lang, 'alerting.health.sinceStart', { ago: started ? age(lang, now - started) : '' });
      out.push([
        r.notificationsFailed,
        t(lang, 'alerting.health.notificationsFailed', {
          am: name,
          n,
          when,
          by: w.by.map(([k, v]) => `${k}: ${v}`).join(', '),
          sent: w.attempts,
        }),
      ]);
    }
  }
}

/** One verdict over the whole pipeline: Prometheus → rules → Alertmanager → receivers. */
export function judgeAlerting(
  f: AlertingFacts,
  r: AlertingRules,
  nowDate: Date,
  lang: Lang = 'en',
): CheckOutcome {
  const now = nowDate.getTime() / 1000;
  const out: Finding[] = [];
  const prom = `Prometheus ${f.prometheus}`;
  const parts = [f.rules, f.targets, f.alerts, f.sendsTo];
  // Reachability is what this check watches: an unreachable Prometheus is CRIT, not UNKNOWN.
  if (parts.every((p) => unread(p) && p.unreachable)) {
    const why = t(lang, 'alerting.health.unreachable', { prom, error: (f.rules as Unread).error });
    return {
      status: 'CRIT',
      summary: why,
      reasons: [why],
      details: { prometheus: f.prometheus, reachable: false },
    };
  }
  for (const p of parts)
    if (unread(p))
      out.push([
        p.unreachable ? 'CRIT' : 'UNKNOWN',
        t(lang, 'check.failedWith', { what: prom, why: p.error }),
      ]);
  const evaluated = unread(f.rules) ? null : judgeRules(f.rules, r, now, out, lang);
  const up = unread(f.targets) ? null : judgeTargets(f.targets, r, out, lang);
  if (!unread(f.alerts) && !f.alerts.some((a) => a.labels.alertname === r.watchdog && a.state === 'firing'))
    out.push(['CRIT', t(lang, 'alerting.health.watchdogNotFiring', { watchdog: r.watchdog, prom })]);
  if (!unread(f.sendsTo) && f.sendsTo.length === 0)
    out.push(['CRIT', t(lang, 'alerting.health.sendsToNone', { prom })]);
  if (f.alertmanagers.length === 0 && unread(f.sendsTo))
    out.push(['UNKNOWN', t(lang, 'alerting.health.noAlertmanager')]);
  for (const am of f.alertmanagers) judgeAlertmanager(am, f, r, now, out, lang);

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
    const summary = t(lang, 'alerting.health.ok', {
      rules: evaluated ?? 0,
      up: up ?? 0,
      watchdog: r.watchdog,
      n: f.alertmanagers.length,
    });
    return { status, summary, details };
  }
  const summary = t(lang, 'alerting.health.summary', {
    first: reasons[0] ?? '',
    second: reasons[1] ?? '',
    more: Math.max(0, out.length - 2),
  });
  return { status, summary, reasons, details };
}
