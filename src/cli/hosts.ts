import { Command, InvalidArgumentError } from 'commander';
import { effectiveHosts, selectHosts } from '../config/load.js';
import { planRound } from '../config/plan.js';
import { EXIT_CODE } from '../core/status.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { CliError, EX_USAGE } from './errors.js';
import { fleetPool, type HostReport, probeHosts, reportStatus, worstReport } from './hosts-probe.js';
import { askTerminal, trustHost } from './hosts-trust.js';
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
    .summary('list the inventory and whether ronde can log in to each host')
    .description(
      'One line per host: address, transport, tags, the login as resolved (inventory > ~/.ssh/config >\n' +
        'defaults), jump hosts, and whether ronde can log in: ok, unknown host key (SHA256:…),\n' +
        'HOST KEY CHANGED, auth failed (tried …) or unreachable (…). Hosts are tried in\n' +
        'parallel; nothing is run on them.\n\n' +
        'Exit code, as for `ronde check`: 0 every host reachable, 3 some host could not be\n' +
        'reached or logged in to, 2 a host key changed or is revoked; 64 usage, 78 configuration error.',
    )
    .argument('[hosts...]', 'host selectors: a name, tag:NAME, all, or !SELECTOR to exclude')
    .option('--json', 'print a JSON document { version, status, exitCode, hosts }', false)
    .option('--no-connect', 'only list the inventory, do not try to log in')
    .option(
      '--timeout <seconds>',
      'connection time limit per host (default: ConnectTimeout, else 5)',
      seconds,
    )
    .option('--no-color', 'no colours (also: NO_COLOR=1, or output not a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  ronde hosts\n  ronde hosts tag:web --json\n  ronde hosts trust web1 --fingerprint SHA256:…',
    )
    .action(async (selectors: string[], opts: ListOptions) => {
      process.exitCode = await listHosts(await loadContext(globals()), selectors, opts);
    });
  cmd
    .command('trust')
    .summary("record a host's key in ronde's known_hosts, after you checked it")
    .description(
      "Connects to the host (nothing is run), shows its host key's SHA256 fingerprint and, once\n" +
        "confirmed, appends it to ronde's own known_hosts (<state dir>/known_hosts). Compare the\n" +
        'fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` run on the host itself.\n' +
        'A changed key is refused unless --replace is given.\n\n' +
        'Exit code: 0 trusted (or already), 1 not trusted (refused, declined, fingerprint mismatch),\n' +
        '3 the host could not be reached, 64 usage (unknown host; no terminal without --yes or --fingerprint).',
    )
    .argument('<name>', 'inventory name of the host')
    .exitOverride()
    .option('-y, --yes', 'trust without asking (you checked the fingerprint some other way)', false)
    .option(
      '--fingerprint <SHA256:…>',
      'trust only if the key has this fingerprint (scripted, verified trust)',
    )
    .option('--replace', "replace a known key that changed (removes the old line from ronde's file)", false)
    .option('--timeout <seconds>', 'connection time limit (default: ConnectTimeout, else 5)', seconds)
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
  if (!Number.isInteger(n) || n < 1 || n > 600)
    throw new InvalidArgumentError('expected whole seconds, 1 to 600');
  return n;
}

export async function listHosts(ctx: CliContext, selectors: string[], opts: ListOptions): Promise<number> {
  assertHostSelectors(nameBook(ctx.config, ctx.registry), selectors);
  const hosts = selectHosts(selectors, effectiveHosts(ctx.config));
  if (hosts.length === 0) throw new CliError('no host matches the selection', EX_USAGE);
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

const HEADERS = ['NAME', 'ADDRESS', 'TRANSPORT', 'TAGS', 'LOGIN', 'JUMP', 'STATE'] as const;

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
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(HEADERS)];
  reports.forEach((r, i) => {
    const cells = rows[i]!;
    const st = reportStatus(r);
    out.push(
      line([...cells.slice(0, -1), st === 'OK' ? cells[6]! : paint(color, STATUS_STYLE[st], cells[6]!)]),
    );
    for (const w of r.warnings) out.push(`    warning: ${w}`);
    if (r.message && r.reachability !== 'unreachable') out.push(`    ${r.message}`);
  });
  const bad = reports.filter((r) => reportStatus(r) !== 'OK');
  const api = reports.filter((r) => r.reachability === 'api-only').length;
  out.push('');
  out.push(
    !probed
      ? `${reports.length} host(s), not contacted (--no-connect)`
      : bad.length === 0
        ? `${reports.length} host(s), all reachable${api > 0 ? ` (${api} through an API only)` : ''}`
        : `${reports.length} host(s), ${bad.length} not reachable` +
          (bad.some((r) => r.reachability === 'hostkey-unknown')
            ? '; trust a host: ronde hosts trust NAME'
            : ''),
  );
  return `${out.join('\n')}\n`;
}
