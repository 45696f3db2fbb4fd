import { z } from 'zod';
import {
  httpFetcher,
  PrometheusClient,
  PrometheusError,
  type PromFetcher,
} from '../../clients/prometheus/client.js';
import { durationSchema } from '../../config/duration.js';
import { resolveSecrets, SecretError } from '../../config/secrets.js';
import type { CheckOutcome } from '../../core/check.js';
import { unknown } from '../../core/outcome.js';
import { sayError } from '../../core/said.js';
import { secretString } from '../../core/secret-ref.js';
import { type Lang, t } from '../../i18n/index.js';

/*
 * How the kinds that ask a Prometheus-family server (freshness.metric,
 * prometheus.query, alerting.health: three domains, hence here) connect: the
 * same options, the same fetcher (injectable in tests), the same client, and
 * the same UNKNOWN when the server or its token cannot be had.
 */

export const promUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'http://HOST:9090 or https://HOST/prefix')
  .describe('Prometheus URL, `http://HOST:9090` (with the path prefix when behind a proxy).');

export const promAccess = {
  token: secretString
    .optional()
    .describe('Bearer token sent to Prometheus and Alertmanager, as a reference: `${env:PROM_TOKEN}`.'),
  request_timeout: durationSchema.prefault('15s').describe('Time limit of each HTTP request.'),
};

/** The connection options of a kind, in the order its docs table shows them. */
export const promConnection = { url: promUrl, ...promAccess };

/** What these kinds share: they ask from ronde's machine (nothing runs on the target), within 60 s. */
export const promKind = { zeroConfig: false, timeoutSec: 60, commands: () => [] } as const;

/** What the fetcher needs of a kind's options. */
export interface PromAccess {
  token?: string | undefined;
  request_timeout: number;
}

/** Builds a fetcher for a base URL; injectable in tests. */
export type PromFetcherFactory = (url: string, o: PromAccess) => PromFetcher;

export const defaultPromFetcher: PromFetcherFactory = (url, o) =>
  httpFetcher({
    url,
    ...(o.token ? { token: resolveSecrets(o.token) } : {}),
    timeoutMs: o.request_timeout * 1000,
  });

/** A URL as the clients take it: no trailing slash. */
export const promBase = (url: string) => url.replace(/\/+$/, '');

/** The Prometheus API client of a kind's options. */
export function prometheusOf(
  o: PromAccess & { url: string },
  factory: PromFetcherFactory,
  signal: AbortSignal,
): PrometheusClient {
  const base = promBase(o.url);
  return new PrometheusClient(base, factory(base, o), signal);
}

/**
 * Asks the server of `o` through `ask`; a server that cannot be reached or
 * answers wrongly, or a token that does not resolve, is UNKNOWN saying so.
 */
export async function askPrometheus(
  o: PromAccess & { url: string },
  factory: PromFetcherFactory,
  ctx: { lang: Lang; signal: AbortSignal },
  ask: (prom: PrometheusClient) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  try {
    return await ask(prometheusOf(o, factory, ctx.signal));
  } catch (err) {
    if (err instanceof PrometheusError || err instanceof SecretError)
      return cannotAsk(ctx.lang, promBase(o.url), err);
    throw err;
  }
}

/** UNKNOWN: the server `url` could not be asked. */
export function cannotAsk(lang: Lang, url: string, err: Error): CheckOutcome {
  return unknown(t(lang, 'prometheus.cannotAsk', { url, error: sayError(lang, err) }));
}

/** A failure of a call, for a judge: reachability failures apart from the rest. */
export function failure(err: unknown, lang: Lang = 'en'): { error: string; unreachable: boolean } {
  if (err instanceof PrometheusError)
    return {
      error: sayError(lang, err),
      unreachable: err.failure === 'unreachable' || err.failure === 'timeout',
    };
  if (err instanceof Error && err.name === 'SecretError')
    return { error: sayError(lang, err), unreachable: false };
  throw err;
}
