import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import type { DockerClient } from '../clients/docker/client.js';
import { DockerError } from '../clients/docker/client.js';
import { composeServices, judgeService } from '../clients/docker/compose.js';
import { absentSocket, dockerFor, socketPath, socketProbe } from '../clients/docker/engine.js';
import type { DockerConnectionOptions } from '../clients/docker/settings.js';
import { effectiveChecks, effectiveHosts, selectHosts } from '../config/load.js';
import { hostProblem } from '../config/names.js';
import type { HostConfig } from '../config/schema.js';
import { TargetError } from '../core/target.js';
import { dockerApprovalStore } from '../store/docker-approvals.js';
import { targetFactory } from '../targets/factory.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { applyPrune, kindName, planPrune, renderPlan } from './docker-prune.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { nameBook } from './names.js';

/** Exit code of a refused action: the host is not in a state where it is safe. */
export const EX_REFUSED = 1;
/** Exit code when the host cannot be reached, as `ronde check` gives UNKNOWN. */
export const EX_UNREACHABLE = 3;

export interface PruneOptions {
  yes: boolean;
  unusedImages: boolean;
  volumes: boolean;
}

/** Where output goes and how a person confirms (tests give their own). */
export interface DockerIo {
  out(text: string): void;
  confirm(question: string): Promise<boolean>;
}

export function dockerCommand(globals: () => GlobalOptions): Command {
  const cmd = new Command('docker').summary(say('cli.docker.help.summary'));
  cmd
    .command('approve')
    .description(say('cli.docker.help.approve'))
    .argument('<host>', say('cli.docker.help.host'))
    .exitOverride()
    .action(async (host: string) => {
      process.exitCode = await dockerApprove(await loadContext(globals()), host, terminalIo());
    });
  cmd
    .command('prune')
    .description(say('cli.docker.help.prune'))
    .argument('<host>', say('cli.docker.help.host'))
    .option('--yes', say('cli.docker.help.yes'), false)
    .option('--unused-images', say('cli.docker.help.unusedImages'), false)
    .option('--volumes', say('cli.docker.help.volumes'), false)
    .exitOverride()
    .action(async (host: string, opts: PruneOptions) => {
      process.exitCode = await dockerPrune(await loadContext(globals()), host, opts, terminalIo());
    });
  return cmd;
}

/** The host, its docker.* options (first docker check configured on it) and what it must run. */
function hostSetup(ctx: CliContext, name: string) {
  const host = effectiveHosts(ctx.config).find((h) => h.name === name);
  if (!host) throw new CliError(hostProblem(nameBook(ctx.config, ctx.registry), name, cliLang())!, EX_USAGE);
  const mine = effectiveChecks(ctx.config, ctx.registry).filter(
    (c) => c.kind.startsWith('docker.') && selectHosts(c.on, [host]).length > 0,
  );
  const first = mine[0]?.options as { docker?: DockerConnectionOptions } | undefined;
  const services = mine.find((c) => c.kind === 'docker.services')?.options as
    | { expected?: string[] }
    | undefined;
  return { host, docker: first?.docker ?? {}, declared: services?.expected ?? [] };
}

async function withDocker<T>(
  ctx: CliContext,
  host: HostConfig,
  docker: DockerConnectionOptions,
  fn: (api: DockerClient) => Promise<T>,
): Promise<T> {
  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  try {
    const target = targets.target(host);
    // The checks' own look first (`test -S`): a host without Docker is said so,
    // not reported as the SSH layer's "Channel open failure".
    const probe = socketProbe(docker, target.transport);
    if (probe.length > 0) {
      const [seen] = await target.runBatch(probe);
      if (absentSocket(seen, docker, target.transport))
        throw new CliError(
          say('cli.docker.noEngine', { host: host.name, socket: socketPath(docker) }),
          EX_REFUSED,
        );
    }
    return await fn(dockerFor(docker, target));
  } catch (err) {
    if (err instanceof DockerError) throw new CliError(`${host.name}: ${err.message}`, EX_REFUSED);
    if (err instanceof TargetError) throw new CliError(err.message, EX_UNREACHABLE);
    throw err;
  } finally {
    await targets.close();
  }
}

