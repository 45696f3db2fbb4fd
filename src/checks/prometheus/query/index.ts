import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { notAbove, sentence } from '../../../core/sentence.js';
import { STATUSES } from '../../../core/status.js';
import {
  askPrometheus,
  defaultPromFetcher,
  type PromFetcherFactory,
  promConnection,
  promKind,
} from '../../_shared/prometheus.js';
import { judgeQuery } from './judge.js';

const Options = z
  .object({
    ...promConnection,
    query: z.string().min(1).describe('PromQL expression; each series of its result is judged on its own.'),
    direction: z
      .enum(['above', 'below'])
      .default('above')
      .describe(
        '`above`: values above `warn`/`crit`/`full_at` are bad (a ceiling); `below`: values under them (a floor).',
      ),
    warn: z.number().optional().describe('WARN beyond this value (see `direction`).'),
    crit: z.number().optional().describe('CRIT beyond this value (see `direction`).'),
    full_at: z
      .number()
      .optional()
      .describe(
        'Trend mode: the value at which a series is "full" (0 for free bytes, with `direction: below`); the check says in how long each series reaches it.',
      ),
    window: durationSchema.prefault('6h').describe('Trend mode: the window the line is fitted over.'),
    step: durationSchema.prefault('5m').describe('Trend mode: spacing of the points taken in the window.'),
    warn_days: z
      .number()
      .positive()
      .default(14)
      .describe('Trend mode: WARN when full within this many days.'),
    crit_days: z.number().positive().default(3).describe('Trend mode: CRIT when full within this many days.'),
    labels: z
      .array(z.string().min(1))
      .default([])
      .describe('Labels that name a series in messages (`[instance, mountpoint]`); empty: all of them.'),
    empty: z
      .enum(STATUSES)
      .default('UNKNOWN')
      .describe('Status when the query returns no series (`OK` when absence is good news).'),
  })
  .strict()
  .refine(
    (o) => o.warn !== undefined || o.crit !== undefined || o.full_at !== undefined,
    sentence('config.option.nothingJudged'),
  )
  .refine((o) => o.crit_days <= o.warn_days, notAbove('crit_days', 'warn_days'))
  .refine((o) => o.step > 0 && o.step <= o.window, sentence('config.option.step'));
export type PrometheusQueryOptions = z.output<typeof Options>;

export function makePrometheusQuery(factory: PromFetcherFactory): CheckKind<PrometheusQueryOptions> {
  return defineCheck({
    id: 'prometheus.query',
    title: 'A PromQL query against thresholds, or its trend ("full in N days")',
    options: Options,
    ...promKind,
    required: ['url', 'query'],
    async evaluate(ctx): Promise<CheckOutcome> {
      const o = ctx.options;
      // Trend: the same expression as a subquery, its points over the window.
      const expr = o.full_at === undefined ? o.query : `(${o.query})[${o.window}s:${o.step}s]`;
      return askPrometheus(o, factory, ctx, async (prom) =>
        judgeQuery(
          await prom.query(expr, ctx.now.getTime() / 1000),
          {
            query: o.query,
            direction: o.direction,
            warn: o.warn,
            crit: o.crit,
            fullAt: o.full_at,
            windowSec: o.window,
            warnDays: o.warn_days,
            critDays: o.crit_days,
            labelNames: o.labels,
            empty: o.empty,
          },
          ctx.lang,
          ctx.now,
        ),
      );
    },
  });
}

export const prometheusQuery = makePrometheusQuery(defaultPromFetcher);
