import { setMaxListeners } from 'node:events';
import { type Lang, t } from '../i18n/index.js';
import type { ApprovalReader } from './approvals.js';
import type { AnyCheckKind, CheckContext, CheckOutcome, CheckResult, Evidence } from './check.js';
import { type CommandResult, type CommandSpec, commandLine } from './command.js';
import { limit } from './limit.js';
import { unknown } from './outcome.js';
import { type Target, TargetError } from './target.js';

/** One check instance planned on one host. */
export interface PlannedCheck {
  /** Instance id: the config `name`, else the kind id. */
  instance: string;
  kind: AnyCheckKind;
  /** Already validated by the kind's schema. */
  options: unknown;
  timeoutSec: number;
  /** Configured explicitly (false in zero-config runs: absent subjects are "not applicable"). */
  explicit: boolean;
  sudo?: boolean;
  /** The last result of this check on this host, for reuse when the kind's stamp is unchanged. */
  previous?: Pick<
    CheckResult,
    'status' | 'summary' | 'reasons' | 'details' | 'notApplicable' | 'stamp' | 'startedAt' | 'validUntil'
  >;
}

export interface HostPlan {
  target: Target;
  checks: PlannedCheck[];
}

export interface RoundOptions {
  /** Hosts checked at once. */
  concurrency?: number;
  signal?: AbortSignal;
  now?: () => Date;
  /** Called as each result is known (progress, partial saves). */
  onResult?: (result: CheckResult) => void;
  /** What people approved (the store's), handed to checks in their context; absent without a store. */
  approvals?: ApprovalReader;
  /** The language of summaries and reasons (`language:`); English when absent. */
  lang?: Lang;
}

export interface RoundOutcome {
  results: CheckResult[];
  /** The round was cut short: results of checks that had not finished are absent. */
  interrupted: boolean;
  /** Hosts whose batch could not run at all (unreachable, refused, host key): target name → reason. */
  unreachable?: Map<string, string>;
}

const EVIDENCE_STDOUT = 4096;
const EVIDENCE_STDERR = 2048;

/**
 * Runs every planned check: hosts in parallel (bounded), each host's commands
 * as one batch, then each check's evaluation under its own time limit. A
 * check that throws or hangs becomes UNKNOWN; the round goes on.
 */
export async function runRound(
  hosts: readonly HostPlan[],
  options: RoundOptions = {},
): Promise<RoundOutcome> {
  const now = options.now ?? (() => new Date());
  // Every running batch and evaluation listens to the round's signal (and removes its
  // listener when done): hundreds at once is normal, not a leak worth a warning.
  if (options.signal) setMaxListeners(0, options.signal);
  const results: CheckResult[] = [];
  const unreachable = new Map<string, string>();
  const run = limit(options.concurrency ?? 32);
  await Promise.all(
    hosts.map((host) =>
      run(async () => {
        if (options.signal?.aborted) return;
        const out = await runHost(host, now, options.lang ?? 'en', options.signal, options.approvals);
        if (out.unreachable !== undefined) unreachable.set(host.target.name, out.unreachable);
        for (const r of out.results) {
          results.push(r);
          options.onResult?.(r);
        }
      }),
    ),
  );
  return {
    results,
    interrupted: options.signal?.aborted ?? false,
    ...(unreachable.size > 0 ? { unreachable } : {}),
  };
}

async function runHost(
  host: HostPlan,
  now: () => Date,
  lang: Lang,
  signal?: AbortSignal,
  approvals?: ApprovalReader,
): Promise<{ results: CheckResult[]; unreachable?: string }> {
  const started = now();
  const planned = host.checks.map((check) => ({ check, commands: planCommands(check, started, lang) }));
  const flat = planned.flatMap((p) => (Array.isArray(p.commands) ? p.commands : []));
  let outputs: CommandResult[];
  try {
    outputs = await host.target.runBatch(flat, { signal });
  } catch (err) {
    if (signal?.aborted) return { results: [] };
    const status = err instanceof TargetError ? err.status : 'UNKNOWN';
    const message = err instanceof Error ? err.message : String(err);
    return {
      results: host.checks.map((check) =>
        finish(
          check,
          host.target.name,
          started,
          now,
          lang,
          { status, summary: message, reasons: [message] },
          [],
        ),
      ),
      unreachable: message,
    };
  }
  const results: CheckResult[] = [];
  let offset = 0;
  for (const { check, commands } of planned) {
    if (!Array.isArray(commands)) {
      results.push(finish(check, host.target.name, started, now, lang, commands, []));
      continue;
    }
    const mine = outputs.slice(offset, offset + commands.length);
    offset += commands.length;
    if (signal?.aborted && mine.some((o) => o.exitCode === null)) continue;
    const stamp = mine[0]?.stamp;
    const kept = mine.length > 0 && mine.every((o) => o.skipped) ? keep(check) : undefined;
    const outcome = kept ?? (await evaluate(check, host, mine, now(), lang, signal, approvals));
    const result = finish(check, host.target.name, started, now, lang, outcome, kept ? [] : mine);
    if (stamp !== undefined && stamp !== 'failed') result.stamp = stamp;
    results.push(result);
  }
  return { results };
}

const DEFAULT_REUSE_SEC = 3600;

