import { readFileSync } from 'node:fs';
import { isIP, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { attachSaid, englishOf, type Said, said } from '../../core/said.js';
import { type StartTls, StartTlsError, startTls } from './starttls.js';

/**
 * Connects to a TLS service (implicit TLS or after STARTTLS), completes the handshake
 * without refusing anything, and reports what a client would have seen: the chain the
 * server sent (DER, leaf first) and whether it verifies against the CAs given (or the
 * system's). The judging is the caller's, from these facts.
 */
export interface ProbeOptions {
  /** Address or name to connect to (a name is resolved by the system, as mail clients do). */
  host: string;
  port: number;
  /** SNI sent in the handshake (a name; never an IP, per RFC 6066). */
  servername?: string;
  starttls: StartTls;
  /** PEM file of the CAs to trust instead of the system's. */
  caFile?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ProbeResult {
  /** DER of each certificate the server sent, leaf first. */
  chain: Buffer[];
  /** The chain verifies against the trusted CAs (names aside: those are the caller's). */
  authorized: boolean;
  /** OpenSSL's reason when not (`CERT_HAS_EXPIRED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`…). */
  authorizationError?: string;
  protocol: string | null;
  cipher: string;
}

export class ProbeError extends Error {
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly stage: 'connect' | 'starttls' | 'handshake',
    /** STARTTLS is not offered at all. */
    readonly notOffered = false,
  ) {
    super(englishOf(message));
    this.name = 'ProbeError';
    attachSaid(this, message);
  }
}

export async function probeTls(o: ProbeOptions): Promise<ProbeResult> {
  const ca = o.caFile ? readFileSync(o.caFile) : undefined;
  const raw = new Socket();
  let stage: ProbeError['stage'] = 'connect';
  const timer = setTimeout(
    () => raw.destroy(new ProbeError(said('client.tls.timeout', { ms: o.timeoutMs, stage }), stage)),
    o.timeoutMs,
  );
  const onAbort = () => raw.destroy(new ProbeError(said('client.tls.aborted'), stage));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      raw.once('error', reject);
      raw.connect(o.port, o.host, () => {
        raw.off('error', reject);
        resolve();
      });
    }).catch((e: Error) => {
      throw e instanceof ProbeError ? e : new ProbeError(e.message, 'connect');
    });
    stage = 'starttls';
    const failed = new Promise<never>((_r, reject) => raw.once('error', reject));
    await Promise.race([startTls(raw, o.starttls), failed]).catch((e: Error) => {
      if (e instanceof ProbeError) throw e;
      throw new ProbeError(
        e instanceof StartTlsError ? (e.said ?? e.message) : e.message,
        'starttls',
        e instanceof StartTlsError && e.notOffered,
      );
    });
    stage = 'handshake';
    const servername = o.servername ?? (isIP(o.host) ? undefined : o.host);
    const sock = tlsConnect({
      socket: raw,
      ...(servername ? { servername } : {}),
      ...(ca ? { ca } : {}),
      // Never refuse: an expired or untrusted certificate is what we came to report.
      rejectUnauthorized: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        sock.once('secureConnect', resolve);
        sock.once('error', reject);
      }).catch((e: Error) => {
        throw e instanceof ProbeError ? e : new ProbeError(e.message, 'handshake');
      });
      const chain: Buffer[] = [];
      let c = sock.getPeerCertificate(true);
      const seen = new Set<string>();
      while (c?.raw && !seen.has(c.fingerprint256)) {
        seen.add(c.fingerprint256);
        chain.push(c.raw);
        c = c.issuerCertificate;
      }
      const err = sock.authorizationError;
      return {
        chain,
        authorized: sock.authorized,
        ...(err ? { authorizationError: String(err) } : {}),
        protocol: sock.getProtocol(),
        cipher: sock.getCipher()?.name ?? '',
      };
    } finally {
      sock.destroy();
    }
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    raw.destroy();
  }
}
