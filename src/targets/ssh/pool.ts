import type { LookupFunction } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { Target } from '../../core/target.js';
import { TargetError } from '../../core/target.js';
import { connectSsh } from './connection.js';
import { fingerprint, loadKnownHosts } from './known-hosts.js';
import {
  describeHost,
  type ResolvedHost,
  resolveHost,
  type SshDefaults,
  type SshHostOptions,
} from './options.js';
import { Semaphore } from './semaphore.js';
import { loadSshConfig, type SshConfigDirective } from './ssh-config.js';
import { SshTarget } from './target.js';

export interface SshPoolOptions {
  /** Open connections at once, over all hosts (jump hosts included). Default 32. */
  maxConnections?: number;
  /** Sessions at once on one connection; stock sshd allows 10 (`MaxSessions`). */
  maxSessionsPerConnection?: number;
  /** ronde's own known_hosts, in its state directory: read always, written by `ronde hosts trust`. */
  stateKnownHosts?: string;
  /** The user's OpenSSH client config; default ~/.ssh/config; `null` = read none. */
  sshConfigPath?: string | null;
  /** Default ~/.ssh/known_hosts and ~/.ssh/known_hosts2. */
  userKnownHosts?: string[];
  /** Default /etc/ssh/ssh_known_hosts. */
  globalKnownHosts?: string[];
  /** `defaults.ssh` of the config: below the inventory and ssh_config. */
  defaults?: SshDefaults;
  home?: string;
  localUser?: string;
  /** ssh-agent socket used for `agent: true`; default $SSH_AUTH_SOCK. */
  authSock?: string;
  /** Name resolution for TCP connections (tests inject one that refuses names). */
  lookup?: LookupFunction;
}

/** One SSH connection and its session slots. */
export class Connection {
  readonly sessions: Semaphore;
  closed = false;
  lastUsed = Date.now();
  /** Connections tunnelled through this one: it is not idle while they live. */
  dependents = 0;

  constructor(
    readonly key: string,
    readonly client: Client,
    maxSessions: number,
    readonly via?: Connection,
  ) {
    this.sessions = new Semaphore(maxSessions);
  }

  get idle(): boolean {
    return this.sessions.used === 0 && this.sessions.waiting === 0 && this.dependents === 0;
  }
}

/**
 * SSH connections for a round: one per host, reused by all its checks (and
 * their follow-up commands), at most `maxConnections` open at once (an idle
 * one is closed to make room), at most `maxSessionsPerConnection` channels
 * at once on each. `close()` ends them all.
 */
export class SshPool {
  readonly #opts: SshPoolOptions;
  readonly #slots: Semaphore;
  readonly #conns = new Map<string, Promise<Connection>>();
  readonly #live = new Map<string, Connection>();
  readonly #targets = new Map<string, SshTarget>();
  #sshConfig: readonly SshConfigDirective[] | undefined;
  #closed = false;

  constructor(options: SshPoolOptions = {}) {
    this.#opts = options;
    this.#slots = new Semaphore(options.maxConnections ?? 32);
  }

  /** The target of a host; the same object for the same inventory name. */
  target(host: SshHostOptions): Target {
    const known = this.#targets.get(host.name);
    if (known && sameOptions(known.host, host)) return known;
    const t = new SshTarget(host, this);
    this.#targets.set(host.name, t);
    return t;
  }

