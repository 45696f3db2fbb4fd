import type { CheckOutcome } from '../../../core/check.js';
import { type Status, severity, worst } from '../../../core/status.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { seriesName } from '../../prometheus/query/judge.js';

export interface NewestSample {
  labels: Record<string, string>;
  /** Unix seconds of the series' newest sample. */
  at: number;
}

export interface FreshnessRules {
  selector: string;
  maxAgeSec: number;
  warnAgeSec?: number | undefined;
  lookBackSec: number;
  labelNames: readonly string[];
}

/** "The graph is not from yesterday": each series' newest sample against max_age. */
export function judgeFreshness(
  series: readonly NewestSample[],
  r: FreshnessRules,
  lang: Lang,
  nowDate: Date,
): CheckOutcome {
  const now = nowDate.getTime() / 1000;
  if (series.length === 0) {
    const why = t(lang, 'freshness.metric.absent', {
      selector: r.selector,
      lookBack: duration(lang, r.lookBackSec),
    });
    return { status: 'UNKNOWN', summary: why, reasons: [why], details: { items: [] } };
  }
  const items = series
    .map((s) => {
      const age = Math.max(0, now - s.at);
      const status: Status =
        age > r.maxAgeSec ? 'CRIT' : r.warnAgeSec !== undefined && age > r.warnAgeSec ? 'WARN' : 'OK';
      const name = seriesName(s.labels, r.labelNames);
      const at = new Date(Math.round(s.at * 1000)).toISOString();
      return { name, labels: s.labels, newest: at, ageSec: Math.round(age), status };
    })
    .sort((a, b) => severity(b.status) - severity(a.status) || b.ageSec - a.ageSec);
  const status = worst(items.map((i) => i.status));
  const bad = items.filter((i) => i.status !== 'OK');
  const details = { selector: r.selector, items };
  if (bad.length === 0)
    return {
      status,
      summary: t(lang, 'freshness.metric.ok', { n: items.length, age: duration(lang, items[0]!.ageSec) }),
      details,
    };
  const reasons = bad.map((i) =>
    t(lang, 'freshness.metric.old', { name: i.name, age: duration(lang, i.ageSec), at: i.newest }),
  );
  const more = bad.length > 3 ? `, ${t(lang, 'check.more', { n: bad.length - 3 })}` : '';
  return {
    status,
    summary: t(lang, 'freshness.metric.bad', {
      bad: bad.length,
      n: items.length,
      items: reasons.slice(0, 3).join(t(lang, 'check.semicolon')) + more,
    }),
    reasons,
    details,
  };
}
