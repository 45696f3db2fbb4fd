import { Command, Option } from 'commander';
import { planRound } from '../config/plan.js';
import { type CheckResult, resultKey } from '../core/check.js';
import { runRound } from '../core/runner.js';
import { EXIT_CODE, worst } from '../core/status.js';
import { selfResult } from '../daemon/self.js';
import { describeUnresolved, unresolvedNotifierSecrets } from '../notify/preflight.js';
import { approvalReader } from '../store/access.js';
import type { Store } from '../store/types.js';
import { targetFactory } from '../targets/factory.js';
import { CHECK_OUTPUT_VERSION, type CheckOutput } from './check-output.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_INTERRUPTED, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { assertChecks, assertHostSelectors, nameBook } from './names.js';
import { countResults, renderText, summaryLine, type TargetResults } from './render.js';
import { useColor } from './style.js';

interface CheckOptions {
  check: string[];
  verbose: boolean;
  json: boolean;
  color: boolean;
  save: boolean;
  reuse: boolean;
}

export function checkCommand(globals: () => GlobalOptions): Command {
  return new Command('check')
    .summary(say('cli.check.help.summary'))
    .description(say('cli.check.help.description'))
    .argument('[hosts...]', say('cli.check.help.selectors'))
    .addOption(
      new Option('-c, --check <kind-or-name...>', say('cli.check.help.check')).default([] as string[]),
    )
    .option('-v, --verbose', say('cli.check.help.verbose'), false)
    .option('--json', say('cli.check.help.json'), false)
    .option('--no-color', say('cli.check.help.noColor'))
    .option('--no-save', say('cli.check.help.noSave'))
    .option('--no-reuse', say('cli.check.help.noReuse'))
    .addHelpText('after', say('cli.check.help.examples'))
    .action(async (hosts: string[], opts: CheckOptions) => {
      const ctx = await loadContext(globals());
      // `check` sends nothing, so a missing notifier secret only warns here; `serve` refuses to start.
      for (const u of unresolvedNotifierSecrets(ctx.config.notifiers))
        process.stderr.write(
          `ronde: ${say('cli.warning', { what: say('cli.check.serveWouldRefuse', { what: describeUnresolved(u, cliLang()) }) })}\n`,
        );
      process.exitCode = await runCheck(ctx, hosts, opts);
    });
}

export async function runCheck(ctx: CliContext, selectors: string[], opts: CheckOptions): Promise<number> {
  const book = nameBook(ctx.config, ctx.registry);
  assertHostSelectors(book, selectors);
  assertChecks(book, ctx.registry, opts.check);
  const plan = planRound(ctx.config, ctx.registry, { hosts: selectors, checks: opts.check });
  if (plan.length === 0) throw new CliError(say('cli.check.noMatch'), EX_USAGE);

  const store = opts.save ? await openOrWarn(ctx) : null;
  if (store && opts.reuse) {
    const previous = await store.previousResults();
    for (const p of plan)
      for (const c of p.checks) c.previous = previous.get(resultKey(p.host.name, c.instance));
  }

  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(EX_INTERRUPTED);
    process.stderr.write(`\nronde: ${say('cli.check.interrupting')}\n`);
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const startedAt = new Date();
  let outcome: Awaited<ReturnType<typeof runRound>>;
  try {
    outcome = await runRound(
      plan.map((p) => ({ target: targets.target(p.host), checks: p.checks })),
      {
        concurrency: ctx.config.defaults.concurrency,
        signal: ac.signal,
        lang: ctx.config.language,
        // docker.services reads what people approved; without a store it says so (UNKNOWN).
        ...(store ? { approvals: approvalReader(store.conn) } : {}),
      },
    );
  } finally {
    await targets.close();
  }
  const finishedAt = new Date();
  const results = sortLike(plan, outcome.results);

  // ronde watches itself too (daemon, outbox, notifiers) when there is a setup to watch.
  const withSelf = store !== null && ctx.configPath !== null && selectors.length === 0 && !opts.check.length;
  if (withSelf) results.push(await selfResult(store, ctx.config, ctx.registry, finishedAt));

  let round: number | null = null;
  if (store) {
    try {
      round = await store.saveRound(
        { startedAt, finishedAt, trigger: 'cli', interrupted: outcome.interrupted },
        results,
      );
    } catch (err) {
      process.stderr.write(`ronde: ${say('cli.check.notSaved', { why: errorText(err) })}\n`);
    } finally {
      await store.close();
    }
  }
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);

  const counted = results.filter((r) => !r.notApplicable);
  const status = worst(counted.map((r) => r.status));
  const exitCode = outcome.interrupted ? EX_INTERRUPTED : EXIT_CODE[status];
  const grouped: TargetResults[] = plan.map((p) => ({
    name: p.host.name,
    transport: p.host.local ? 'local' : 'ssh',
    results: results.filter((r) => r.target === p.host.name),
  }));
  const self = results.filter((r) => r.kind === 'ronde.self');
  if (self.length > 0) grouped.push({ name: 'ronde', transport: 'local', results: self });
  const counts = countResults(results);
  if (opts.json) {
    const doc: CheckOutput = {
      version: CHECK_OUTPUT_VERSION,
      tool: 'ronde',
      status,
      exitCode,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      interrupted: outcome.interrupted,
      round,
      config: ctx.configPath,
      counts,
      targets: grouped.map((g) => ({
        ...g,
        status: worst(g.results.filter((r) => !r.notApplicable).map((r) => r.status)),
        results: g.results.map(jsonResult),
      })),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const color = opts.color && useColor(process.stdout);
    const note = outcome.interrupted ? say('cli.check.interrupted') : '';
    process.stdout.write(`${renderText(grouped, { color, verbose: opts.verbose })}\n\n`);
    process.stdout.write(`${summaryLine(counts, status, color, note)}\n`);
  }
  return exitCode;
}

async function openOrWarn(ctx: CliContext): Promise<Store | null> {
  try {
    return await ctx.openStore();
  } catch (err) {
    process.stderr.write(`ronde: ${say('cli.check.noStore', { why: errorText(err) })}\n`);
    return null;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function jsonResult(r: CheckResult): CheckOutput['targets'][number]['results'][number] {
  return {
    check: r.check,
    kind: r.kind,
    target: r.target,
    status: r.status,
    summary: r.summary,
    reasons: r.reasons ?? [],
    details: r.details ?? {},
    ...(r.notApplicable ? { notApplicable: true } : {}),
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    evidence: r.evidence,
  };
}

/** Results in the order of the plan (hosts, then checks), whatever order they finished in. */
function sortLike(plan: ReturnType<typeof planRound>, results: CheckResult[]): CheckResult[] {
  const order = new Map<string, number>();
  let i = 0;
  for (const p of plan) for (const c of p.checks) order.set(resultKey(p.host.name, c.instance), i++);
  const key = (r: CheckResult) => order.get(resultKey(r.target, r.check)) ?? i;
  return [...results].sort((a, b) => key(a) - key(b));
}
