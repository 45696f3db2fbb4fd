import { join } from 'node:path';
import type { Config, HostConfig } from '../config/schema.js';
import { limit } from '../core/limit.js';
import { type Status, worst } from '../core/status.js';
import { TargetError } from '../core/target.js';
import { sshOptions } from '../targets/factory.js';
import { describeHost, type ResolvedHost, type SshHostOptions } from '../targets/ssh/options.js';
import { SshPool } from '../targets/ssh/pool.js';
import { say } from './lang.js';

/** A host's connection seconds when neither the command line nor ssh_config gives one: `ronde hosts` is a quick look. */
export const PROBE_TIMEOUT_SEC = 5;

export type Reachability =
  | 'ok'
  | 'local'
  | 'api-only'
  | 'not-probed'
  | 'hostkey-unknown'
  | 'hostkey-changed'
  | 'hostkey-revoked'
  | 'auth'
  | 'unreachable';

export interface HostReport {
  name: string;
  address: string;
  /** `api`: every check of the host talks to an API (Proxmox…), nothing needs SSH. */
  transport: 'local' | 'ssh' | 'api';
  tags: string[];
  /** `user@address:port` as connected to, after ~/.ssh/config. */
  login: string | null;
  /** Jump hosts in `ssh -J` order (first hop first). */
  jump: string[];
  /** Unsupported ssh_config directives that apply to this host. */
  warnings: string[];
  reachability: Reachability;
  /** One line for the terminal (`unknown host key (SHA256:…)`), in the CLI's language: programs read `reachability`. */
  state: string;
  /** The full reason when not reachable. */
  message?: string;
  /** The key presented, when it is not trusted. */
  fingerprint?: string;
}

/** Status of a host in the Nagios sense: the exit code of `ronde hosts` is the worst. */
export function reportStatus(r: Pick<HostReport, 'reachability'>): Status {
  if (r.reachability === 'hostkey-changed' || r.reachability === 'hostkey-revoked') return 'CRIT';
  return ['ok', 'local', 'api-only', 'not-probed'].includes(r.reachability) ? 'OK' : 'UNKNOWN';
}

export function worstReport(reports: readonly HostReport[]): Status {
  return worst(reports.map(reportStatus));
}

/** The pool `ronde hosts` uses: ronde's own known_hosts as for `ronde check`, a short default connect time. */
export function fleetPool(config: Config, stateDir: string, connectTimeoutSec?: number): SshPool {
  return new SshPool({
    maxConnections: config.defaults.concurrency,
    stateKnownHosts: join(stateDir, 'known_hosts'),
    defaults: { connectTimeoutSec: connectTimeoutSec ?? PROBE_TIMEOUT_SEC },
  });
}

export function hostOptions(host: HostConfig, config: Config, timeoutSec?: number): SshHostOptions {
  const opts = sshOptions(host, new Map(config.hosts.map((h) => [h.name, h])));
  // An explicit --timeout beats ssh_config's ConnectTimeout; otherwise the pool default applies below it.
  return timeoutSec === undefined ? opts : { ...opts, connectTimeoutSec: timeoutSec };
}

/** Describes each host and, unless `probe` is false, logs in to each SSH host (no command is run). */
export async function probeHosts(
  hosts: readonly HostConfig[],
  config: Config,
  pool: SshPool,
  opts: {
    probe: boolean;
    timeoutSec?: number;
    signal?: AbortSignal;
    /** Hosts whose checks all talk to an API, with those kinds: never logged in to. */
    apiOnly?: ReadonlyMap<string, readonly string[]>;
  },
): Promise<HostReport[]> {
  const run = limit(config.defaults.concurrency);
  return Promise.all(
    hosts.map((host) =>
      run(async (): Promise<HostReport> => {
        const base = {
          name: host.name,
          address: host.address,
          tags: host.tags,
        };
        if (host.local)
          return {
            ...base,
            transport: 'local',
            login: null,
            jump: [],
            warnings: [],
            reachability: 'local',
            state: say('cli.hosts.state.local'),
          };
        const apiKinds = opts.apiOnly?.get(host.name);
        if (apiKinds)
          return {
            ...base,
            transport: 'api',
            login: null,
            jump: [],
            warnings: [],
            reachability: 'api-only',
            state: say('cli.hosts.state.apiOnly', { kinds: apiKinds.join(', ') }),
          };
        let resolved: ResolvedHost;
        try {
          resolved = pool.resolve(hostOptions(host, config, opts.timeoutSec));
        } catch (err) {
          const message = say('cli.hosts.cannotResolve', { host: host.name, why: (err as Error).message });
          return {
            ...base,
            transport: 'ssh',
            login: null,
            jump: [],
            warnings: [],
            ...classify(new TargetError(message, 'unreachable')),
          };
        }
        const described = {
          ...base,
          transport: 'ssh' as const,
          login: describeHost(resolved),
          jump: jumpChain(resolved),
          warnings: allWarnings(resolved),
        };
        if (!opts.probe) return { ...described, reachability: 'not-probed', state: '-' };
        try {
          await pool.connection(resolved, opts.signal);
          return { ...described, reachability: 'ok', state: say('cli.hosts.state.ok') };
        } catch (err) {
          return { ...described, ...classify(err) };
        }
      }),
    ),
  );
}

function jumpChain(h: ResolvedHost): string[] {
  const out: string[] = [];
  for (let j = h.jump; j; j = j.jump) out.unshift(describeHost(j));
  return out;
}

function allWarnings(h: ResolvedHost): string[] {
  const out = [...h.warnings];
  for (let j = h.jump; j; j = j.jump)
    out.push(...j.warnings.map((w) => say('cli.hosts.jumpWarning', { jump: describeHost(j!), warning: w })));
  return [...new Set(out)];
}

type Verdict = Pick<HostReport, 'reachability' | 'state' | 'message' | 'fingerprint'>;

/** A connection failure in the words of the `ronde hosts` column; the full message stays in `message`. */
export function classify(err: unknown): Verdict {
  const message = err instanceof Error ? err.message : String(err);
  const fp = /SHA256:[A-Za-z0-9+/]+/.exec(message)?.[0];
  const withFp = fp ? { fingerprint: fp } : {};
  if (!(err instanceof TargetError))
    return {
      reachability: 'unreachable',
      state: say('cli.hosts.state.unreachable', { why: message }),
      message,
    };
  switch (err.reason) {
    case 'hostkey-unknown':
      return {
        reachability: 'hostkey-unknown',
        state: say('cli.hosts.state.unknownKey', { fingerprint: fp ?? '?' }),
        message,
        ...withFp,
      };
    case 'hostkey-changed':
      return /REVOKED/.test(message)
        ? { reachability: 'hostkey-revoked', state: say('cli.hosts.state.revoked'), message, ...withFp }
        : { reachability: 'hostkey-changed', state: say('cli.hosts.state.changed'), message, ...withFp };
    case 'auth': {
      const tried = /tried ([^;]*)/.exec(message)?.[1] ?? say('cli.hosts.state.triedNothing');
      return { reachability: 'auth', state: say('cli.hosts.state.auth', { tried }), message };
    }
    default:
      return {
        reachability: 'unreachable',
        state: say('cli.hosts.state.unreachable', { why: shortReason(message) }),
        message,
      };
  }
}

/** "connection to root@10.0.0.1:22 refused (nothing listens…)" → "refused (nothing listens…)": the login is in its own column. */
function shortReason(message: string): string {
  return message
    .replace(/^(connection to|cannot reach) \S+ /, '')
    .replace(/^\S+@\S+ /, '')
    .replace(/ \(([^()]*)\)$/, ': $1');
}
