import { isIP } from 'node:net';
import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { notAbove, sentence } from '../../../core/sentence.js';

const STARTTLS = ['none', 'smtp', 'imap', 'pop3', 'ldap', 'postgres'] as const;
export type StartTlsName = (typeof STARTTLS)[number];

/** The usual dialog of a port: STARTTLS ports speak plaintext first, the others TLS at once. */
export function defaultStartTls(port: number): StartTlsName {
  if (port === 25 || port === 587 || port === 2525) return 'smtp';
  if (port === 143) return 'imap';
  if (port === 110) return 'pop3';
  if (port === 389) return 'ldap';
  if (port === 5432) return 'postgres';
  return 'none';
}

const hostPort = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/;

/** `mail.example.org:25`, `192.0.2.1:993`, `[2001:db8::1]:993`; null when not that. */
export function parseHostPort(s: string): { host: string; port: number } | null {
  const m = hostPort.exec(s);
  if (!m) return null;
  const host = m[1] ?? m[2]!;
  const port = Number(m[3]);
  if (m[1] && isIP(host) !== 6) return null;
  return port > 0 && port < 65536 ? { host, port } : null;
}

const endpointObject = z
  .object({
    host: z
      .string()
      .min(1)
      .describe('Name (or address) of the service: also the SNI and the name the certificate must hold.'),
    port: z.number().int().min(1).max(65535).describe('TCP port.'),
    starttls: z
      .enum(STARTTLS)
      .optional()
      .describe(
        'Plaintext dialog before TLS; default from the port (25/587 smtp, 143 imap, 110 pop3, 389 ldap, 5432 postgres, else none: implicit TLS).',
      ),
    address: z
      .string()
      .refine((s) => isIP(s) !== 0, sentence('config.option.ip'))
      .optional()
      .describe('Connect to this address instead of resolving `host` (one node of a cluster, a test).'),
    servername: z.string().optional().describe('SNI and expected name when they differ from `host`.'),
  })
  .strict();

export const Options = z
  .object({
    endpoints: z
      .array(
        z.union([
          z.string().refine((s) => parseHostPort(s) !== null, sentence('config.option.hostPort')),
          endpointObject,
        ]),
      )
      .min(1)
      .describe('Services to probe: `host:port`, or `{host, port, starttls, address, servername}`.'),
    warn_days: z.number().min(0).default(21).describe('WARN when the certificate has fewer days left.'),
    crit_days: z.number().min(0).default(7).describe('CRIT when fewer days are left (or expired).'),
    ca_file: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .optional()
      .describe(
        "PEM file of the CAs to trust instead of the system's (a private CA), on the machine running ronde.",
      ),
    min_rsa_bits: z.number().int().min(512).default(2048).describe('WARN when an RSA key is shorter.'),
    timeout: durationSchema
      .prefault('10s')
      .describe('Time limit of each probe (connect, STARTTLS, handshake).'),
  })
  .strict()
  .refine((o) => o.crit_days <= o.warn_days, notAbove('crit_days', 'warn_days'));
export type TlsEndpointOptions = z.output<typeof Options>;

export interface Endpoint {
  /** As shown: `host:port`. */
  id: string;
  host: string;
  port: number;
  starttls: StartTlsName;
  connect: string;
  /** The name the certificate must hold, or the IP when only an address was given. */
  expect: string;
}

export function endpoints(o: TlsEndpointOptions): Endpoint[] {
  return o.endpoints.map((e) => {
    const obj = typeof e === 'string' ? { ...parseHostPort(e)! } : e;
    const host = obj.host;
    const id = `${isIP(host) === 6 ? `[${host}]` : host}:${obj.port}`;
    return {
      id,
      host,
      port: obj.port,
      starttls: ('starttls' in obj && obj.starttls) || defaultStartTls(obj.port),
      connect: ('address' in obj && obj.address) || host,
      expect: ('servername' in obj && obj.servername) || host,
    };
  });
}
