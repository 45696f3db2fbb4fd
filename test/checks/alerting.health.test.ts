import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertingHealth } from '../../src/checks/alerting/health/index.js';
import type { CheckOutcome, CheckResult } from '../../src/core/check.js';
import {
  AM_HOST,
  failingReceiver,
  freePort,
  type PrometheusLab,
  startAlertmanager,
  startPrometheus,
  until,
} from '../lab/prometheus.js';

// Real Prometheus 2.42 and Alertmanager 0.25 from Debian on 127.0.60.x, with
// a Watchdog, a rule that fails at evaluation, a target down and a webhook
// receiver that answers 500.

const WATCHDOG = `  - alert: Watchdog
        expr: vector(1)
        labels: { severity: none }
`;
const BROKEN = `  - alert: DuplicateUp
        expr: up * on() up
`;
const rules = (...r: string[]) => `groups:\n  - name: meta\n    rules:\n    ${r.join('    ')}`;

let prom: PrometheusLab;
let am: Awaited<ReturnType<typeof startAlertmanager>>;
let hook: Awaited<ReturnType<typeof failingReceiver>>;

beforeAll(async () => {
  hook = await failingReceiver();
  am = await startAlertmanager({ webhook: hook.url });
  prom = await startPrometheus({
    rules: rules(WATCHDOG, BROKEN),
    alertmanager: am.url.replace('http://', ''),
  });
  // The Watchdog went through Prometheus to Alertmanager, and its notification failed.
  await until(
    async () => {
      const m = await (await fetch(`${am.url}/metrics`)).text();
      return /alertmanager_notifications_failed_total\{integration="webhook"\} [1-9]/.test(m);
    },
    'a failed webhook notification',
    60_000,
  );
}, 120_000);

afterAll(async () => {
  await prom?.stop();
  await am?.stop();
  await hook?.stop();
});

function run(options: Record<string, unknown> = {}, previous?: CheckOutcome): Promise<CheckOutcome> {
  const o = alertingHealth.options.parse({ url: prom.url, ...options });
  return Promise.resolve(
    alertingHealth.evaluate({
      options: o,
      target: { name: 'monitoring', transport: 'local' },
      lang: 'en',
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
      ...(previous
        ? { previous: { status: previous.status, details: previous.details, startedAt: '' } as CheckResult }
        : {}),
    }),
  );
}

describe('alerting.health against real Prometheus and Alertmanager', () => {
  it('reports the broken rule with its error text, the target down and the failing receiver', async () => {
    const r = await run();
    expect(r.status).toBe('CRIT');
    const text = (r.reasons ?? []).join('\n');
    expect(text).toMatch(/rule DuplicateUp in meta fails: .*many-to-many matching not allowed/);
    expect(text).toMatch(/target down 127\.0\.60\.9:\d+ down: .*connection refused/);
    expect(text).toMatch(
      /Alertmanager http:\/\/127\.0\.60\.2:\d+: \d+ notifications? failed since it started \d+s ago \(webhook: \d+/,
    );
    // The Watchdog fires and reaches Alertmanager, found through Prometheus's own list.
    expect(text).not.toMatch(/Watchdog/);
    expect(r.details?.alertmanagers).toEqual([am.url]);
  });

  it('counts failures since the previous round only', async () => {
    const first = await run();
    const second = await run({}, first);
    expect((second.reasons ?? []).join('\n')).not.toMatch(/notifications? failed/);
    expect(second.status).toBe('CRIT'); // the broken rule is still there
  });

  it('flags a silence far in the future, naming who created it', async () => {
    const now = Date.now();
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true }],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 90 * 86_400_000).toISOString(),
        createdBy: 'alice',
        comment: 'migration',
      }),
    });
    expect(res.status).toBe(200);
    const { silenceID } = (await res.json()) as { silenceID: string };
    try {
      const r = await run({ ignore_jobs: ['down'], rule_errors: 'OK', notifications_failed: 'OK' });
      expect(r.status).toBe('WARN');
      expect(r.summary).toMatch(/silence \w+ by alice \(alertname=DiskFull\) ends in \d+d.*"migration"/);
      expect((await run({ silence_max: '100d', ignore_jobs: ['down'] }, r)).reasons?.join()).not.toMatch(
        /silence/,
      );
    } finally {
      await fetch(`${am.url}/api/v2/silence/${silenceID}`, { method: 'DELETE' });
    }
  });

  it('is CRIT within one round once the Watchdog rule is removed', async () => {
    await prom.setRules(rules(BROKEN));
    try {
      // The reload is synchronous: the very next round sees the Watchdog gone.
      const r = await run({ ignore_jobs: ['down'] });
      expect(r.status).toBe('CRIT');
      expect(r.summary).toMatch(/Watchdog alert not firing in Prometheus/);
    } finally {
      await prom.setRules(rules(WATCHDOG, BROKEN));
    }
  });

  it('is CRIT when Prometheus or the Alertmanager cannot be reached', async () => {
    const closed = `http://127.0.60.1:${await freePort('127.0.60.1')}`;
    const r = await run({ url: closed });
    expect(r.status).toBe('CRIT');
    expect(r.summary).toMatch(/^Prometheus http:\/\/127\.0\.60\.1:\d+ unreachable: .*ECONNREFUSED/);
    const amDown = `http://${AM_HOST}:${await freePort(AM_HOST)}`;
    const r2 = await run({ alertmanager_url: [amDown] });
    expect(r2.status).toBe('CRIT');
    expect(r2.reasons?.join('\n')).toMatch(new RegExp(`Alertmanager ${amDown}: cannot reach .*ECONNREFUSED`));
  });
});