export async function dockerApprove(ctx: CliContext, name: string, io: DockerIo): Promise<number> {
  const { host, docker, declared } = hostSetup(ctx, name);
  // A container restarting in a loop is not running: judged as the check judges it.
  const groups = await withDocker(ctx, host, docker, (api) => composeServices(api));
  const services = [...groups]
    .filter(([, cs]) => cs.some((c) => c.state === 'running'))
    .map(([s]) => s)
    .sort();
  const store = await ctx.openStore();
  try {
    const repo = dockerApprovalStore(store.conn);
    const before = await repo.approval(host.name);
    await repo.approve({ host: host.name, services, at: new Date(), by: userInfo().username });
    const gone = before?.services.filter((s) => !services.includes(s)) ?? [];
    io.out(
      say('cli.docker.approved', { host: host.name, n: services.length, services: services.join(', ') }),
    );
    if (gone.length > 0) io.out(say('cli.docker.noLongerExpected', { services: gone.join(', ') }));
    // docker.services reads the config's list first: the approval is kept, but unused while it is there.
    if (declared.length > 0)
      io.out(say('cli.docker.overridden', { host: host.name, declared: declared.join(', ') }));
  } finally {
    await store.close();
  }
  return 0;
}

/** Expected services of the host that are down (not running, or restarting in a loop). */
async function downServices(ctx: CliContext, api: DockerClient, name: string, declared: string[]) {
  let expected = declared;
  if (expected.length === 0) {
    const store = await ctx.openStore();
    try {
      expected = (await dockerApprovalStore(store.conn).approval(name))?.services ?? [];
    } finally {
      await store.close();
    }
  }
  if (expected.length === 0) throw new CliError(say('cli.docker.noExpected', { host: name }), EX_REFUSED);
  const groups = await composeServices(api);
  return expected.map((s) => judgeService(s, groups.get(s), cliLang())).filter((v) => v.status === 'CRIT');
}

export async function dockerPrune(
  ctx: CliContext,
  name: string,
  opts: PruneOptions,
  io: DockerIo,
): Promise<number> {
  const { host, docker, declared } = hostSetup(ctx, name);
  return withDocker(ctx, host, docker, async (api) => {
    // A service that is down may need its image to come back: never clean then.
    const down = await downServices(ctx, api, host.name, declared);
    if (down.length > 0)
      throw new CliError(
        say('cli.docker.down', { host: host.name, why: down.map((d) => `  ${d.why}`).join('\n') }),
        EX_REFUSED,
      );
    const plan = await planPrune(api, { unusedImages: opts.unusedImages, volumes: opts.volumes });
    if (opts.unusedImages && plan.items.some((i) => i.kind === 'unused image'))
      io.out(say('cli.docker.rollbackNote'));
    const dryRun = !opts.yes;
    io.out(renderPlan(plan, host.name, dryRun));
    if (dryRun || plan.items.length === 0) return 0;
    const vols = plan.items.filter((i) => i.kind === 'anonymous volume');
    if (vols.length > 0 && !(await io.confirm(say('cli.docker.confirmVolumes', { n: vols.length })))) {
      io.out(say('cli.docker.notConfirmed'));
      return EX_REFUSED;
    }
    const result = await applyPrune(api, plan);
    for (const f of result.failed)
      io.out(
        say('cli.docker.notRemoved', { kind: kindName(f.item.kind), name: f.item.name, error: f.error }),
      );
    const mib = (result.freed / 2 ** 20).toFixed(1);
    io.out(say('cli.docker.removed', { host: host.name, n: result.removed.length, mib }));
    return result.failed.length > 0 ? EX_REFUSED : 0;
  });
}

/** Output to stdout; confirmation asked on the terminal, and `--yes` alone when there is none (scripts). */
function terminalIo(): DockerIo {
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    async confirm(q) {
      if (!process.stdin.isTTY) return true;
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return new RegExp(`^${say('cli.docker.yes')}$`, 'i').test((await rl.question(q)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
