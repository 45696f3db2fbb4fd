import { z } from 'zod';
import { AlertmanagerClient, PrometheusError, samplesOf } from '../../../clients/prometheus/client.js';
import { durationSchema } from '../../../config/duration.js';
import { SecretError } from '../../../config/secrets.js';
import type { CheckKind, CheckOutcome } from '../../../core/check.js';
import { defineCheck } from '../../../core/check.js';
import { said } from '../../../core/said.js';
import { STATUSES } from '../../../core/status.js';
import type { Lang } from '../../../i18n/index.js';
import {
  cannotAsk,
  defaultPromFetcher,
  failure,
  type PromFetcherFactory,
  promAccess,
  promBase,
  prometheusOf,
  promKind,
  promUrl,
} from '../../_shared/prometheus.js';
import { type AlertingFacts, type AlertmanagerFacts, type FailedCounter, judgeAlerting } from './judge.js';

const Options = z
  .object({
    url: promUrl,
    alertmanager_url: z
      .array(z.string().regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'http://HOST:9093'))
      .optional()
      .describe(
        'Alertmanager URLs, `http://HOST:9093`; default: those Prometheus sends alerts to (`/api/v1/alertmanagers`).',
      ),
    ...promAccess,
    watchdog: z
      .string()
      .min(1)
      .default('Watchdog')
      .describe('Name of the always-firing alert (deadman switch) that must reach Alertmanager.'),
    targets_down: z.enum(STATUSES).default('WARN').describe('Status when a scrape target is down.'),
    ignore_jobs: z.array(z.string().min(1)).default([]).describe('Scrape jobs whose targets are not judged.'),
    rule_errors: z
      .enum(STATUSES)
      .default('CRIT')
      .describe('Status when a rule fails to evaluate or a rule group stalls.'),
    stale_intervals: z
      .number()
      .min(1)
      .default(3)
      .describe('A rule group not evaluated for this many of its intervals has stalled.'),
    silence_max: durationSchema
      .prefault('14d')
      .describe('An active silence ending further ahead than this is WARN (a forgotten silence).'),
    notifications_failed: z
      .enum(STATUSES)
      .default('CRIT')
      .describe('Status when Alertmanager failed to send notifications since the previous round.'),
  })
  .strict();
export type AlertingHealthOptions = z.output<typeof Options>;

/** `http://am:9093/api/v2/alerts` (Prometheus's view) → `http://am:9093`. */
export function alertmanagerBase(url: string): string {
  return promBase(url.replace(/\/api\/v[12]\/alerts\/?$/, ''));
}

function counterOf(e: Awaited<ReturnType<AlertmanagerClient['metrics']>>, at: number): FailedCounter {
  const by = (name: string) =>
    Object.fromEntries(samplesOf(e, name).map((s) => [s.labels.integration ?? '', s.value]));
  const failed = by('alertmanager_notifications_failed_total');
  if (Object.keys(failed).length === 0)
    throw new PrometheusError(said('alerting.health.noFailedCounter'), 'protocol');
  return {
    failed,
    total: by('alertmanager_notifications_total'),
    startedAt: samplesOf(e, 'process_start_time_seconds')[0]?.value ?? null,
    at,
  };
}

const settle = async <T>(p: Promise<T>, lang: Lang) => {
  try {
    return await p;
  } catch (err) {
    return failure(err, lang);
  }
};

function previousCounters(details: Record<string, unknown> | undefined): Record<string, FailedCounter> {
  const c = details?.counters;
  return c && typeof c === 'object' ? (c as Record<string, FailedCounter>) : {};
}

export async function gatherAlerting(
  o: AlertingHealthOptions,
  now: Date,
  signal: AbortSignal,
  factory: PromFetcherFactory,
  previous?: Record<string, unknown>,
  lang: Lang = 'en',
): Promise<AlertingFacts> {
  const prom = prometheusOf(o, factory, signal);
  const [rules, targets, alerts, sendsTo] = await Promise.all([
    settle(prom.rules(), lang),
    settle(prom.targets(), lang),
    settle(prom.alerts(), lang),
    settle(prom.alertmanagers(), lang),
  ]);
  const urls = o.alertmanager_url ?? (Array.isArray(sendsTo) ? sendsTo : []);
  const alertmanagers: AlertmanagerFacts[] = await Promise.all(
    [...new Set(urls.map(alertmanagerBase))].map(async (url) => {
      const am = new AlertmanagerClient(url, factory(url, o), signal);
      const [a, s, m] = await Promise.all([
        settle(am.alerts(), lang),
        settle(am.silences(), lang),
        settle(
          am.metrics().then((e) => counterOf(e, now.getTime() / 1000)),
          lang,
        ),
      ]);
      return { url, alerts: a, silences: s, counter: m };
    }),
  );
  return {
    prometheus: prom.base,
    rules,
    targets,
    alerts,
    sendsTo,
    alertmanagers,
    previousCounters: previousCounters(previous),
  };
}

export function makeAlertingHealth(factory: PromFetcherFactory): CheckKind<AlertingHealthOptions> {
  return defineCheck({
    id: 'alerting.health',
    title: 'Alerting pipeline health (Prometheus, rules, targets, Alertmanager, Watchdog)',
    options: Options,
    ...promKind,
    required: ['url'],
    async evaluate(ctx): Promise<CheckOutcome> {
      const o = ctx.options;
      let facts: AlertingFacts;
      try {
        facts = await gatherAlerting(o, ctx.now, ctx.signal, factory, ctx.previous?.details, ctx.lang);
      } catch (err) {
        if (err instanceof SecretError) return cannotAsk(ctx.lang, o.url, err);
        throw err;
      }
      return judgeAlerting(
        facts,
        {
          watchdog: o.watchdog,
          targetsDown: o.targets_down,
          ignoreJobs: o.ignore_jobs,
          ruleErrors: o.rule_errors,
          staleIntervals: o.stale_intervals,
          silenceMaxSec: o.silence_max,
          notificationsFailed: o.notifications_failed,
        },
        ctx.now,
        ctx.lang,
      );
    },
  });
}

export const alertingHealth = makeAlertingHealth(defaultPromFetcher);
