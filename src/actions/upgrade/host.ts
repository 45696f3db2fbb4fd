import type { HostConfig } from '../../config/schema.js';
import type { CommandResult, CommandSpec } from '../../core/command.js';
import type { Status } from '../../core/status.js';
import { type Target, TargetError } from '../../core/target.js';
import { type Lang, t } from '../../i18n/index.js';
import type { Conn } from '../../store/db.js';
import {
  BOOT_ID,
  parseVersions,
  REBOOT,
  REBOOT_REQUIRED,
  SIMULATE,
  upgradeArgv,
  versionsArgv,
} from './commands.js';
import { failure } from './facts.js';
import type { HostPlan } from './plan.js';
import { finishStep, type StepName, type StepOutcome, startStep } from './repo.js';
import { parseSimulation } from './simulate.js';
import { stepName, stepOutcome } from './words.js';

/*
 * The steps of one host, each recorded as it starts and as it ends:
 * backup (snapshot or pre-hook), upgrade, reboot when needed, re-check.
 * The first step that fails ends the host; `stop` (Ctrl-C) is looked at
 * between steps only: a step under way (apt-get above all) is never cut.
 */

export type HostOutcome = 'upgraded' | 'failed' | 'interrupted';

export interface HostReport {
  host: string;
  outcome: HostOutcome;
  /** The step that failed or was not reached, and why. */
  failedStep?: StepName;
  why?: string;
  /** CRIT when the host may be left worse: down after a reboot, apt-get failed midway. */
  severity?: Status;
  before: Record<string, string>;
  after: Record<string, string>;
  rebooted: boolean;
  durationMs: number;
}

export interface HostDeps {
  conn: Conn;
  runId: number;
  target(h: HostConfig): Target;
  allowRemove: boolean;
  timeoutSec: number;
  reboot: 'when-required' | 'never';
  rebootTimeoutSec: number;
  /** Snapshot or pre-hook, when configured: resolves with what to record, throws on failure. */
  backup?: { step: StepName; run(h: HostConfig, signal: AbortSignal): Promise<Record<string, unknown>> };
  /** Re-runs the host's checks (and saves them): their statuses. */
  recheck(h: HostConfig): Promise<{ check: string; status: Status; summary: string }[]>;
  stop: AbortSignal;
  now(): Date;
  say(line: string): void;
  /** The language of what is said and recorded for people (why a step failed). */
  lang: Lang;
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly severity: Status = 'CRIT',
  ) {
    super(message);
  }
}

export async function upgradeHost(h: HostConfig, plan: HostPlan, d: HostDeps): Promise<HostReport> {
  const started = Date.now();
  const report: HostReport = {
    host: h.name,
    outcome: 'upgraded',
    before: Object.fromEntries(plan.packages.filter((p) => p.from !== null).map((p) => [p.name, p.from!])),
    after: {},
    rebooted: false,
    durationMs: 0,
  };
  const names = [...plan.packages.map((p) => p.name), ...plan.removals.map((r) => r.name)];
  const step = async (
    name: StepName,
    fn: () => Promise<Record<string, unknown> | undefined>,
  ): Promise<boolean> => {
    if (d.stop.aborted) {
      report.outcome = 'interrupted';
      report.failedStep = name;
      report.why = t(d.lang, 'upgrade.why.stoppedBefore');
      return false;
    }
    d.say(t(d.lang, 'upgrade.step.start', { host: h.name, step: stepName(d.lang, name) }));
    const id = await startStep(d.conn, { runId: d.runId, host: h.name, step: name, at: d.now() });
    let outcome: StepOutcome = 'ok';
    let detail: Record<string, unknown> | undefined;
    try {
      detail = await fn();
    } catch (err) {
      outcome = 'failed';
      report.outcome = 'failed';
      report.failedStep = name;
      report.why = err instanceof Error ? err.message : String(err);
      report.severity = err instanceof StepFailure ? err.severity : 'CRIT';
      detail = { error: report.why, severity: report.severity };
    }
    await finishStep(d.conn, id, { at: d.now(), outcome, ...(detail ? { detail } : {}) });
    d.say(
      t(d.lang, 'upgrade.step.end', {
        host: h.name,
        step: stepName(d.lang, name),
        outcome: stepOutcome(d.lang, outcome),
        why: report.why && outcome === 'failed' ? report.why : '',
      }),
    );
    return outcome === 'ok';
  };
  const run = async (cmd: CommandSpec): Promise<CommandResult> => {
    const [r] = await d.target(h).runBatch([cmd]);
    return r!;
  };

  const ok =
    (!d.backup || (await step(d.backup.step, () => d.backup!.run(h, AbortSignal.timeout(3_600_000))))) &&
    (await step('upgrade', async () => {
      await samePlan(plan, await run({ argv: SIMULATE, timeoutSec: 120 }), d.lang);
      const r = await run({ argv: upgradeArgv(d.allowRemove), sudo: h.sudo, timeoutSec: d.timeoutSec });
      const versions = await run({ argv: versionsArgv(names), timeoutSec: 60 });
      report.after = parseVersions(versions.stdout);
      const detail = {
        before: report.before,
        after: report.after,
        removed: plan.removals.map((x) => x.name),
        exitCode: r.exitCode,
        output: r.stdout.slice(-4000),
      };
      if (r.exitCode !== 0 || r.error || r.timedOut)
        throw new StepFailure(
          t(d.lang, 'upgrade.fail.apt', { failure: failure('apt-get full-upgrade', r, d.lang) }),
        );
      return detail;
    })) &&
    (await step('reboot', () => rebootIfNeeded(h, plan, d, report))) &&
    (await step('recheck', async () => {
      const results = await d.recheck(h);
      const crit = results.filter((r) => r.status === 'CRIT');
      const detail = { results };
      if (crit.length > 0)
        throw new StepFailure(
          t(d.lang, 'upgrade.fail.crit', {
            checks: crit
              .map((c) => t(d.lang, 'check.failedWith', { what: c.check, why: c.summary }))
              .join(t(d.lang, 'check.semicolon')),
          }),
        );
      return detail;
    }));
  report.durationMs = Date.now() - started;
  if (ok) report.outcome = 'upgraded';
  return report;
}

