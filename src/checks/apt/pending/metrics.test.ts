import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../clients/prometheus/client.js';
import { judgeRebootMetrics } from '../../system/reboot/metrics.js';
import { judgeAptMetrics } from './metrics.js';

// node-exporter 1.5 serving the output of apt_info.py on this machine (see the fixtures' README).
const metrics = parseExposition(
  readFileSync(
    new URL('../../../../test/fixtures/prometheus/node-exporter-apt.txt', import.meta.url),
    'utf8',
  ),
);
const written = 1_796_506_839; // node_textfile_mtime_seconds of the fixture
const URL_ = 'http://127.0.60.3:9100/metrics';
const RULES = { security: 'CRIT' as const, pending: 'WARN' as const, maxListAgeSec: 7 * 86_400 };

describe('apt.pending and system.reboot from the apt textfile collector', () => {
  it('counts pending and security updates by origin, and says where from', () => {
    const r = judgeAptMetrics(
      metrics,
      URL_,
      { ...RULES, maxListAgeSec: 36_500 * 86_400 },
      new Date(written * 1000),
      'en',
    );
    // 5 + 59 + 3 + 15 security (an origin list with a -security archive), 124 in all.
    expect(r.details).toMatchObject({ pending: 124, security: 82, held: 0 });
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(
      /^124 pending updates \(82 security\), lists \d+ (min|h|days) old \(from http:/,
    );
  });

  it('is UNKNOWN when the textfile is older than max_list_age', () => {
    const later = new Date((written + 8 * 86_400) * 1000);
    expect(judgeAptMetrics(metrics, URL_, RULES, later, 'fr').summary).toBe(
      `métriques apt de ${URL_} écrites il y a 8 jours : le collecteur s’est arrêté, les nombres ne sont pas fiables`,
    );
  });

  it('reads the reboot flag', () => {
    expect(judgeRebootMetrics(metrics, URL_, new Date(written * 1000), 'en')).toMatchObject({ status: 'OK' });
    expect(judgeRebootMetrics(metrics, URL_, new Date((written + 2 * 86_400) * 1000), 'en').status).toBe(
      'UNKNOWN',
    );
  });
});
