import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf } from './metrics-text.js';

const fixture = (n: string) =>
  readFileSync(new URL(`../../../test/fixtures/prometheus/${n}`, import.meta.url), 'utf8');

describe('parseExposition', () => {
  it('reads Alertmanager 0.25 /metrics: the failed notifications per integration', () => {
    const e = parseExposition(fixture('alertmanager-metrics.txt'));
    expect(e.unparsed).toEqual([]);
    expect(samplesOf(e, 'alertmanager_notifications_failed_total', { integration: 'webhook' })).toEqual([
      { name: 'alertmanager_notifications_failed_total', labels: { integration: 'webhook' }, value: 1 },
    ]);
    expect(e.types.alertmanager_notifications_failed_total).toBe('counter');
    expect(samplesOf(e, 'process_start_time_seconds')[0]?.value).toBe(1.79650061838e9);
    // Summaries' quantiles and +Inf buckets are samples too.
    expect(e.samples.some((s) => s.labels.le === '+Inf')).toBe(true);
  });

  it('reads escaped label values, special values and timestamps', () => {
    const e = parseExposition(
      [
        '# HELP x A "quoted" help',
        'x{path="C:\\\\dir",msg="say \\"hi\\"\\nbye"} +Inf 1700000000000',
        'y NaN',
        'z{a="1",} -1.5e3',
      ].join('\n'),
    );
    expect(e.unparsed).toEqual([]);
    expect(e.samples[0]).toEqual({
      name: 'x',
      labels: { path: 'C:\\dir', msg: 'say "hi"\nbye' },
      value: Number.POSITIVE_INFINITY,
      timestampMs: 1_700_000_000_000,
    });
    expect(e.samples[1]?.value).toBeNaN();
    expect(e.samples[2]).toMatchObject({ labels: { a: '1' }, value: -1500 });
  });

  it('lists what it cannot read instead of guessing', () => {
    const e = parseExposition('ok 1\nbad{a="1" 2\n{x="1"} 3\nv one\n');
    expect(e.samples.map((s) => s.name)).toEqual(['ok']);
    expect(e.unparsed).toHaveLength(3);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseExposition(s);
      }),
    );
  });
});
