import type { Duplex } from 'node:stream';
import type { CommandResult, CommandSpec } from '../../core/command.js';
import type { BatchOptions, Target } from '../../core/target.js';
import { TargetError } from '../../core/target.js';
import { batchDeadlineSec, buildBatch, parseBatchOutput, scriptStderr } from '../script.js';
import type { ResolvedHost, SshHostOptions } from './options.js';
import type { SshPool } from './pool.js';
import { collect, openExec, remoteCommand } from './remote.js';

/**
 * A host reached over SSH: the batch script of `src/targets/script.ts` (the
 * same one LocalTarget runs with `sh -c`) over one exec channel of the
 * host's pooled connection.
 */
export class SshTarget implements Target {
  readonly transport = 'ssh' as const;
  readonly name: string;
  #resolved: ResolvedHost | undefined;

  constructor(
    readonly host: SshHostOptions,
    private readonly pool: SshPool,
  ) {
    this.name = host.name;
  }

  async runBatch(commands: readonly CommandSpec[], options: BatchOptions = {}): Promise<CommandResult[]> {
    if (commands.length === 0) return [];
    const { signal } = options;
    if (signal?.aborted) throw new TargetError('interrupted before start', 'interrupted');
    const host = this.#resolve();
    const specs = commands.map((c) => applyHostDefaults(c, host));
    const conn = await this.pool.connection(host, signal);
    await conn.sessions.acquire(signal);
    try {
      const batch = buildBatch(specs);
      const started = Date.now();
      const channel = await openExec(conn.client, remoteCommand(batch.script));
      const deadlineMs = batchDeadlineSec(specs) * 1000;
      const out = await collect(channel, deadlineMs, signal);
      const said = scriptStderr(batch, out.stderr);
      const why = out.exitCode !== null && out.exitCode !== 0 && said ? `${out.why} (${said})` : out.why;
      return parseBatchOutput(batch, out.output, Date.now() - started, why, out.stderr).map((r, i) =>
        explainSudo(r, specs[i]!),
      );
    } finally {
      conn.sessions.release();
      this.pool.noteIdle(conn);
    }
  }

  /**
   * A stream to a unix socket on the host (`/var/run/docker.sock`) over the
   * pooled connection (OpenSSH's direct-streamlocal; sshd needs
   * AllowStreamLocalForwarding, on by default). The connection stays open while it lives.
   */
  async forwardUnixSocket(path: string, signal?: AbortSignal): Promise<Duplex> {
    const conn = await this.pool.connection(this.#resolve(), signal);
    conn.dependents++;
    const done = () => {
      conn.dependents--;
      this.pool.noteIdle(conn);
    };
    return new Promise((resolve, reject) => {
      conn.client.openssh_forwardOutStreamLocal(path, (err, stream) => {
        if (err) {
          done();
          return reject(new TargetError(`${this.name}: cannot forward ${path}: ${err.message}`, 'transport'));
        }
        stream.once('close', done);
        resolve(stream);
      });
    });
  }

  /** This host is done for the round: its connection is closed (when no batch still uses it). */
  async close(): Promise<void> {
    if (this.#resolved) await this.pool.release(this.#resolved);
  }

  #resolve(): ResolvedHost {
    if (!this.#resolved) {
      try {
        this.#resolved = this.pool.resolve(this.host);
      } catch (err) {
        throw new TargetError(
          `cannot work out how to reach ${this.name}: ${(err as Error).message}`,
          'unreachable',
        );
      }
    }
    return this.#resolved;
  }
}

/** Host-wide `sudo` and command time limit, unless the command says otherwise. */
export function applyHostDefaults(
  c: CommandSpec,
  host: Pick<ResolvedHost, 'sudo' | 'commandTimeoutSec'>,
): CommandSpec {
  return {
    ...c,
    ...(c.sudo === undefined && host.sudo ? { sudo: true } : {}),
    ...(c.timeoutSec === undefined && host.commandTimeoutSec ? { timeoutSec: host.commandTimeoutSec } : {}),
  };
}

/**
 * `sudo -n` that needs a password exits 1 with "a password is required": the
 * command never ran, so say so (the check then returns UNKNOWN), rather than
 * let a check read exit 1 as the command's own answer.
 */
export function explainSudo(r: CommandResult, spec: CommandSpec): CommandResult {
  if (!spec.sudo || r.exitCode !== 1 || r.error) return r;
  if (/sudo: (a password is required|a terminal is required)/.test(r.stderr))
    return { ...r, error: 'sudo needs a password on this host: allow this command with NOPASSWD in sudoers' };
  if (/sudo: (command not found|.*is not in the sudoers file|.*not allowed to execute)/.test(r.stderr))
    return { ...r, error: `sudo refused: ${r.stderr.trim().split('\n')[0]}` };
  return r;
}
