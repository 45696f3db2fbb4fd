import { z } from 'zod';

/*
 * Shapes of the Prometheus HTTP API v1 (prometheus.io/docs/prometheus/latest/querying/api/)
 * and of the Alertmanager API v2 (its OpenAPI spec), checked against the
 * answers of Prometheus 2.42 and Alertmanager 0.25 (test/fixtures/prometheus).
 * Objects are loose: newer releases add fields.
 */

const labels = z.record(z.string(), z.string());
/** `[ <unix seconds>, "<value>" ]`; the value is a string so that NaN and ±Inf survive JSON. */
const point = z.tuple([z.number(), z.string()]);

export const VectorSample = z.object({ metric: labels, value: point });
export const MatrixSeries = z.object({ metric: labels, values: z.array(point) });

export const QueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(VectorSample) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(MatrixSeries) }),
  z.object({ resultType: z.literal('scalar'), result: point }),
  z.object({ resultType: z.literal('string'), result: point }),
]);
export type QueryData = z.output<typeof QueryData>;

/** Every v1 answer: `status` success with `data`, or error with `errorType` and `error`. */
export const V1Envelope = z.looseObject({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

export const Rule = z.looseObject({
  name: z.string(),
  query: z.string(),
  type: z.string(),
  /** "ok", "err" or "unknown" (not evaluated yet). */
  health: z.string(),
  lastError: z.string().optional(),
  lastEvaluation: z.string().optional(),
  state: z.string().optional(),
});
export type Rule = z.output<typeof Rule>;

export const RuleGroup = z.looseObject({
  name: z.string(),
  file: z.string(),
  rules: z.array(Rule),
  /** Seconds. */
  interval: z.number(),
  lastEvaluation: z.string().optional(),
});
export type RuleGroup = z.output<typeof RuleGroup>;
export const RulesData = z.looseObject({ groups: z.array(RuleGroup) });

export const Target = z.looseObject({
  labels,
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  lastError: z.string(),
  lastScrape: z.string(),
  /** "up", "down" or "unknown" (not scraped yet). */
  health: z.string(),
});
export type Target = z.output<typeof Target>;
export const TargetsData = z.looseObject({ activeTargets: z.array(Target) });

export const PromAlert = z.looseObject({ labels, state: z.string(), activeAt: z.string().optional() });
export type PromAlert = z.output<typeof PromAlert>;
export const AlertsData = z.looseObject({ alerts: z.array(PromAlert) });

export const AlertmanagersData = z.looseObject({
  activeAlertmanagers: z.array(z.looseObject({ url: z.string() })),
});

/** Alertmanager API v2 GET /api/v2/alerts */
export const AmAlert = z.looseObject({
  labels,
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.looseObject({ state: z.string() }),
});
export type AmAlert = z.output<typeof AmAlert>;

/** Alertmanager API v2 GET /api/v2/silences */
export const Silence = z.looseObject({
  id: z.string(),
  status: z.looseObject({ state: z.enum(['active', 'pending', 'expired']).or(z.string()) }),
  createdBy: z.string(),
  comment: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  matchers: z.array(
    z.looseObject({
      name: z.string(),
      value: z.string(),
      isRegex: z.boolean(),
      isEqual: z.boolean().optional(),
    }),
  ),
});
export type Silence = z.output<typeof Silence>;
