import { attachSaid, englishOf, type Said } from '../../core/said.js';

/**
 * Why a Prometheus or Alertmanager call failed:
 * - `unreachable`: connection refused, reset, DNS or TLS failure;
 * - `timeout`: no complete answer in time;
 * - `auth`: 401 or 403;
 * - `http`: another HTTP status (5xx, 404 of a wrong path prefix);
 * - `query`: Prometheus refused the query (`status: "error"`, bad_data…), with its error text;
 * - `protocol`: an answer that is not the documented shape.
 */
export type PrometheusFailure = 'unreachable' | 'timeout' | 'auth' | 'http' | 'query' | 'protocol';

export class PrometheusError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly failure: PrometheusFailure,
    readonly httpStatus?: number,
  ) {
    super(englishOf(message));
    this.name = 'PrometheusError';
    attachSaid(this, message);
  }
}
