import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshnessMetric } from '../../src/checks/freshness/metric/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import type { Lang } from '../../src/i18n/index.js';
import { type PrometheusLab, startPrometheus, until } from '../lab/prometheus.js';

// A real Prometheus 2.42 on 127.0.60.1: `up` is fresh every second; lab_heartbeat
// is recorded by a rule, then the rule is removed and the series stops.
const HEARTBEAT = `groups:\n  - name: beat\n    rules:\n      - record: lab_heartbeat\n        expr: vector(1)\n        labels: { source: lab }\n`;
let prom: PrometheusLab;

const query = async (q: string) => {
  const r = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`);
  return ((await r.json()) as { data: { result: unknown[] } }).data.result;
};

beforeAll(async () => {
  prom = await startPrometheus({ rules: HEARTBEAT });
  await until(
    async () => (await query('lab_heartbeat')).length === 1 && (await query('up')).length === 2,
    'the series',
  );
}, 90_000);
afterAll(() => prom?.stop());

function run(options: Record<string, unknown>, lang: Lang = 'en'): Promise<CheckOutcome> {
  const o = freshnessMetric.options.parse({ url: prom.url, ...options });
  return Promise.resolve(
    freshnessMetric.evaluate({
      options: o,
      target: { name: 'monitoring', transport: 'local' },
      lang,
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

describe('freshness.metric against a real Prometheus', () => {
  it('is OK for series scraped every second', async () => {
    const r = await run({ selector: 'up', max_age: '1m' });
    expect(r.status).toBe('OK');
    expect(r.summary).toMatch(/^2 series fresh, the oldest newest sample \d+ s old$/);
  });

  it('is CRIT once a series stops, saying when its newest sample was', async () => {
    await prom.setRules('groups: []\n');
    // Gone from instant queries (staleness marker), still found over look_back.
    await until(async () => (await query('lab_heartbeat')).length === 0, 'the series to stop');
    await new Promise((ok) => setTimeout(ok, 3000)); // let it age past max_age
    const r = await run({ selector: 'lab_heartbeat', max_age: '2s', look_back: '1h', labels: ['source'] });
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(/^1 of 1 series stale: \{source="lab"\}: newest sample \d+ s old \(20\d\d-/);
    const fr = await run(
      { selector: 'lab_heartbeat', max_age: '2s', look_back: '1h', labels: ['source'] },
      'fr',
    );
    expect(fr.summary).toMatch(/^1 séries sur 1 figées : \{source="lab"\} : dernier point vieux de \d+ s/);
  });

  it('is UNKNOWN when nothing matches the selector', async () => {
    const r = await run({ selector: 'no_such_metric', max_age: '1m' });
    expect(r).toMatchObject({ status: 'UNKNOWN' });
    expect(r.summary).toBe(
      'no sample of no_such_metric in the last 7 days: check the selector, or the series is gone',
    );
  });
});