  /** Inventory options + ssh_config + defaults → what we connect to. Throws on a bad ProxyJump or a loop. */
  resolve(host: SshHostOptions): ResolvedHost {
    const home = this.#opts.home ?? homedir();
    const localUser = this.#opts.localUser ?? userInfo().username;
    if (this.#sshConfig === undefined) {
      const path =
        this.#opts.sshConfigPath === undefined ? join(home, '.ssh/config') : this.#opts.sshConfigPath;
      this.#sshConfig = path === null ? [] : loadSshConfig(path, { home, localUser });
    }
    const authSock = this.#opts.authSock ?? process.env.SSH_AUTH_SOCK;
    return resolveHost(host, {
      home,
      localUser,
      sshConfig: this.#sshConfig,
      ...(this.#opts.stateKnownHosts ? { stateKnownHosts: this.#opts.stateKnownHosts } : {}),
      ...(this.#opts.userKnownHosts ? { userKnownHosts: this.#opts.userKnownHosts } : {}),
      globalKnownHosts: this.#opts.globalKnownHosts ?? ['/etc/ssh/ssh_known_hosts'],
      ...(authSock ? { authSock } : {}),
      defaults: this.#opts.defaults ?? {},
    });
  }

  /** The live connection to a host (jump hosts first), connecting if needed. */
  connection(host: ResolvedHost, signal?: AbortSignal): Promise<Connection> {
    if (this.#closed) return Promise.reject(new TargetError('the SSH pool is closed', 'interrupted'));
    const key = connKey(host);
    const existing = this.#conns.get(key);
    if (existing) return existing;
    const p = this.#open(host, key, signal);
    this.#conns.set(key, p);
    p.catch(() => {
      if (this.#conns.get(key) === p) this.#conns.delete(key);
    });
    return p;
  }

  async #open(host: ResolvedHost, key: string, signal?: AbortSignal): Promise<Connection> {
    const via = host.jump ? await this.connection(host.jump, signal) : undefined;
    if (via) via.dependents++;
    try {
      await this.#acquireSlot(signal);
    } catch (err) {
      if (via) via.dependents--;
      throw err;
    }
    let client: Client;
    try {
      const knownHosts = await loadKnownHosts(host.knownHostsFiles);
      const sock = via ? await forward(via, host) : undefined;
      client = await connectSsh(host, {
        knownHosts,
        ...(sock ? { sock } : {}),
        ...(this.#opts.lookup ? { lookup: this.#opts.lookup } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      this.#slots.release();
      if (via) via.dependents--;
      throw err;
    }
    const conn = new Connection(key, client, this.#opts.maxSessionsPerConnection ?? 10, via);
    this.#live.set(key, conn);
    const onGone = () => {
      if (conn.closed) return;
      conn.closed = true;
      this.#live.delete(key);
      this.#conns.delete(key);
      this.#slots.release();
      if (via) {
        via.dependents--;
        this.noteIdle(via);
      }
    };
    client.on('close', onGone);
    client.on('error', () => {}); // reported to the batch through its channel; the close follows
    return conn;
  }

  /** A batch ended: if hosts wait for a connection slot, this idle connection makes room. */
  noteIdle(conn: Connection): void {
    conn.lastUsed = Date.now();
    if (conn.idle && this.#slots.waiting > 0) this.#end(conn);
  }

  async #acquireSlot(signal?: AbortSignal): Promise<void> {
    if (this.#slots.tryAcquire()) return;
    // Full: close the connection idle for longest (its host is done) instead of waiting.
    const idle = [...this.#live.values()].filter((c) => c.idle).sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (idle) this.#end(idle);
    await this.#slots.acquire(signal);
  }

  #end(conn: Connection): void {
    if (conn.closed) return;
    conn.client.end();
    // The slot is released on 'close'; a peer that never answers our disconnect must not hold it.
    setTimeout(() => conn.client.destroy(), 2000).unref();
  }

  /** Ends the connection of a host whose checks are done (called by `target.close()`). */
  async release(host: ResolvedHost): Promise<void> {
    const p = this.#conns.get(connKey(host));
    if (!p) return;
    const conn = await p.catch(() => undefined);
    if (conn?.idle) await endAndWait(conn, () => this.#end(conn));
  }

  /** Ends every connection; pending batches end with a transport error. */
  async close(): Promise<void> {
    this.#closed = true;
    const conns = [...this.#live.values()].sort((a, b) => depth(b) - depth(a));
    await Promise.all(conns.map((c) => endAndWait(c, () => this.#end(c))));
  }

  /** For tests and `ronde hosts`: open connections, those waiting for a slot. */
  stats(): { open: number; waiting: number } {
    return { open: this.#slots.used, waiting: this.#slots.waiting };
  }

  /**
   * The host key a host presents (through its jump hosts, which must be
   * trusted already), for `ronde hosts trust`. Nothing is run on the host.
   */
  async fetchHostKey(
    host: SshHostOptions,
    signal?: AbortSignal,
  ): Promise<{ host: string; algorithm: string; key: string; fingerprint: string }> {
    const resolved = this.resolve(host);
    const via = resolved.jump ? await this.connection(resolved.jump, signal) : undefined;
    const knownHosts = await loadKnownHosts(resolved.knownHostsFiles);
    let captured: Buffer | undefined;
    const sock = via ? await forward(via, resolved) : undefined;
    try {
      await connectSsh(resolved, {
        knownHosts,
        ...(sock ? { sock } : {}),
        ...(this.#opts.lookup ? { lookup: this.#opts.lookup } : {}),
        ...(signal ? { signal } : {}),
        captureHostKey: (k) => (captured = k),
      });
    } catch (err) {
      if (!captured) throw err;
    }
    if (!captured) throw new TargetError(`${describeHost(resolved)} presented no host key`, 'transport');
    const algorithm = captured.subarray(4, 4 + captured.readUInt32BE(0)).toString('latin1');
    return {
      host: resolved.knownHostsName,
      algorithm,
      key: captured.toString('base64'),
      fingerprint: fingerprint(captured),
    };
  }
}

function connKey(h: ResolvedHost): string {
  return `${h.user}@${h.address}:${h.port}${h.jump ? ` via ${connKey(h.jump)}` : ''}`;
}

function depth(c: Connection): number {
  return c.via ? 1 + depth(c.via) : 0;
}

function endAndWait(conn: Connection, end: () => void): Promise<void> {
  if (conn.closed) return Promise.resolve();
  return new Promise((resolve) => {
    conn.client.once('close', () => resolve());
    end();
  });
}

function forward(via: Connection, host: ResolvedHost): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.client.forwardOut('127.0.0.1', 0, host.address, host.port, (err, stream) => {
      if (err)
        reject(
          new TargetError(
            `jump host ${describeHost(host.jump!)} could not open a tunnel to ${describeHost(host)}: ${err.message}`,
            'unreachable',
          ),
        );
      else resolve(stream);
    });
  });
}

function sameOptions(a: SshHostOptions, b: SshHostOptions): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
