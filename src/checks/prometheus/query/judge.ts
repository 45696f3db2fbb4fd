import type { QueryData } from '../../../clients/prometheus/schema.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, severity, worst } from '../../../core/status.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { linearFit, secondsToLimit } from './trend.js';

export interface QueryRules {
  query: string;
  /** `above`: a value above the thresholds is bad (a ceiling); `below`: under them (a floor). */
  direction: 'above' | 'below';
  warn?: number | undefined;
  crit?: number | undefined;
  /** Trend mode: the value at which the series is "full". */
  fullAt?: number | undefined;
  windowSec: number;
  warnDays: number;
  critDays: number;
  /** Labels that name a series; empty: all of them. */
  labelNames: readonly string[];
  empty: Status;
}

export interface SeriesVerdict {
  name: string;
  labels: Record<string, string>;
  status: Status;
  value: number | null;
  /** Trend mode: seconds to reach `full_at`; null: never. */
  secondsToFull?: number | null;
  /** Trend mode: units per day. */
  ratePerDay?: number;
  reason?: string;
}

/** `3.142`, `1.5e+9`: four significant digits at most, enough to read a threshold. */
export function num(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && Number.isFinite(v) && (a >= 1e6 || a < 1e-3))
    return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

export function seriesName(labels: Record<string, string>, names: readonly string[]): string {
  const { __name__: metric, ...rest } = labels;
  const named = names.filter((k) => labels[k] !== undefined);
  // None of the named labels on this series: all of them, rather than an anonymous `{}`.
  const keys = named.length > 0 ? named : Object.keys(rest).sort();
  const inner = keys.map((k) => `${k}="${labels[k]}"`).join(', ');
  return `${named.length > 0 ? '' : (metric ?? '')}{${inner}}`;
}

function byThreshold(r: QueryRules, lang: Lang, name: string, v: number): [Status, string?] {
  if (Number.isNaN(v)) return ['UNKNOWN', t(lang, 'prometheus.query.nan', { name })];
  const over = (limit: number) => (r.direction === 'above' ? v > limit : v < limit);
  const say = (limit: number) =>
    t(lang, r.direction === 'above' ? 'prometheus.query.above' : 'prometheus.query.below', {
      name,
      value: num(v),
      limit: num(limit),
    });
  if (r.crit !== undefined && over(r.crit)) return ['CRIT', say(r.crit)];
  if (r.warn !== undefined && over(r.warn)) return ['WARN', say(r.warn)];
  return ['OK'];
}

function byTrend(
  r: QueryRules & { fullAt: number },
  lang: Lang,
  name: string,
  values: readonly [number, string][],
  now: number,
): Omit<SeriesVerdict, 'name' | 'labels'> {
  const points = values.map(([ts, v]) => [ts, Number(v)] as const);
  const last = points.at(-1)?.[1] ?? null;
  const fit = linearFit(points, now);
  if (!fit)
    return {
      status: 'UNKNOWN',
      value: last,
      reason: t(lang, 'prometheus.query.noTrend', { name, window: duration(lang, r.windowSec) }),
    };
  const sec = secondsToLimit(fit, r.fullAt, r.direction === 'above');
  const facts = { value: last, secondsToFull: sec, ratePerDay: fit.slope * 86_400 };
  if (sec === null) return { status: 'OK', ...facts };
  const status: Status = sec <= r.critDays * 86_400 ? 'CRIT' : sec <= r.warnDays * 86_400 ? 'WARN' : 'OK';
  const reason =
    sec === 0
      ? t(lang, 'prometheus.query.reached', { name, limit: num(r.fullAt), value: num(fit.valueNow) })
      : t(lang, 'prometheus.query.fullIn', {
          name,
          limit: num(r.fullAt),
          in: duration(lang, sec),
          value: num(fit.valueNow),
          rate: num(fit.slope * 86_400),
        });
  return { status, ...facts, ...(status === 'OK' ? {} : { reason }) };
}

/** One item per series, each with its own status; the worst is the check's. */
export function judgeQuery(data: QueryData, r: QueryRules, lang: Lang, nowDate: Date): CheckOutcome {
  const now = nowDate.getTime() / 1000;
  let items: SeriesVerdict[];
  if (r.fullAt !== undefined) {
    if (data.resultType !== 'matrix') return notVector(lang, data.resultType);
    const rr = { ...r, fullAt: r.fullAt };
    items = data.result.map((s) => {
      const name = seriesName(s.metric, r.labelNames);
      return { name, labels: s.metric, ...byTrend(rr, lang, name, s.values, now) };
    });
  } else if (data.resultType === 'vector' || data.resultType === 'scalar') {
    const rows = data.resultType === 'vector' ? data.result : [{ metric: {}, value: data.result }];
    items = rows.map((s) => {
      const name = seriesName(s.metric, r.labelNames);
      const value = Number(s.value[1]);
      const [status, reason] = byThreshold(r, lang, name, value);
      return {
        name,
        labels: s.metric,
        status,
        value: Number.isNaN(value) ? null : value,
        ...(reason ? { reason } : {}),
      };
    });
  } else return notVector(lang, data.resultType);

  if (items.length === 0) {
    const why = t(lang, 'prometheus.query.empty', { query: r.query });
    return { status: r.empty, summary: why, reasons: [why], details: { items: [] } };
  }
  items.sort((a, b) => severity(b.status) - severity(a.status) || a.name.localeCompare(b.name));
  const bad = items.filter((i) => i.status !== 'OK');
  const status = worst(items.map((i) => i.status));
  const details = { query: r.query, items };
  if (bad.length === 0) {
    const summary =
      r.fullAt !== undefined
        ? t(lang, 'prometheus.query.okTrend', {
            n: items.length,
            limit: num(r.fullAt),
            within: duration(lang, r.warnDays * 86_400),
          })
        : t(lang, 'prometheus.query.ok', { n: items.length });
    return { status, summary, details };
  }
  const reasons = bad.map((i) => i.reason ?? i.name);
  const more = bad.length > 3 ? `, ${t(lang, 'check.more', { n: bad.length - 3 })}` : '';
  const summary = t(lang, 'prometheus.query.bad', {
    bad: bad.length,
    n: items.length,
    items: reasons.slice(0, 3).join(t(lang, 'check.semicolon')) + more,
  });
  return { status, summary, reasons, details };
}

function notVector(lang: Lang, type: string): CheckOutcome {
  const why = t(lang, 'prometheus.query.notVector', { type });
  return { status: 'UNKNOWN', summary: why, reasons: [why] };
}
