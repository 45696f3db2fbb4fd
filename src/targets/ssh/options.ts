import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { knownHostsName } from './known-hosts.js';
import {
  expandTilde,
  parseProxyJump,
  resolveSshConfig,
  type SshConfigContext,
  type SshConfigDirective,
} from './ssh-config.js';

/**
 * How to reach one host, as the inventory says it (`hosts[].ssh`). Only what
 * the inventory sets: pool-wide `defaults` and the user's ssh_config fill the
 * rest (inventory > ssh_config > defaults > built-in).
 */
export interface SshHostOptions {
  /** Inventory name (results are filed under it). */
  name: string;
  /** What one would type after `ssh`: a name, an IPv4 or IPv6 literal; ssh_config `HostName` may translate it. */
  address: string;
  port?: number;
  user?: string;
  /** Private key files, tried in order. */
  identity?: string[];
  /** ssh-agent: `true` = $SSH_AUTH_SOCK, a string = socket path, `false` = none. */
  agent?: string | boolean;
  /** known_hosts files to read in place of ~/.ssh/known_hosts (ronde's own file is always read). */
  knownHosts?: string[];
  /** A bastion: another host, or a ProxyJump string (`[user@]host[:port][,…]`). */
  jump?: SshHostOptions | string;
  /** Run every command of this host through `sudo -n` (unless a command says `sudo: false`). */
  sudo?: boolean;
  connectTimeoutSec?: number;
  /** Default time limit of a command on this host when the check gives none. */
  commandTimeoutSec?: number;
}

export type SshDefaults = Partial<Omit<SshHostOptions, 'name' | 'address'>>;

export interface ResolvedHost {
  name: string;
  /** The address connected to (after HostName), without IPv6 brackets. */
  address: string;
  port: number;
  user: string;
  identities: string[];
  /** ssh-agent socket, if any. */
  agent?: string;
  /** Name looked up in known_hosts (HostKeyAlias, `host` or `[host]:port`). */
  knownHostsName: string;
  knownHostsFiles: string[];
  jump?: ResolvedHost;
  sudo: boolean;
  connectTimeoutSec: number;
  commandTimeoutSec?: number;
  keepaliveIntervalSec: number;
  keepaliveCountMax: number;
  warnings: string[];
}

export interface ResolveEnv extends SshConfigContext {
  sshConfig: readonly SshConfigDirective[];
  /** ronde's own known_hosts (state directory); always read, and where `ronde hosts trust` writes. */
  stateKnownHosts?: string;
  /** Read when neither the inventory nor ssh_config name files; default ~/.ssh/known_hosts{,2}. */
  userKnownHosts?: string[];
  globalKnownHosts: string[];
  authSock?: string;
  defaults: SshDefaults;
}

export const DEFAULT_CONNECT_TIMEOUT_SEC = 10;
const MAX_JUMPS = 8;

export function resolveHost(host: SshHostOptions, env: ResolveEnv, seen: string[] = []): ResolvedHost {
  const typed = stripBrackets(host.address);
  const cfg = resolveSshConfig(env.sshConfig, typed, env, host.user);
  const d = env.defaults;
  const address = stripBrackets(cfg.hostName ?? typed);
  const port = host.port ?? cfg.port ?? d.port ?? 22;
  const user = host.user ?? cfg.user ?? d.user ?? env.localUser;
  const warnings = [...cfg.warnings];

  const identities = (
    host.identity ??
    (cfg.identityFiles.length ? cfg.identityFiles : d.identity) ??
    defaultIdentities(env.home)
  ).map((p) => expandTilde(p, env.home));
  const agentOpt = host.agent ?? agentFromConfig(cfg.identityAgent, cfg.identitiesOnly) ?? d.agent ?? true;
  const agent =
    agentOpt === true ? env.authSock : agentOpt === false ? undefined : expandTilde(agentOpt, env.home);

  const userFiles = (
    host.knownHosts ??
    cfg.userKnownHostsFiles ??
    d.knownHosts ??
    env.userKnownHosts ?? [join(env.home, '.ssh/known_hosts'), join(env.home, '.ssh/known_hosts2')]
  ).map((p) => expandTilde(p, env.home));
  const knownHostsFiles = [
    ...userFiles,
    ...env.globalKnownHosts,
    ...(env.stateKnownHosts ? [env.stateKnownHosts] : []),
  ];

  const key = `${user}@${address}:${port}`;
  if (seen.includes(key) || seen.length > MAX_JUMPS)
    throw new Error(`jump host loop or chain too long: ${[...seen, key].join(' -> ')}`);

  const resolved: ResolvedHost = {
    name: host.name,
    address,
    port,
    user,
    identities,
    ...(agent ? { agent } : {}),
    knownHostsName: cfg.hostKeyAlias ?? knownHostsName(address, port),
    knownHostsFiles,
    sudo: host.sudo ?? d.sudo ?? false,
    connectTimeoutSec:
      host.connectTimeoutSec ?? cfg.connectTimeoutSec ?? d.connectTimeoutSec ?? DEFAULT_CONNECT_TIMEOUT_SEC,
    ...((host.commandTimeoutSec ?? d.commandTimeoutSec)
      ? { commandTimeoutSec: host.commandTimeoutSec ?? d.commandTimeoutSec }
      : {}),
    keepaliveIntervalSec: cfg.serverAliveIntervalSec || 15,
    keepaliveCountMax: cfg.serverAliveCountMax ?? 3,
    warnings,
  };

  // The inventory's jump wins; then ssh_config's ProxyJump; `defaults.jump` never applies to a bastion itself.
  const jump = host.jump ?? cfg.proxyJump ?? (seen.length === 0 ? d.jump : undefined);
  const chain = typeof jump === 'string' ? parseProxyJump(jump) : jump ? [jump] : [];
  let via: ResolvedHost | undefined;
  for (const [i, hop] of chain.entries()) {
    const hopHost: SshHostOptions =
      'name' in hop
        ? hop
        : {
            name: hop.host,
            address: hop.host,
            ...(hop.user ? { user: hop.user } : {}),
            ...(hop.port ? { port: hop.port } : {}),
          };
    // In a `a,b` chain each hop goes through the previous one, as `ssh -J a,b` does.
    const r = resolveHost(i === 0 ? hopHost : { ...hopHost, jump: undefined }, env, [...seen, key]);
    if (i > 0 && via) r.jump = via;
    via = r;
  }
  if (via) resolved.jump = via;
  return resolved;
}

function agentFromConfig(
  identityAgent: string | undefined,
  identitiesOnly: boolean | undefined,
): string | boolean | undefined {
  if (identityAgent) {
    if (identityAgent.toLowerCase() === 'none') return false;
    if (identityAgent === 'SSH_AUTH_SOCK') return true;
    return identityAgent;
  }
  // IdentitiesOnly: the user wants exactly the listed keys, not whatever the agent holds.
  return identitiesOnly ? false : undefined;
}

function defaultIdentities(home: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(home, '.ssh', f)).filter((p) => existsSync(p));
}

export function stripBrackets(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

/** `user@host:port` for messages (IPv6 in brackets). */
export function describeHost(h: Pick<ResolvedHost, 'user' | 'address' | 'port'>): string {
  const a = h.address.includes(':') ? `[${h.address}]` : h.address;
  return `${h.user}@${a}${h.port === 22 ? '' : `:${h.port}`}`;
}
