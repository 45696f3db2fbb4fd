import { z } from 'zod';
import { DnsClient, type DnsServer, parseServer, systemServers } from './client.js';

/**
 * The `resolver` option every DNS kind shares: addresses, never names (a resolver is not
 * itself resolved), empty meaning the machine's own (/etc/resolv.conf).
 */
export const resolverOption = z
  .array(z.string().refine((s) => parseServer(s) !== null, 'an IP address, optionally with :port ([::1]:53)'))
  .default([])
  .describe(
    'DNS servers to ask, `IP` or `IP:port` (`[IPv6]:port`), in order; empty: the resolvers of the machine running ronde (/etc/resolv.conf).',
  );

export function resolverServers(list: readonly string[]): DnsServer[] {
  return list.length ? list.flatMap((s) => parseServer(s) ?? []) : systemServers();
}

export function makeClient(list: readonly string[], timeoutSec: number, signal?: AbortSignal): DnsClient {
  return new DnsClient({
    servers: resolverServers(list),
    timeoutMs: Math.max(100, timeoutSec * 1000),
    ...(signal ? { signal } : {}),
  });
}
