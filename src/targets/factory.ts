import { join } from 'node:path';
import type { Config, HostConfig } from '../config/schema.js';
import type { Target } from '../core/target.js';
import { LocalTarget } from './local.js';
import type { SshHostOptions } from './ssh/options.js';
import { SshPool } from './ssh/pool.js';

/** Makes the targets of a round; `close()` ends every connection it opened. */
export interface TargetFactory {
  target(host: HostConfig): Target;
  close(): Promise<void>;
}

export interface FactoryOptions {
  /** ronde's state directory: its own known_hosts lives there. */
  stateDir: string;
  /** Tests point these elsewhere; default: the user's ~/.ssh files. */
  sshConfigPath?: string | null;
  userKnownHosts?: string[];
}

export function targetFactory(config: Config, opts: FactoryOptions): TargetFactory {
  let pool: SshPool | undefined;
  const byName = new Map(config.hosts.map((h) => [h.name, h]));
  return {
    target(host) {
      if (host.local) return new LocalTarget(host.name);
      pool ??= new SshPool({
        maxConnections: config.defaults.concurrency,
        stateKnownHosts: join(opts.stateDir, 'known_hosts'),
        ...(opts.sshConfigPath !== undefined ? { sshConfigPath: opts.sshConfigPath } : {}),
        ...(opts.userKnownHosts ? { userKnownHosts: opts.userKnownHosts } : {}),
      });
      return pool.target(sshOptions(host, byName));
    },
    async close() {
      await pool?.close();
    },
  };
}

/** The inventory's view of a host for the SSH layer; a `jump` naming an inventory host uses its settings. */
export function sshOptions(
  host: HostConfig,
  byName: ReadonlyMap<string, HostConfig>,
  seen: string[] = [],
): SshHostOptions {
  const s = host.ssh;
  const out: SshHostOptions = { name: host.name, address: host.address, sudo: host.sudo };
  if (s.port !== undefined) out.port = s.port;
  if (s.user !== undefined) out.user = s.user;
  if (s.identity !== undefined) out.identity = [s.identity];
  if (s.agent !== undefined) out.agent = s.agent;
  if (s.knownHosts !== undefined) out.knownHosts = [s.knownHosts];
  if (s.connectTimeoutSec !== undefined) out.connectTimeoutSec = s.connectTimeoutSec;
  if (s.jump !== undefined) {
    const via = byName.get(s.jump);
    out.jump = via && !seen.includes(via.name) ? sshOptions(via, byName, [...seen, host.name]) : s.jump;
  }
  return out;
}
