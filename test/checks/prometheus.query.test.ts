import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusQuery } from '../../src/checks/prometheus/query/index.js';
import type { SeriesVerdict } from '../../src/checks/prometheus/query/judge.js';
import type { CheckOutcome } from '../../src/core/check.js';
import type { Lang } from '../../src/i18n/index.js';
import { type PrometheusLab, startPrometheus, until } from '../lab/prometheus.js';

// A real Prometheus 2.42 on 127.0.60.1, with synthetic series made by recording
// rules: free bytes falling by exactly 1000 per second on "/", flat on "/srv".
const T0 = Math.floor(Date.now() / 1000);
const RULES = `groups:
  - name: synthetic
    rules:
      - record: lab_free_bytes
        expr: 1e9 - (time() - ${T0}) * 1000
        labels: { mount: "/" }
      - record: lab_free_bytes
        expr: vector(5e8)
        labels: { mount: "/srv" }
`;

let prom: PrometheusLab;
beforeAll(async () => {
  prom = await startPrometheus({ rules: RULES });
  await until(async () => {
    const r = await fetch(
      `${prom.url}/api/v1/query?query=${encodeURIComponent('count_over_time(lab_free_bytes[30s])')}`,
    );
    const body = (await r.json()) as { data: { result: { value: [number, string] }[] } };
    return body.data.result.length === 2 && body.data.result.every((s) => Number(s.value[1]) >= 6);
  }, 'six samples of the synthetic series');
  // Each target's `up` exists only after its first scrape, which need not come
  // before six rule evaluations on a loaded machine.
  await until(async () => {
    const r = await fetch(`${prom.url}/api/v1/query?query=up`);
    const body = (await r.json()) as { data: { result: unknown[] } };
    return body.data.result.length === 2;
  }, 'a first scrape of both targets');
}, 90_000);
afterAll(() => prom?.stop());

function run(options: Record<string, unknown>, lang: Lang = 'en'): Promise<CheckOutcome> {
  const o = prometheusQuery.options.parse({ url: prom.url, ...options });
  return Promise.resolve(
    prometheusQuery.evaluate({
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
const items = (r: CheckOutcome) => (r.details?.items ?? []) as SeriesVerdict[];

describe('prometheus.query against a real Prometheus', () => {
  it('judges each series on its own: the target down is CRIT, Prometheus itself OK', async () => {
    const r = await run({ query: 'up', direction: 'below', crit: 1, labels: ['job', 'instance'] });
    expect(r.status).toBe('CRIT');
    expect(items(r).map((i) => [i.labels.job, i.status])).toEqual([
      ['down', 'CRIT'],
      ['prometheus', 'OK'],
    ]);
    expect(r.summary).toMatch(/^1 of 2 series: \{job="down", instance="127\.0\.60\.9:\d+"\} = 0, below 1$/);
  });

  it('says in how long a series falling 1000 B/s reaches 0, as the line through its points says', async () => {
    const r = await run({
      query: 'lab_free_bytes',
      direction: 'below',
      full_at: 0,
      window: '30s',
      step: '1s',
      labels: ['mount'],
    });
    const root = items(r).find((i) => i.labels.mount === '/')!;
    const srv = items(r).find((i) => i.labels.mount === '/srv')!;
    // By hand: the series is exactly 1e9 − 1000·(t − T0), so the slope is −1000 B/s
    // (−86.4 MB per day) and it is empty at T0 + 1e6 s, i.e. 1e6 − (now − T0) s from now.
    expect(root.ratePerDay).toBeCloseTo(-86_400_000, -3);
    const expected = 1e6 - (Date.now() / 1000 - T0);
    expect(Math.abs(root.secondsToFull! - expected)).toBeLessThan(5);
    // 11.6 days: WARN (within 14), not CRIT (3).
    expect(root.status).toBe('WARN');
    expect(r.summary).toMatch(
      /^1 of 2 series: \{mount="\/"\} reaches 0 in 12 days \(now [\d.]+e\+[89], -8\.64e\+7 per day\)$/,
    );
    expect(srv).toMatchObject({ status: 'OK', secondsToFull: null });
    const fr = await run(
      {
        query: 'lab_free_bytes',
        direction: 'below',
        full_at: 0,
        window: '30s',
        step: '1s',
        labels: ['mount'],
      },
      'fr',
    );
    expect(fr.summary).toMatch(/^1 sur 2 séries : \{mount="\/"\} atteint 0 dans 12 jours/);
  });

  it('is UNKNOWN for an empty result unless told otherwise, and for a query Prometheus refuses', async () => {
    expect(await run({ query: 'no_such_metric', crit: 1 })).toMatchObject({
      status: 'UNKNOWN',
      summary: 'the query returned no series: no_such_metric',
    });
    expect((await run({ query: 'no_such_metric', crit: 1, empty: 'OK' })).status).toBe('OK');
    const bad = await run({ query: 'up(', crit: 1 });
    expect(bad.status).toBe('UNKNOWN');
    expect(bad.summary).toMatch(
      /^cannot ask Prometheus .*: Prometheus refused \/query: bad_data: .*parse error/,
    );
  });
});
