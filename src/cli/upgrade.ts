import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { readHostFacts, readStates, windowFacts } from '../actions/upgrade/facts.js';
import { buildPlan, type HostPlan, type UpgradePlan } from '../actions/upgrade/plan.js';
import { type RunResult, runUpgrade } from '../actions/upgrade/run.js';
import { UpgradeSettings } from '../actions/upgrade/schema.js';
import { refusalText } from '../actions/upgrade/words.js';
import { awaitTask, startSnapshot } from '../clients/proxmox/snapshot.js';
import { httpsFetcher } from '../clients/proxmox/transport.js';
import { effectiveHosts, selectHosts } from '../config/load.js';
import { planRound } from '../config/plan.js';
import type { HostConfig } from '../config/schema.js';
import { resolveSecrets } from '../config/secrets.js';
import { runRound } from '../core/runner.js';
import { t } from '../i18n/index.js';
import { activeCovers } from '../notify/covers-repo.js';
import { buildNotifiers } from '../notify/index.js';
import { deliver } from '../notify/outbox.js';
import { boardTimeZone } from '../routines/board.js';
import { approvalReader } from '../store/access.js';
import type { Store } from '../store/types.js';
import { targetFactory } from '../targets/factory.js';
import type { CliContext } from './context.js';
import { person } from './done.js';
import { CliError, EX_INTERRUPTED, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { upgradeHistoryCommand } from './upgrade-history.js';

interface Deps {
  context(): Promise<CliContext>;
}

interface RunOptions {
  yes: boolean;
  allowRemove: boolean;
  by?: string;
}

export function upgradeCommand(deps: Deps): Command {
  const cmd = new Command('upgrade')
    .summary(say('cli.upgrade.help.summary'))
    .description(say('cli.upgrade.help.description'));
  cmd
    .command('plan')
    .description(say('cli.upgrade.help.plan'))
    .argument('[hosts...]', say('cli.upgrade.help.hosts'))
    .option('--allow-remove', say('cli.upgrade.help.planAllowRemove'), false)
    .option('--json', say('cli.upgrade.help.planJson'), false)
    .addHelpText('after', say('cli.upgrade.help.planExamples'))
    .action(async (hosts: string[], opts: { allowRemove: boolean; json: boolean }) => {
      const ctx = await deps.context();
      const { plan } = await makePlan(ctx, hosts, opts.allowRemove);
      process.stdout.write(
        opts.json ? `${JSON.stringify({ version: 1, ...plan }, null, 2)}\n` : renderPlan(plan),
      );
      process.exitCode = plan.hosts.some((p) => p.refusals.length > 0) ? 2 : 0;
    });
  cmd
    .command('run')
    .description(say('cli.upgrade.help.run'))
    .argument('[hosts...]', say('cli.upgrade.help.hosts'))
    .option('-y, --yes', say('cli.upgrade.help.yes'), false)
    .option('--allow-remove', say('cli.upgrade.help.runAllowRemove'), false)
    .option('--by <name>', say('cli.upgrade.help.by'))
    .addHelpText('after', say('cli.upgrade.help.runExamples'))
    .action(async (hosts: string[], opts: RunOptions) => {
      const ctx = await deps.context();
      process.exitCode = await runCommand(ctx, hosts, opts);
    });
  cmd.addCommand(upgradeHistoryCommand(deps));
  return cmd;
}

function settingsOf(ctx: CliContext): UpgradeSettings {
  return ctx.config.upgrade ?? UpgradeSettings.parse({});
}

/** The hosts of `upgrade.hosts`, narrowed by the command line; whether the selection is all of them. */
function chooseHosts(ctx: CliContext, selectors: string[]): { hosts: HostConfig[]; complete: boolean } {
  const allowed = selectHosts(settingsOf(ctx).hosts, effectiveHosts(ctx.config));
  if (selectors.length === 0) return { hosts: allowed, complete: true };
  const names = new Set(effectiveHosts(ctx.config).map((h) => h.name));
  for (const s of selectors) {
    const bare = s.replace(/^!/, '');
    if (!bare.startsWith('tag:') && bare !== 'all' && !names.has(bare))
      throw new CliError(t(cliLang(), 'upgrade.unknownHost', { host: bare }), EX_USAGE);
  }
  const hosts = selectHosts(selectors, allowed);
  if (hosts.length === 0) throw new CliError(t(cliLang(), 'upgrade.noMatch'), EX_USAGE);
  return { hosts, complete: hosts.length === allowed.length };
}

async function makePlan(ctx: CliContext, selectors: string[], allowRemove: boolean) {
  const settings = settingsOf(ctx);
  const { hosts, complete } = chooseHosts(ctx, selectors);
  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  const now = new Date();
  try {
    const facts = await readHostFacts(hosts, (h) => targets.target(h), {
      concurrency: ctx.config.defaults.concurrency,
      lang: ctx.config.language,
    });
    const store = await ctx.openStore();
    let states: Awaited<ReturnType<typeof readStates>>;
    let adHoc: Awaited<ReturnType<typeof activeCovers>>;
    try {
      states = await readStates(store);
      adHoc = await activeCovers(store.conn.db, now);
    } finally {
      await store.close();
    }
    const window = windowFacts(ctx.config.maintenance, settings.window, now, {
      tz: boardTimeZone(ctx.config),
      adHoc,
    });
    const plan = buildPlan({
      hosts,
      facts,
      states,
      settings,
      ...(window ? { window } : {}),
      allowRemove,
      now,
    });
    return { plan, hosts, complete, settings };
  } finally {
    await targets.close();
  }
}

export function renderPlan(plan: UpgradePlan): string {
  const lang = cliLang();
  const out: string[] = [];
  for (const p of plan.hosts) out.push(...hostLines(p));
  if (plan.batches.length === 0) out.push('', t(lang, 'upgrade.plan.nothing'));
  else {
    out.push('', t(lang, 'upgrade.plan.batches'));
    plan.batches.forEach((b, i) => {
      out.push(t(lang, 'upgrade.plan.batch', { n: i + 1, hosts: b.join(', ') }));
    });
  }
  return `${out.join('\n')}\n`;
}

function hostLines(p: HostPlan): string[] {
  const lang = cliLang();
  if (p.refusals.length > 0)
    return [
      t(lang, 'upgrade.plan.refused', { host: p.host }),
      ...p.refusals.map((r) => `  - ${refusalText(lang, r)}`),
    ];
  if (p.packages.length === 0 && p.removals.length === 0 && p.reboot === null)
    return [t(lang, 'upgrade.plan.upToDate', { host: p.host })];
  const head = [t(lang, 'upgrade.plan.host', { host: p.host, n: p.packages.length, security: p.security })];
  if (p.reboot)
    head.push(t(lang, p.reboot === 'kernel' ? 'upgrade.plan.reboot.kernel' : 'upgrade.plan.reboot.required'));
  const lines = [head.join(', ')];
  for (const x of p.packages)
    lines.push(
      `  ${x.name} ${x.from ?? t(lang, 'upgrade.history.new')} → ${x.to}${x.security ? `  ${t(lang, 'upgrade.security')}` : ''}`,
    );
  if (p.removals.length > 0)
    lines.push(`  ${t(lang, 'upgrade.plan.removes', { names: p.removals.map((r) => r.name).join(', ') })}`);
  return lines;
}

async function runCommand(ctx: CliContext, selectors: string[], opts: RunOptions): Promise<number> {
  const lang = cliLang();
  const by = person(opts.by, ctx.config.team, {});
  const { plan, hosts, complete, settings } = await makePlan(ctx, selectors, opts.allowRemove);
  process.stdout.write(renderPlan(plan));
  if (plan.batches.length === 0) return plan.hosts.some((p) => p.refusals.length > 0) ? 2 : 0;
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new CliError(t(lang, 'upgrade.notTty'), EX_USAGE);
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question(t(lang, 'upgrade.confirm'))).trim().toLowerCase();
    rl.close();
    if (!['y', 'yes', 'o', 'oui'].includes(answer)) {
      process.stdout.write(`${t(lang, 'upgrade.declined')}\n`);
      return 1;
    }
  }
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write(`\nronde: ${t(lang, 'upgrade.interrupt')}\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const store = await ctx.openStore();
  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  const notifiers = buildNotifiers(ctx.config);
  let result: RunResult;
  try {
    const routine = settings.routine ? ctx.config.routines.find((r) => r.id === settings.routine) : undefined;
    result = await runUpgrade(plan, {
      conn: store.conn,
      hosts,
      target: (h) => targets.target(h),
      allowRemove: opts.allowRemove,
      timeoutSec: settings.timeout,
      reboot: settings.reboot,
      rebootTimeoutSec: settings.reboot_timeout,
      ...backupStep(settings),
      recheck: (h) => recheck(ctx, store, h),
      stop: stop.signal,
      now: () => new Date(),
      say: (line) => process.stdout.write(`${line}\n`),
      startedBy: by,
      osUser: userInfo().username,
      routing: { routes: ctx.config.routes, notifierNames: ctx.config.notifiers.map((n) => n.name) },
      lang: ctx.config.language,
      ...(routine ? { routine } : {}),
      complete,
      deliver: async () => {
        if (notifiers.size === 0) return;
        await deliver(store, notifiers, {
          worker: `upgrade-${process.pid}`,
          signal: AbortSignal.timeout(20_000),
          lang: ctx.config.language,
        });
      },
    });
  } finally {
    await targets.close();
    await store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const lines = result.hosts.map(
    (h) => `  ${h.host}: ${t(lang, `upgrade.state.${h.state}`)}${h.why ? ` — ${h.why}` : ''}`,
  );
  process.stdout.write(
    `\n${t(lang, 'upgrade.runEnd', { id: result.runId, outcome: t(lang, `upgrade.outcome.${result.outcome}`) })}\n${lines.join('\n')}\n` +
      (result.signedOff ? `${t(lang, 'upgrade.signedOff', { id: result.signedOff })}\n` : ''),
  );
  if (result.outcome === 'interrupted') return EX_INTERRUPTED;
  return result.outcome === 'failed' ? 2 : 0;
}

/** The host's checks, run again and saved like `ronde check` does. */
async function recheck(ctx: CliContext, store: Store, h: HostConfig) {
  const plan = planRound(ctx.config, ctx.registry, { hosts: [h.name], checks: [] });
  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  const startedAt = new Date();
  try {
    const outcome = await runRound(
      plan.map((p) => ({ target: targets.target(p.host), checks: p.checks })),
      { approvals: approvalReader(store.conn) },
    );
    await store.saveRound(
      { startedAt, finishedAt: new Date(), trigger: 'cli', interrupted: outcome.interrupted },
      outcome.results,
    );
    return outcome.results
      .filter((r) => !r.notApplicable)
      .map((r) => ({ check: r.check, status: r.status, summary: r.summary }));
  } finally {
    await targets.close();
  }
}

/** The backup before each host: a Proxmox snapshot of its VM, else the pre-hook, else none. */
function backupStep(s: UpgradeSettings) {
  const snap = s.snapshot;
  const hook = s.pre_hook;
  if (!snap && !hook) return {};
  return {
    backup: {
      step: snap ? ('snapshot' as const) : ('pre-hook' as const),
      async run(h: HostConfig, signal: AbortSignal): Promise<Record<string, unknown>> {
        const guest = snap?.guests[h.name];
        if (snap && guest) {
          const fetch = httpsFetcher({
            url: snap.url,
            tokenId: snap.token_id,
            secret: resolveSecrets(snap.token),
            ...(snap.ca_file ? { caFile: snap.ca_file } : {}),
            ...(snap.fingerprint ? { fingerprint: snap.fingerprint } : {}),
          });
          const snapname = `ronde-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
          const upid = await startSnapshot(
            fetch,
            { node: guest.node, vmid: guest.vmid, snapname, description: 'before ronde upgrade run' },
            signal,
          );
          const exit = await awaitTask(fetch, guest.node, upid, { timeoutMs: snap.timeout * 1000, signal });
          return { node: guest.node, vmid: guest.vmid, snapname, upid, exit };
        }
        if (!hook) throw new Error(say('upgrade.fail.noBackupStep', { host: h.name }));
        return runHook(
          hook.map((w) => w.replaceAll('{host}', h.name)),
          signal,
        );
      },
    },
  };
}

function runHook(argv: string[], signal: AbortSignal): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (out += c.toString()));
    p.on('error', (err) =>
      reject(new Error(say('upgrade.fail.hook', { command: argv[0]!, error: err.message }))),
    );
    p.on('close', (code) => {
      if (code === 0) resolve({ argv, output: out.slice(-2000) });
      else
        reject(
          new Error(
            say('upgrade.fail.hookExit', {
              command: argv.join(' '),
              code: String(code),
              output: out.trim().slice(-300),
            }),
          ),
        );
    });
  });
}