function reusable(check: PlannedCheck, now: Date): boolean {
  const p = check.previous;
  // An UNKNOWN is a failure to tell, worth retrying; "not applicable" is an answer.
  if (!p?.stamp || (p.status === 'UNKNOWN' && !p.notApplicable)) return false;
  if (p.validUntil && !(Date.parse(p.validUntil) > now.getTime())) return false;
  const age = (now.getTime() - Date.parse(evaluatedAt(p))) / 1000;
  return age >= 0 && age < (check.kind.reuseForSec ?? DEFAULT_REUSE_SEC);
}

/** When the previous outcome was really evaluated (a reused one carries the original time). */
function evaluatedAt(p: NonNullable<PlannedCheck['previous']>): string {
  const reused = p.details?.reused as { from?: unknown } | undefined;
  return typeof reused?.from === 'string' ? reused.from : p.startedAt;
}

/** The previous outcome, kept because the machine's stamp did not change; says so in its details. */
function keep(check: PlannedCheck): CheckOutcome | undefined {
  const p = check.previous;
  if (!p) return undefined;
  const outcome: CheckOutcome = {
    status: p.status,
    summary: p.summary,
    reasons: p.reasons ?? [],
    details: {
      ...(p.details ?? {}),
      reused: { from: evaluatedAt(p), why: 'unchanged on the machine since then' },
    },
  };
  if (p.notApplicable) outcome.notApplicable = true;
  if (p.validUntil) outcome.validUntil = p.validUntil;
  return outcome;
}

/** The commands of a check with its time limit and sudo applied, or the outcome if planning failed. */
function planCommands(check: PlannedCheck, now: Date, lang: Lang): CommandSpec[] | CheckOutcome {
  try {
    const sudo = check.sudo ?? false;
    const commands = check.kind.commands(check.options);
    // The probe runs as the login user: what sudo reads may be hidden from it.
    const hidden = commands.some((c) => c.sudo ?? sudo) && !check.kind.stampPublic;
    const paths = hidden ? undefined : check.kind.stampPaths?.(check.options);
    const previous = reusable(check, now) ? check.previous?.stamp : undefined;
    return commands.map((c) => ({
      ...c,
      timeoutSec: Math.min(c.timeoutSec ?? check.timeoutSec, check.timeoutSec),
      sudo: c.sudo ?? sudo,
      ...(paths?.length ? { unlessStamp: { paths, previous } } : {}),
    }));
  } catch (err) {
    return unknown(t(lang, 'check.cannotPlan', { error: errorMessage(err) }));
  }
}

async function evaluate(
  check: PlannedCheck,
  host: HostPlan,
  outputs: CommandResult[],
  now: Date,
  lang: Lang,
  signal?: AbortSignal,
  approvals?: ApprovalReader,
): Promise<CheckOutcome> {
  const failed = outputs.find((o) => o.timedOut || o.error !== undefined);
  if (failed) {
    const what = commandLine(failed.argv);
    return failed.timedOut
      ? unknown(t(lang, 'check.timedOutAfter', { sec: check.timeoutSec, what }))
      : unknown(t(lang, 'check.failedWith', { what, why: failed.error ?? t(lang, 'check.why.failed') }));
  }
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<CheckOutcome>((resolve) => {
      timer = setTimeout(() => {
        ac.abort();
        resolve(unknown(t(lang, 'check.timedOutAfter', { sec: check.timeoutSec, what: '' })));
      }, check.timeoutSec * 1000);
    });
    const run = Promise.resolve().then(() =>
      check.kind.evaluate({
        options: check.options,
        instance: check.instance,
        target: targetInfo(host.target),
        outputs,
        now,
        lang,
        signal: ac.signal,
        ...(check.previous ? { previous: check.previous } : {}),
        ...(approvals ? { approvals } : {}),
        run: (cmds) => host.target.runBatch(cmds, { signal: ac.signal }),
      }),
    );
    return await Promise.race([run, timeout]);
  } catch (err) {
    return unknown(t(lang, 'check.threw', { error: errorMessage(err) }));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function finish(
  check: PlannedCheck,
  target: string,
  started: Date,
  now: () => Date,
  lang: Lang,
  outcome: CheckOutcome,
  outputs: CommandResult[],
): CheckResult {
  const reasons = outcome.reasons?.length
    ? outcome.reasons
    : outcome.status === 'UNKNOWN'
      ? [outcome.summary || t(lang, 'check.noReason')]
      : [];
  const result: CheckResult = {
    check: check.instance,
    kind: check.kind.id,
    target,
    status: outcome.status,
    summary: outcome.summary,
    reasons,
    details: outcome.details ?? {},
    startedAt: started.toISOString(),
    durationMs: Math.max(0, now().getTime() - started.getTime()),
    evidence: outputs.map(toEvidence),
  };
  // An absent subject is only "not applicable" when nobody asked for this check.
  if (outcome.notApplicable && !check.explicit) result.notApplicable = true;
  return result;
}

function toEvidence(o: CommandResult): Evidence {
  const e: Evidence = {
    command: commandLine(o.argv),
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    durationMs: o.durationMs,
  };
  if (o.stdout) e.stdout = cut(o.stdout, EVIDENCE_STDOUT);
  if (o.stderr) e.stderr = cut(o.stderr, EVIDENCE_STDERR);
  if (o.error) e.error = o.error;
  return e;
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}\n… (${s.length - max} more characters)`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a check sees of its target: no runBatch (it has `run`), the socket forwarder if any. */
function targetInfo(t: Target): CheckContext<unknown>['target'] {
  const forward = t.forwardUnixSocket?.bind(t);
  return { name: t.name, transport: t.transport, ...(forward ? { forwardUnixSocket: forward } : {}) };
}
