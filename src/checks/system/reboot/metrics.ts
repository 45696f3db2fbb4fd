import type { Exposition } from '../../../clients/prometheus/client.js';
import type { CheckOutcome } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { textfileWritten } from '../../_shared/node-exporter.js';

/** The apt textfile is rewritten every 15 minutes by its timer: a day without is a stopped collector. */
const STALE_SEC = 86_400;

/**
 * system.reboot from the apt textfile collector's `node_reboot_required`
 * (/run/reboot-required exists). The running kernel is not compared: the
 * metrics do not list the installed kernel images.
 */
export function judgeRebootMetrics(e: Exposition, url: string, now: Date, lang: Lang): CheckOutcome {
  const flag = e.samples.find((s) => s.name === 'node_reboot_required');
  if (!flag) return unknown(t(lang, 'system.reboot.metrics.absent', { url }));
  const file = textfileWritten(e, /apt/);
  const age = file.at === null ? null : now.getTime() / 1000 - file.at;
  if (file.scrapeError || (age !== null && age > STALE_SEC))
    return unknown(
      t(lang, 'system.reboot.metrics.stale', { url, age: age === null ? '?' : duration(lang, age) }),
    );
  const details = {
    source: url,
    rebootRequired: flag.value === 1,
    metricsWrittenAt: file.at === null ? null : new Date(file.at * 1000).toISOString(),
  };
  if (flag.value === 1) {
    const why = t(lang, 'system.reboot.metrics.required', { url });
    return { status: 'WARN', summary: why, reasons: [why], details };
  }
  return { status: 'OK', summary: t(lang, 'system.reboot.metrics.ok', { url }), details };
}
