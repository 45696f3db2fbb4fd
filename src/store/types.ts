import type { CheckResult } from '../core/check.js';
import type { Status } from '../core/status.js';
import type { Conn } from './db.js';

export type RoundTrigger = 'cli' | 'daemon';

export interface RoundInput {
  startedAt: Date;
  finishedAt: Date;
  trigger: RoundTrigger;
  /** Cut short (signal, time limit): its UNKNOWN results do not move a check's state. */
  interrupted: boolean;
  host?: string;
  /**
   * The queue job this round is (scale-out workers): a round with a key already
   * saved is not saved again, nor announced (`saveRound` returns the first one's id).
   */
  jobKey?: string;
  /** Hosts whose batch could not run at all (the announcer tells them as one fact). Not stored. */
  unreachable?: readonly string[];
}

export interface RoundInfo {
  id: number;
  startedAt: Date;
  finishedAt: Date;
  trigger: RoundTrigger;
  interrupted: boolean;
  host: string | null;
  resultCount: number;
  /** Worst status of the round's results; null for a round without results. */
  status: Status | null;
}

/** A check on a target went from one status to another. `from` is null the first time it is seen. */
export interface StatusChange {
  at: Date;
  check: string;
  target: string;
  from: Status | null;
  to: Status;
  summary: string;
}

export interface HistoryQuery {
  check?: string;
  target?: string;
  since?: Date;
  /** Default 100. */
  limit?: number;
}

/** Current state of one check on one target. */
export interface CurrentState {
  check: string;
  kind: string;
  target: string;
  status: Status;
  /** When it entered this status. */
  since: Date;
  /** Results in a row with this status. */
  consecutive: number;
  summary: string;
  lastAt: Date;
  lastResultId: number;
  /** The latest result says the subject does not exist there (zero-config run). */
  notApplicable?: boolean;
}

/** The last result of a check+target as the runner needs it to reuse an unchanged one. */
export interface PreviousResult {
  status: Status;
  summary: string;
  reasons: string[];
  details: Record<string, unknown>;
  notApplicable?: boolean;
  stamp?: string;
  startedAt: string;
  validUntil?: string;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The connection, for repositories of other modules (routines, outbox):
   * `conn.db` to read, `conn.write(fn)` for one serialised write transaction.
   */
  readonly conn: Conn;
  /** Saves a round and its results in one transaction; returns the round id. */
  saveRound(round: RoundInput, results: CheckResult[]): Promise<number>;
  history(query?: HistoryQuery): Promise<StatusChange[]>;
  rounds(query?: { limit?: number }): Promise<RoundInfo[]>;
  latestResults(): Promise<CurrentState[]>;
  /** Last result per `target\0check`, whole; only of `targets` when given. */
  previousResults(targets?: readonly string[]): Promise<Map<string, PreviousResult>>;
  close(): Promise<void>;
}
