import { z } from 'zod';
import { httpFetcher, PrometheusError, type PromFetcher } from '../../clients/prometheus/client.js';
import { durationSchema } from '../../config/duration.js';
import { resolveSecrets } from '../../config/secrets.js';
import { secretString } from '../../core/secret-ref.js';

/** Options every kind that asks a Prometheus-family server shares. */
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

/** Builds a fetcher for a base URL; injectable in tests. */
export type PromFetcherFactory = (
  url: string,
  o: { token?: string | undefined; request_timeout: number },
) => PromFetcher;

export const defaultPromFetcher: PromFetcherFactory = (url, o) =>
  httpFetcher({
    url,
    ...(o.token ? { token: resolveSecrets(o.token) } : {}),
    timeoutMs: o.request_timeout * 1000,
  });

/** A failure of a call, for a judge: reachability failures apart from the rest. */
export function failure(err: unknown): { error: string; unreachable: boolean } {
  if (err instanceof PrometheusError)
    return { error: err.message, unreachable: err.failure === 'unreachable' || err.failure === 'timeout' };
  if (err instanceof Error && err.name === 'SecretError') return { error: err.message, unreachable: false };
  throw err;
}
