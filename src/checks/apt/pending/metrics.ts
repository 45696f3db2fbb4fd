import type { Exposition } from '../../../clients/prometheus/client.js';
import type { CheckOutcome } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { type Status, worst } from '../../../core/status.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { textfileWritten } from '../../_shared/node-exporter.js';

/** apt_info.py's origins: `Debian:bookworm-security/stable-security,Debian:bookworm/stable`. */
const isSecurityOrigin = (origin: string) => origin.split(',').some((o) => /-security\b/.test(o));

/**
 * apt.pending from the apt textfile collector (prometheus-node-exporter-collectors'
 * apt_info.py): the same statuses as over SSH; metrics older than max_list_age
 * are UNKNOWN, never OK (the collector may have stopped).
 */
export function judgeAptMetrics(
  e: Exposition,
  url: string,
  o: { security: Status; pending: Status; maxListAgeSec: number },
  now: Date,
  lang: Lang,
): CheckOutcome {
  const nowSec = now.getTime() / 1000;
  const pendingSamples = e.samples.filter((s) => s.name === 'apt_upgrades_pending');
  if (pendingSamples.length === 0) return unknown(t(lang, 'apt.pending.metrics.absent', { url }));
  const file = textfileWritten(e, /apt/);
  if (file.scrapeError) return unknown(t(lang, 'apt.pending.metrics.scrapeError', { url }));
  if (file.at !== null && nowSec - file.at > o.maxListAgeSec)
    return unknown(t(lang, 'apt.pending.metrics.stale', { url, age: duration(lang, nowSec - file.at) }));
  const sum = (name: string, pick: (origin: string) => boolean = () => true) =>
    e.samples.filter((s) => s.name === name && pick(s.labels.origin ?? '')).reduce((a, s) => a + s.value, 0);
  const held = sum('apt_upgrades_held');
  const pending = Math.max(0, sum('apt_upgrades_pending') - held);
  const security = sum('apt_upgrades_pending', isSecurityOrigin);
  const stamp = e.samples.find((s) => s.name === 'apt_package_cache_timestamp_seconds')?.value ?? null;
  const age = stamp === null ? null : Math.max(0, nowSec - stamp);
  const statuses: Status[] = [];
  const reasons: string[] = [];
  const origins = (pick: (o: string) => boolean) =>
    pendingSamples
      .filter((s) => s.value > 0 && pick(s.labels.origin ?? ''))
      .map((s) => `${s.labels.origin} (${s.labels.arch}): ${s.value}`)
      .join(', ');
  if (security > 0) {
    statuses.push(o.security);
    reasons.push(t(lang, 'apt.pending.security', { n: security, names: origins(isSecurityOrigin) }));
  }
  if (pending > 0) {
    statuses.push(o.pending);
    if (pending > security)
      reasons.push(t(lang, 'apt.pending.pending', { n: pending, names: origins(() => true) }));
  }
  if (age === null) {
    statuses.push('WARN');
    reasons.push(t(lang, 'apt.pending.noLists'));
  } else if (age > o.maxListAgeSec) {
    statuses.push('WARN');
    reasons.push(t(lang, 'apt.pending.listsOld', { age: duration(lang, age) }));
  }
  const status = worst(statuses);
  const summary =
    t(lang, 'apt.pending.summary', {
      pending,
      security,
      held,
      phased: 0,
      lists: age === null ? '' : duration(lang, age),
    }) + ` ${t(lang, 'apt.pending.metrics.from', { url })}`;
  return {
    status,
    summary,
    ...(status === 'OK' ? {} : { reasons }),
    details: {
      source: url,
      pending,
      security,
      held,
      listsAgeSec: age === null ? null : Math.round(age),
      metricsWrittenAt: file.at === null ? null : new Date(file.at * 1000).toISOString(),
    },
  };
}
