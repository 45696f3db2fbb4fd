import type { z } from 'zod';
import type { Lang } from '../i18n/lang.js';
import type { ApprovalReader } from './approvals.js';
import type { CommandResult, CommandSpec } from './command.js';
import type { Status } from './status.js';
import type { TargetInfo } from './target.js';

/** What a check concluded. It never persists, prints or notifies: it returns this. */
export interface CheckOutcome {
  status: Status;
  /** One line, for the terminal and the chat. */
  summary: string;
  /** Why the status is not OK, one line each (shown with -v, stored). UNKNOWN always has one. */
  reasons?: string[];
  /** Machine-readable facts (counts, versions, per-item data) for --json, history and the dashboard. */
  details?: Record<string, unknown>;
  /**
   * The subject does not exist on this machine (no systemd, no certbot, no apt).
   * A zero-config run shows it as "not applicable" and does not count it; a
   * check configured explicitly stays UNKNOWN.
   */
  notApplicable?: boolean;
  /**
   * When the same inputs would give another outcome through time alone (a
   * certificate crossing warn_days): a reused outcome is never kept past it.
   */
  validUntil?: string;
}

export interface CheckContext<O> {
  options: O;
  /** The check's instance name (`name:` in the config, else the kind): names what it reviews (`CHECK@HOST`). */
  instance?: string;
  target: TargetInfo;
  /** Results of `commands(options)`, in the same order. */
  outputs: CommandResult[];
  /** Clock of the run (injectable for tests). */
  now: Date;
  /**
   * The team's language (`language:`): the summary and reasons are said in it,
   * through the catalogues (`t(ctx.lang, 'apt.pending.summary', …)`, keys in
   * src/i18n/checks/<domain>.ts). Details stay machine-readable, untranslated.
   */
  lang: Lang;
  signal: AbortSignal;
  /**
   * This check's last result on this target, when the caller has one (the
   * store): lets a kind avoid redoing costly work on unchanged inputs, such as
   * re-reading a multi-gigabyte backup it already verified.
   */
  previous?: Pick<CheckResult, 'status' | 'details' | 'startedAt'>;
  /**
   * What people approved on this target (`ronde docker approve`), read from
   * the store by whoever opened it (`ronde check`, the daemon). A check never
   * opens the store itself; absent (`--no-save`), a kind that needs it says so.
   */
  approvals?: ApprovalReader;
  /** Follow-up commands that depend on the first outputs (one more round trip: use sparingly). */
  run(commands: readonly CommandSpec[]): Promise<CommandResult[]>;
}

/**
 * A check kind: an id (`<domain>.<kind>`, after its file `src/checks/<domain>/<kind>.ts`),
 * a zod schema of its options, the commands it needs, and a pure-ish evaluate.
 * The runner batches the commands of every check on a host into one script.
 */
export interface CheckKind<O = unknown> {
  id: string;
  title: string;
  /** zod schema of the options, strict, every field with a default where one makes sense. */
  options: z.ZodType<O>;
  /** Run by `ronde check` with no configuration (never when it has `required` options). */
  zeroConfig: boolean;
  /**
   * Options without which the kind cannot run (`a|b`: one of them). The schema
   * refuses a config without them, so it is a configuration error at load
   * (file:line:col, exit 78), never an UNKNOWN at run time; the docs page says
   * so. Every other option has a default: the kind accepts `{}` otherwise.
   */
  required?: readonly string[];
  /** Default time limit, seconds. */
  timeoutSec?: number;
  /**
   * Default interval, seconds, when the config gives none: for kinds that are slow
   * (zonemaster) or whose sources rate-limit. Otherwise `defaults.interval`.
   */
  intervalSec?: number;
  commands(options: O): CommandSpec[];
  /**
   * The files and directories whose change may change the answer (dpkg's
   * status, apt's lists; shell globs `*`, `?`, `[…]` allowed). On a repeat
   * round, when none of them changed (inode, mtime, size) and the previous
   * result is younger than `reuseForSec`, the commands are skipped on the
   * machine and the previous outcome is kept. One `find` per host probes the
   * paths of all its kinds. Undefined: this configuration cannot be stamped.
   */
  stampPaths?(options: O): readonly string[] | undefined;
  /**
   * Any user may stat the stamp paths (dpkg's status, /boot): the probe, run
   * as the login user, then sees every change even when the check runs with
   * sudo. Otherwise a check run with sudo is never stamped.
   */
  stampPublic?: boolean;
  /** How long an unchanged previous outcome may be reused (default 1 h). */
  reuseForSec?: number;
  evaluate(ctx: CheckContext<O>): CheckOutcome | Promise<CheckOutcome>;
}

/** Declares a kind with its option type inferred from the schema. */
export function defineCheck<S extends z.ZodType>(
  kind: CheckKind<z.output<S>> & { options: S },
): CheckKind<z.output<S>> {
  return kind;
}

/**
 * A kind of any option type, as the registry holds them. `any` on purpose: a
 * kind's options are validated by its own schema before they reach it.
 */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous registry, options checked by each kind's zod schema
export type AnyCheckKind = CheckKind<any>;

/** What ran, kept with the result so a person can see why (never secrets). */
export interface Evidence {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  stdout?: string;
  stderr?: string;
  error?: string;
}

/** One check instance on one target, in one round. */
export interface CheckResult extends CheckOutcome {
  /** Instance id: the `name` given in config, else the kind. */
  check: string;
  kind: string;
  target: string;
  startedAt: string;
  durationMs: number;
  evidence: Evidence[];
  /** The kind's stamp probe this time (see CheckKind.stamp), for the next round. */
  stamp?: string;
}

/**
 * The key of one check instance on one target, for maps of results across
 * rounds (the store's previous results, the scheduler, the announcer). NUL
 * cannot occur in either name.
 */
export function resultKey(target: string, check: string): string {
  return `${target}\0${check}`;
}
