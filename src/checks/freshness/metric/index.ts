import { z } from 'zod';
import type { QueryData } from '../../../clients/prometheus/schema.js';
import { durationSchema } from '../../../config/duration.js';
import { type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { notAbove, sentence } from '../../../core/sentence.js';
import {
  askPrometheus,
  defaultPromFetcher,
  type PromFetcherFactory,
  promConnection,
  promKind,
} from '../../_shared/prometheus.js';
import { judgeFreshness, type NewestSample } from './judge.js';

const Options = z
  .object({
    ...promConnection,
    selector: z
      .string()
      .min(1)
      .describe('PromQL series selector, `node_time_seconds{job="node"}`: each matching series is judged.'),
    max_age: durationSchema.prefault('15m').describe('Newest sample older than this: CRIT.'),
    warn_age: durationSchema.optional().describe('Newest sample older than this: WARN.'),
    look_back: durationSchema
      .prefault('7d')
      .describe('How far back to look for the newest sample of a series that stopped (bounded cost).'),
    labels: z
      .array(z.string().min(1))
      .default([])
      .describe('Labels that name a series in messages (`[instance]`); empty: all of them.'),
  })
  .strict()
  .refine((o) => o.warn_age === undefined || o.warn_age <= o.max_age, notAbove('warn_age', 'max_age'))
  .refine(
    (o) => o.look_back > o.max_age,
    sentence('config.option.mustExceed', { a: 'look_back', b: 'max_age' }),
  );
export type FreshnessMetricOptions = z.output<typeof Options>;

const key = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

function vectorOf(d: QueryData): NewestSample[] {
  return d.resultType === 'vector' ? d.result.map((s) => ({ labels: s.metric, at: Number(s.value[1]) })) : [];
}

export function makeFreshnessMetric(factory: PromFetcherFactory): CheckKind<FreshnessMetricOptions> {
  return defineCheck({
    id: 'freshness.metric',
    title: 'Freshness of a Prometheus series (its newest sample is recent)',
    options: Options,
    ...promKind,
    required: ['url', 'selector'],
    async evaluate(ctx): Promise<CheckOutcome> {
      const o = ctx.options;
      const now = ctx.now.getTime() / 1000;
      return askPrometheus(o, factory, ctx, async (prom) => {
        // timestamp() gives a live series' newest sample exactly, but only within the 5 min
        // lookback; a series that stopped is found by the same over look_back, every max_age/2
        // (so a series seen for that long is never missed), at most ~11 000 steps.
        const step = Math.max(1, Math.floor(o.max_age / 2), Math.ceil(o.look_back / 11_000));
        const [live, past] = await Promise.all([
          prom.query(`timestamp(${o.selector})`, now),
          prom.query(`max_over_time(timestamp(${o.selector})[${o.look_back}s:${step}s])`, now),
        ]);
        const newest = new Map<string, NewestSample>();
        for (const s of [...vectorOf(past), ...vectorOf(live)]) {
          const k = key(s.labels);
          const seen = newest.get(k);
          if (!seen || s.at > seen.at) newest.set(k, s);
        }
        return judgeFreshness(
          [...newest.values()],
          {
            selector: o.selector,
            maxAgeSec: o.max_age,
            warnAgeSec: o.warn_age,
            lookBackSec: o.look_back,
            labelNames: o.labels,
          },
          ctx.lang,
          ctx.now,
        );
      });
    },
  });
}

export const freshnessMetric = makeFreshnessMetric(defaultPromFetcher);
