import { z } from 'zod';
import { said } from '../../core/said.js';
import { PrometheusError } from './errors.js';
import { expectOk, type PromFetcher } from './http.js';
import { type Exposition, parseExposition } from './metrics-text.js';
import {
  AlertmanagersData,
  AlertsData,
  AmAlert,
  type PromAlert,
  QueryData,
  type RuleGroup,
  RulesData,
  Silence,
  type Target,
  TargetsData,
  V1Envelope,
} from './schema.js';

export { PrometheusError, type PrometheusFailure } from './errors.js';
export { httpFetcher, type PromConnection, type PromFetcher } from './http.js';
export { type Exposition, parseExposition, type Sample, samplesOf } from './metrics-text.js';

function validate<T extends z.ZodType>(where: string, schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path.join('.') ?? '';
  throw new PrometheusError(
    said('client.prometheus.unexpected', { where, at, issue: issue?.message ?? 'invalid' }),
    'protocol',
  );
}

function json(where: string, body: string, status: number): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PrometheusError(said('client.prometheus.notJson', { where, status }), 'protocol', status);
  }
}

/** A read-only client of the Prometheus HTTP API v1. */
export class PrometheusClient {
  constructor(
    readonly base: string,
    readonly fetch: PromFetcher,
    readonly signal?: AbortSignal,
  ) {}

  async #v1<T extends z.ZodType>(path: string, schema: T, query?: Record<string, string | undefined>) {
    const r = await this.fetch(`/api/v1${path}`, query, this.signal);
    const where = `${this.base}/api/v1${path}`;
    // Query errors come as 400/422/503 with the v1 envelope: keep Prometheus's own words.
    if (r.status !== 200 && !r.body.trimStart().startsWith('{')) expectOk(this.base, `/api/v1${path}`, r);
    const env = validate(where, V1Envelope, json(where, r.body, r.status));
    if (env.status === 'error')
      throw new PrometheusError(
        said('client.prometheus.refused', { path, type: env.errorType ?? '', error: env.error ?? '' }),
        'query',
        r.status,
      );
    return validate(where, schema, env.data);
  }

  /** An instant query at `time` (unix seconds; default: the server's now). */
  query(expr: string, time?: number): Promise<QueryData> {
    return this.#v1('/query', QueryData, {
      query: expr,
      time: time === undefined ? undefined : String(time),
    });
  }

  async rules(): Promise<RuleGroup[]> {
    return (await this.#v1('/rules', RulesData)).groups;
  }

  async targets(): Promise<Target[]> {
    return (await this.#v1('/targets', TargetsData, { state: 'active' })).activeTargets;
  }

  async alerts(): Promise<PromAlert[]> {
    return (await this.#v1('/alerts', AlertsData)).alerts;
  }

  /** URLs of the Alertmanagers Prometheus sends alerts to. */
  async alertmanagers(): Promise<string[]> {
    return (await this.#v1('/alertmanagers', AlertmanagersData)).activeAlertmanagers.map((a) => a.url);
  }
}

/** A read-only client of the Alertmanager API v2, and of its own `/metrics`. */
export class AlertmanagerClient {
  constructor(
    readonly base: string,
    readonly fetch: PromFetcher,
    readonly signal?: AbortSignal,
  ) {}

  async #get<T extends z.ZodType>(path: string, schema: T, query?: Record<string, string | undefined>) {
    const r = await this.fetch(path, query, this.signal);
    const body = expectOk(this.base, path, r);
    return validate(`${this.base}${path}`, schema, json(`${this.base}${path}`, body, r.status));
  }

  /** Active alerts (not silenced or inhibited ones too: the Watchdog may be routed anywhere). */
  alerts(): Promise<z.output<typeof AmAlert>[]> {
    return this.#get('/api/v2/alerts', z.array(AmAlert));
  }

  silences(): Promise<z.output<typeof Silence>[]> {
    return this.#get('/api/v2/silences', z.array(Silence));
  }

  async metrics(): Promise<Exposition> {
    const r = await this.fetch('/metrics', undefined, this.signal);
    return parseExposition(expectOk(this.base, '/metrics', r));
  }
}

/** Any server's `/metrics` (a node-exporter), parsed. */
export async function scrape(base: string, fetch: PromFetcher, signal?: AbortSignal): Promise<Exposition> {
  const r = await fetch('', undefined, signal);
  return parseExposition(expectOk(base, '', r));
}
