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
import { applyPrune, planPrune, renderPlan } from './docker-prune.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang } from './lang.js';
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
  const cmd = new Command('docker').summary('approve what runs on a Docker host, clean it safely');
  cmd
    .command('approve')
    .description(
      'Records the Compose services running on HOST now as what must run (docker.services uses it when no `expected` is declared).',
    )
    .argument('<host>', 'inventory host name')
    .exitOverride()
    .action(async (host: string) => {
      process.exitCode = await dockerApprove(await loadContext(globals()), host, terminalIo());
    });
  cmd
    .command('prune')
    .description(
      'Lists (dry run) or removes dangling images and unused build cache on HOST; refused while an expected service is down.',
    )
    .argument('<host>', 'inventory host name')
    .option('--yes', 'remove (default: dry run)', false)
    .option('--unused-images', 'also tagged images no container uses (they are rollback points)', false)
    .option('--volumes', 'also unused anonymous volumes without Compose labels (asks to confirm)', false)
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
          `${host.name}: no Docker engine here: no socket at ${socketPath(docker)}. ` +
            'Is Docker installed on it? (Another socket: `docker: { socket: PATH }` in its docker.* check.)',
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
      `${host.name}: approved ${services.length} running Compose service(s): ${services.join(', ') || '(none)'}`,
    );
    if (gone.length > 0) io.out(`no longer expected: ${gone.join(', ')}`);
    // docker.services reads the config's list first: the approval is kept, but unused while it is there.
    if (declared.length > 0)
      io.out(
        `warning: ${host.name}'s docker.services declares \`expected:\` in the configuration ` +
          `(${declared.join(', ')}); it overrides this approval, which applies only once \`expected:\` is removed`,
      );
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
  if (expected.length === 0)
    throw new CliError(
      `${name}: refused: no expected services known, so ronde cannot tell whether everything that should run is running. ` +
        `Run \`ronde docker approve ${name}\` (or declare docker.services expected) first.`,
      EX_REFUSED,
    );
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
        `${host.name}: refused while expected services are down:\n${down.map((d) => `  ${d.why}`).join('\n')}`,
        EX_REFUSED,
      );
    const plan = await planPrune(api, { unusedImages: opts.unusedImages, volumes: opts.volumes });
    if (opts.unusedImages && plan.items.some((i) => i.kind === 'unused image'))
      io.out(
        'note: unused tagged images are rollback points: after removing them, going back needs a pull or a rebuild',
      );
    const dryRun = !opts.yes;
    io.out(renderPlan(plan, host.name, dryRun));
    if (dryRun || plan.items.length === 0) return 0;
    const vols = plan.items.filter((i) => i.kind === 'anonymous volume');
    if (
      vols.length > 0 &&
      !(await io.confirm(`remove ${vols.length} anonymous volume(s) and their data? [y/N] `))
    ) {
      io.out('not confirmed: nothing removed');
      return EX_REFUSED;
    }
    const result = await applyPrune(api, plan);
    for (const f of result.failed) io.out(`  not removed: ${f.item.kind} ${f.item.name}: ${f.error}`);
    io.out(
      `${host.name}: removed ${result.removed.length} item(s), freed about ${(result.freed / 2 ** 20).toFixed(1)} MiB`,
    );
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
        return /^y(es)?$/i.test((await rl.question(q)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
