import { readFileSync } from 'node:fs';
import http from 'node:http';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Secret } from '../../config/secrets.js';
import { type Said, said } from '../../core/said.js';
import { ProxmoxError, TLS_CODES } from './errors.js';

export interface ProxmoxConnection {
  /** `https://host:8006`, with or without `/api2/json`. */
  url: string;
  /** `user@realm!tokenname`. */
  tokenId: string;
  /** The token's secret (UUID). */
  secret: Secret;
  /** PEM file of the CA (or the server certificate itself) to trust instead of the system's. */
  caFile?: string;
  /** SHA-256 fingerprint of the server certificate, `AA:BB:…` (colons and case optional). */
  fingerprint?: string;
  timeoutMs?: number;
}

/**
 * A GET of one API path (`/cluster/resources`), returning the parsed JSON body;
 * with `form`, a POST of those parameters (form-encoded, as pvesh and the web UI send them).
 */
export type ProxmoxFetcher = (
  path: string,
  query?: Record<string, string | number | undefined>,
  signal?: AbortSignal,
  form?: Record<string, string | number>,
) => Promise<unknown>;

const MAX_BODY = 64 * 1024 * 1024;

export function normalizeFingerprint(fp: string): string {
  return fp.replaceAll(':', '').replaceAll(' ', '').toUpperCase();
}

function colons(hex: string): string {
  return hex.match(/.{2}/g)?.join(':') ?? hex;
}

/**
 * The fetcher of a connection: each call opens a TLS connection, checks the
 * server's certificate (pinned fingerprint, or the CA file / system CAs and
 * the host name) **before** any byte is sent, then sends one GET with the
 * token header. Verification is never skipped: a self-signed certificate
 * needs `fingerprint` or `caFile`.
 */
export function httpsFetcher(conn: ProxmoxConnection): ProxmoxFetcher {
  let base: URL;
  try {
    base = new URL(conn.url.replace(/\/+$/, '').replace(/\/api2\/json$/, ''));
  } catch {
    throw new ProxmoxError(said('client.proxmox.badUrl', { url: conn.url }), 'config');
  }
  if (base.protocol !== 'https:')
    throw new ProxmoxError(said('client.proxmox.notHttps', { url: conn.url }), 'config');
  let ca: string | undefined;
  if (conn.caFile) {
    try {
      ca = readFileSync(conn.caFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new ProxmoxError(said('client.proxmox.caFile', { file: conn.caFile, code }), 'config');
    }
  }
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || 443);
  const pin = conn.fingerprint ? normalizeFingerprint(conn.fingerprint) : undefined;
  const timeoutMs = conn.timeoutMs ?? 15_000;

  return async (path, query = {}, signal, form) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const full = `/api2/json${path}${qs.size > 0 ? `?${qs}` : ''}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const all = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const aborted = () =>
      timeout.aborted
        ? new ProxmoxError(
            said('client.proxmox.noAnswer', { where: `${host}:${port}`, sec: timeoutMs / 1000, path }),
            'timeout',
          )
        : new ProxmoxError(said('client.proxmox.interrupted', { path }), 'timeout');
    if (all.aborted) throw aborted();
    const socket = await connect(host, port, ca, pin, all, aborted);
    return request(socket, { host, port, path: full, shown: path, conn, signal: all, aborted, form });
  };
}

function connect(
  host: string,
  port: number,
  ca: string | undefined,
  pin: string | undefined,
  signal: AbortSignal,
  aborted: () => ProxmoxError,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    // Verification is done below, on secureConnect, so the error can name the
    // presented fingerprint; nothing is written to the socket before it passes.
    const socket = tls.connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ...(ca ? { ca } : {}),
      rejectUnauthorized: false,
    });
    const onAbort = () => {
      socket.destroy();
      reject(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      reject(
        new ProxmoxError(
          said('client.proxmox.cannotConnect', { where: `${host}:${port}`, error: err.code ?? err.message }),
          'transient',
        ),
      );
    });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      const presented = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      const fail = (why: Said) => {
        socket.destroy();
        reject(new ProxmoxError(why, 'tls'));
      };
      if (pin !== undefined) {
        if (presented !== pin)
          return fail(
            said('client.proxmox.pinMismatch', {
              where: `${host}:${port}`,
              presented: colons(presented),
              pin: colons(pin),
            }),
          );
      } else if (!socket.authorized) {
        const code = String(socket.authorizationError ?? 'unknown');
        return fail(
          said('client.proxmox.untrusted', {
            where: `${host}:${port}`,
            trusted: !TLS_CODES.has(code),
            code,
            presented: colons(presented),
          }),
        );
      }
      resolve(socket);
    });
  });
}

interface RequestArgs {
  host: string;
  port: number;
  path: string;
  shown: string;
  conn: ProxmoxConnection;
  signal: AbortSignal;
  aborted: () => ProxmoxError;
  form?: Record<string, string | number> | undefined;
}

function request(socket: tls.TLSSocket, a: RequestArgs): Promise<unknown> {
  const body = a.form
    ? new URLSearchParams(Object.entries(a.form).map(([k, v]): [string, string] => [k, String(v)])).toString()
    : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: a.host,
        port: a.port,
        path: a.path,
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `PVEAPIToken=${a.conn.tokenId}=${a.conn.secret.reveal()}`,
          Accept: 'application/json',
          ...(body === undefined
            ? {}
            : {
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': String(Buffer.byteLength(body)),
              }),
        },
        createConnection: () => socket,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) req.destroy(new Error('response larger than 64 MiB'));
          else chunks.push(c);
        });
        res.on('error', (err) =>
          reject(
            new ProxmoxError(
              said('client.proxmox.failed', { path: a.shown, error: err.message }),
              'transient',
            ),
          ),
        );
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const why = res.statusMessage ?? '';
          if (status !== 200) return reject(httpError(status, why, a.shown, a.conn.tokenId));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new ProxmoxError(said('client.proxmox.notJson', { path: a.shown }), 'protocol', status));
          }
        });
      },
    );
    const onAbort = () => {
      req.destroy();
      reject(a.aborted());
    };
    a.signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => a.signal.removeEventListener('abort', onAbort));
    req.on('error', (err) => {
      if (a.signal.aborted) return reject(a.aborted());
      reject(
        new ProxmoxError(said('client.proxmox.failed', { path: a.shown, error: err.message }), 'transient'),
      );
    });
    req.end(body);
  });
}

function httpError(status: number, why: string, path: string, tokenId: string): ProxmoxError {
  const detail = why;
  if (status === 401)
    return new ProxmoxError(said('client.proxmox.auth', { detail, tokenId }), 'auth', status);
  if (status === 403)
    return new ProxmoxError(said('client.proxmox.denied', { path, detail }), 'auth', status);
  // 595/596: pveproxy could not reach the node that owns the resource.
  const http = said('client.proxmox.http', { path, status, detail });
  return new ProxmoxError(http, status >= 500 ? 'transient' : 'protocol', status);
}