/**
 * What was shown is what runs: apt is asked again just before, and a package
 * to install or remove that the plan did not list (new lists since, another
 * admin's change) stops the host untouched.
 */
async function samePlan(plan: HostPlan, r: CommandResult, lang: Lang): Promise<void> {
  if (r.exitCode !== 0 || r.error) throw new StepFailure(failure('apt-get -s full-upgrade', r, lang), 'WARN');
  const now = parseSimulation(r.stdout);
  const shown = new Set([...plan.packages.map((p) => p.name), ...plan.removals.map((x) => x.name)]);
  const unseen = [...now.installs.map((p) => p.name), ...now.removals.map((x) => x.name)].filter(
    (n) => !shown.has(n),
  );
  if (unseen.length > 0)
    throw new StepFailure(t(lang, 'upgrade.fail.unseen', { names: unseen.join(', ') }), 'WARN');
}

async function rebootIfNeeded(
  h: HostConfig,
  plan: HostPlan,
  d: HostDeps,
  report: HostReport,
): Promise<Record<string, unknown>> {
  const [flag] = await d.target(h).runBatch([{ argv: ['test', '-e', REBOOT_REQUIRED] }]);
  const needed = plan.reboot === 'kernel' || flag?.exitCode === 0;
  if (!needed) return { needed: false };
  if (d.reboot === 'never') return { needed: true, done: false, why: 'reboot: never' };
  const bootBefore = (await d.target(h).runBatch([{ argv: BOOT_ID }]))[0]?.stdout.trim() ?? '';
  // The connection drops as the host goes down: whatever the command says is not a failure.
  await d
    .target(h)
    .runBatch([{ argv: REBOOT, sudo: h.sudo, timeoutSec: 20 }])
    .catch(() => undefined);
  await d.target(h).close();
  const since = Date.now();
  const until = since + d.rebootTimeoutSec * 1000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      const [r] = await d.target(h).runBatch([{ argv: BOOT_ID, timeoutSec: 5 }], {
        signal: AbortSignal.timeout(10_000),
      });
      const now = r?.stdout.trim() ?? '';
      if (r?.exitCode === 0 && now !== '' && now !== bootBefore) {
        report.rebooted = true;
        return { needed: true, done: true, bootBefore, bootAfter: now, downMs: Date.now() - since };
      }
    } catch (err) {
      // A different host key after the reboot is not this host any more, or it was reinstalled.
      if (err instanceof TargetError && err.reason === 'hostkey-changed')
        throw new StepFailure(t(d.lang, 'upgrade.fail.hostKey', { error: err.message }));
      await d.target(h).close();
    }
    if (Date.now() >= until)
      throw new StepFailure(t(d.lang, 'upgrade.fail.noSsh', { sec: d.rebootTimeoutSec }));
  }
}
