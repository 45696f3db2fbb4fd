import { attachSaid, englishOf, type Said } from '../../core/said.js';

/**
 * Why a Proxmox API call failed, so a caller can tell "fix the config" from
 * "try again later":
 * - `tls`: the server's certificate is not the trusted or pinned one (nothing was sent);
 * - `auth`: 401 (token wrong or expired) or 403 (a privilege is missing);
 * - `transient`: network error, node offline, 5xx;
 * - `timeout`: no complete answer in time;
 * - `protocol`: an answer that is not the documented shape (404, bad JSON, schema);
 * - `config`: the connection settings themselves are unusable.
 */
export type ProxmoxFailure = 'tls' | 'auth' | 'transient' | 'timeout' | 'protocol' | 'config';

export class ProxmoxError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly failure: ProxmoxFailure,
    readonly httpStatus?: number,
  ) {
    super(englishOf(message));
    this.name = 'ProxmoxError';
    attachSaid(this, message);
  }
}

/** TLS verification error codes of OpenSSL/Node that mean "not the certificate we trust". */
export const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
