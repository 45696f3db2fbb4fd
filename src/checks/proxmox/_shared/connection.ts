import { z } from 'zod';
import { httpsFetcher, type ProxmoxFetcher } from '../../../clients/proxmox/client.js';
import { durationSchema } from '../../../config/duration.js';
import { resolveSecrets } from '../../../config/secrets.js';
import { secretString as secretRef } from '../../../core/secret-ref.js';

/** The options of a Proxmox API connection, the same for every proxmox.* kind. */
export const connectionOptions = {
  url: z
    .string()
    .regex(/^https:\/\/[^/\s]+(\/api2\/json)?\/?$/, 'https://HOST:8006')
    .default('https://127.0.0.1:8006')
    .describe('Proxmox VE API, `https://HOST:8006` (any node of the cluster).'),
  token_id: z
    .string()
    .regex(/^[^@\s]+@[^!\s]+![\w.-]+$/, 'USER@REALM!TOKENNAME')
    .default('ronde@pve!monitoring')
    .describe('API token id, `USER@REALM!TOKENNAME`.'),
  token: secretRef
    .default('${env:PVE_TOKEN}')
    .describe('The token secret, as a reference: `${env:PVE_TOKEN}` or `${file:/path}`.'),
  ca_file: z.string().min(1).optional().describe('PEM file of the CA (or certificate) to trust.'),
  fingerprint: z
    .string()
    .regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 fingerprint, AA:BB:… (32 bytes)')
    .optional()
    .describe('SHA-256 fingerprint of the server certificate to pin (self-signed default).'),
  request_timeout: durationSchema.prefault('15s').describe('Time limit of each API request.'),
};

export interface Connection {
  url: string;
  token_id: string;
  token: string;
  ca_file?: string | undefined;
  fingerprint?: string | undefined;
  request_timeout: number;
}

/** Builds the API fetcher from the options (resolving the secret now, at use). Injectable for tests. */
export type ConnectionFetcher = (o: Connection) => ProxmoxFetcher;

export const connectionFetcher: ConnectionFetcher = (o) =>
  httpsFetcher({
    url: o.url,
    tokenId: o.token_id,
    secret: resolveSecrets(o.token),
    ...(o.ca_file ? { caFile: o.ca_file } : {}),
    ...(o.fingerprint ? { fingerprint: o.fingerprint } : {}),
    timeoutMs: o.request_timeout * 1000,
  });
