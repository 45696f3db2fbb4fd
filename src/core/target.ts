import type { Duplex } from 'node:stream';
import type { CommandResult, CommandSpec } from './command.js';
import type { Status } from './status.js';

export type Transport = 'local' | 'ssh';

export interface TargetInfo {
  /** Inventory name of the host. */
  name: string;
  transport: Transport;
  /**
   * A stream to a unix socket on the machine (SSH targets: a direct-streamlocal
   * channel of the host's pooled connection), for API clients such as Docker's.
   */
  forwardUnixSocket?(path: string, signal?: AbortSignal): Promise<Duplex>;
}

export interface BatchOptions {
  signal?: AbortSignal;
}

/**
 * How commands reach a machine. A target runs a whole batch of commands in
 * one go (one remote script over SSH): measured on a 20-host fleet, one
 * script per host takes 11.8 s where one channel per command takes 17.6 to 30 s.
 */
export interface Target extends TargetInfo {
  /**
   * Runs the commands in order and returns one result per command, in the
   * same order. A command that fails is a result, not a throw; a throw
   * (TargetError) means the machine could not be reached at all.
   */
  runBatch(commands: readonly CommandSpec[], options?: BatchOptions): Promise<CommandResult[]>;
  close(): Promise<void>;
}

export type TargetFailure =
  | 'unreachable'
  | 'auth'
  | 'hostkey-unknown'
  | 'hostkey-changed'
  | 'transport'
  | 'timeout'
  | 'interrupted';

/**
 * The machine could not be reached or the transport broke: every check on it
 * gets this status (UNKNOWN, except a changed host key which is CRIT).
 */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly reason: TargetFailure,
    readonly status: Status = 'UNKNOWN',
  ) {
    super(message);
    this.name = 'TargetError';
  }
}
