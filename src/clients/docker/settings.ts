import { z } from 'zod';
import type { DockerConnection } from './client.js';

/** The `docker:` option every docker.* kind shares: how to reach this host's engine. */
export const dockerConnection = z
  .object({
    socket: z
      .string()
      .regex(/^\//, 'an absolute path')
      .optional()
      .describe(
        'Unix socket of the engine (default /var/run/docker.sock; on the host when reached over SSH).',
      ),
    url: z
      .string()
      .regex(/^(tcp|https):\/\/[^/\s]+\/?$/, 'tcp://HOST:2376')
      .optional()
      .describe('Engine over TCP with TLS, `tcp://HOST:2376`; needs ca, cert and key.'),
    ca: z.string().min(1).optional().describe('PEM file of the CA that signed the engine certificate.'),
    cert: z.string().min(1).optional().describe('PEM client certificate.'),
    key: z.string().min(1).optional().describe('PEM client key.'),
    via_ssh: z
      .boolean()
      .optional()
      .describe("Reach the socket through the host's SSH connection (default: yes for an SSH host)."),
  })
  .strict()
  .refine((d) => !d.url || (d.ca && d.cert && d.key), 'url needs ca, cert and key (TLS is required)')
  .refine((d) => !(d.url && d.via_ssh), 'give url or via_ssh, not both')
  .default({})
  .describe('How to reach the Docker engine of the host.');
export type DockerConnectionOptions = z.output<typeof dockerConnection>;

/** Option names → the client's connection; an SSH host reaches its own socket unless told otherwise. */
export function toConnection(d: DockerConnectionOptions, transport: 'local' | 'ssh'): DockerConnection {
  const out: DockerConnection = {};
  if (d.socket) out.socket = d.socket;
  if (d.url) out.url = d.url;
  if (d.ca) out.ca = d.ca;
  if (d.cert) out.cert = d.cert;
  if (d.key) out.key = d.key;
  if (!d.url && (d.via_ssh ?? transport === 'ssh')) out.viaSsh = true;
  return out;
}
