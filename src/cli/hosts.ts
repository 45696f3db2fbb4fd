import { Command, InvalidArgumentError } from 'commander';
import { effectiveHosts, selectHosts } from '../config/load.js';
import { planRound } from '../config/plan.js';
import { EXIT_CODE } from '../core/status.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_USAGE } from './errors.js';
import { fleetPool, type HostReport, probeHosts, reportStatus, worstReport } from './hosts-probe.js';
import { askTerminal, trustHost } from './hosts-trust.js';
import { say } from './lang.js';
import { assertHostSelectors, nameBook } from './names.js';
import { paint, STATUS_STYLE, useColor } from './style.js';

export const HOSTS_OUTPUT_VERSION = 1;

interface ListOptions {
  json: boolean;
  color: boolean;
  connect: boolean;
  timeout?: number;
}

interface TrustCliOptions {
  yes: boolean;
  fingerprint?: string;
  replace: boolean;
  timeout?: number;
}

export function hostsCommand(globals: () => GlobalOptions): Command {
  const cmd = new Command('hosts')
    .summary(say('cli.hosts.help.summary'))
    .description(say('cli.hosts.help.description'))
    .argument('[hosts...]', say('cli.hosts.help.selectors'))
    .option('--json', say('cli.hosts.help.json'), false)
    .option('--no-connect', say('cli.hosts.help.noConnect'))
    .option('--timeout <seconds>', say('cli.hosts.help.timeout'), seconds)
    .option('--no-color', say('cli.hosts.help.noColor'))
    .addHelpText('after', say('cli.hosts.help.examples'))
    .action(async (selectors: string[], opts: ListOptions) => {
      process.exitCode = await listHosts(await loadContext(globals()), selectors, opts);
    });
  cmd
    .command('trust')
    .summary(say('cli.hosts.help.trust.summary'))
    .description(say('cli.hosts.help.trust.description'))
    .argument('<name>', say('cli.hosts.help.trust.name'))
    .exitOverride()
    .option('-y, --yes', say('cli.hosts.help.trust.yes'), false)
    .option('--fingerprint <SHA256:…>', say('cli.hosts.help.trust.fingerprint'))
    .option('--replace', say('cli.hosts.help.trust.replace'), false)
    .option('--timeout <seconds>', say('cli.hosts.help.trust.timeout'), seconds)
    .action(async (name: string, opts: TrustCliOptions) => {
      const ctx = await loadContext(globals());
      const tty = Boolean(process.stdin.isTTY);
      process.exitCode = await trustHost(ctx.config, ctx.stateDir, name, opts, {
        write: (s) => process.stdout.write(s),
        ...(tty ? { confirm: askTerminal } : {}),
      });
    });
  return cmd;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 600) throw new InvalidArgumentError(say('cli.hosts.seconds'));
  return n;
}

export async function listHosts(ctx: CliContext, selectors: string[], opts: ListOptions): Promise<number> {
  assertHostSelectors(nameBook(ctx.config, ctx.registry), selectors);
  const hosts = selectHosts(selectors, effectiveHosts(ctx.config));
  if (hosts.length === 0) throw new CliError(say('cli.hosts.noMatch'), EX_USAGE);
  const pool = fleetPool(ctx.config, ctx.stateDir, opts.timeout);
  let reports: HostReport[];
  try {
    reports = await probeHosts(hosts, ctx.config, pool, {
      probe: opts.connect,
      apiOnly: apiOnlyHosts(ctx),
      ...(opts.timeout !== undefined ? { timeoutSec: opts.timeout } : {}),
    });
  } finally {
    await pool.close();
  }
  const status = worstReport(reports);
  const exitCode = EXIT_CODE[status];
  if (opts.json) {
    const doc = { version: HOSTS_OUTPUT_VERSION, status, exitCode, config: ctx.configPath, hosts: reports };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    process.stdout.write(renderHosts(reports, opts.color && useColor(process.stdout), opts.connect));
  }
  return exitCode;
}

/**
 * Hosts on which every configured check talks to an API (Proxmox, HTTP) and
 * runs no command: ronde never logs in to them, so SSH is not their state.
 */
export function apiOnlyHosts(ctx: Pick<CliContext, 'config' | 'registry'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { host, checks } of planRound(ctx.config, ctx.registry, { hosts: [], checks: [] })) {
    const commandless = checks.every((c) => {
      try {
        return c.kind.commands(c.options).length === 0;
      } catch {
        return false; // a kind that cannot plan its commands is judged by the round, not here
      }
    });
    if (!host.local && commandless) out.set(host.name, [...new Set(checks.map((c) => c.kind.id))]);
  }
  return out;
}

const HEADERS = ['name', 'address', 'transport', 'tags', 'login', 'jump', 'state'] as const;

/** A table, one host a line; warnings and the full reason of a failure under it. */
export function renderHosts(reports: readonly HostReport[], color: boolean, probed = true): string {
  const rows = reports.map((r) => [
    r.name,
    r.address,
    r.transport,
    r.tags.join(',') || '-',
    r.login ?? '-',
    r.jump.join(',') || '-',
    r.state,
  ]);
  const heads = HEADERS.map((h) => say(`cli.hosts.head.${h}`));
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(heads)];
  reports.forEach((r, i) => {
    const cells = rows[i]!;
    const st = reportStatus(r);
    out.push(
      line([...cells.slice(0, -1), st === 'OK' ? cells[6]! : paint(color, STATUS_STYLE[st], cells[6]!)]),
    );
    for (const w of r.warnings) out.push(`    ${say('cli.hosts.warning', { warning: w })}`);
    if (r.message && r.reachability !== 'unreachable') out.push(`    ${r.message}`);
  });
  const bad = reports.filter((r) => reportStatus(r) !== 'OK');
  const api = reports.filter((r) => r.reachability === 'api-only').length;
  out.push('');
  out.push(
    !probed
      ? say('cli.hosts.notContacted', { n: reports.length })
      : bad.length === 0
        ? say('cli.hosts.allReachable', { n: reports.length, api })
        : say('cli.hosts.notReachable', { n: reports.length, bad: bad.length }) +
          (bad.some((r) => r.reachability === 'hostkey-unknown') ? say('cli.hosts.trustHint') : ''),
  );
  return `${out.join('\n')}\n`;
}
