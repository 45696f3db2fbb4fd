import { z } from 'zod';
import type { CheckOutcome } from '../../../core/check.js';
import { defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { type Status, worst } from '../../../core/status.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { nodeExporterOption, readNodeExporter } from '../../_shared/node-exporter.js';
import { judgeAptMetrics } from './metrics.js';
import {
  isSecurityArchive,
  type ListStamps,
  parseDpkgHolds,
  parseListStamps,
  parseUpgradable,
} from './parse.js';

const DURATION = /^(\d+(?:\.\d+)?)\s*([smhdw])$/;
const UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A number is days; a string is `<n><s|m|h|d|w>` ("7d", "36h"). */
export function durationSec(v: number | string): number {
  if (typeof v === 'number') return v * 86400;
  const m = DURATION.exec(v.trim());
  return m ? Number(m[1]) * (UNIT_SEC[m[2] ?? 'd'] ?? 86400) : Number.NaN;
}

export const aptPendingOptions = z
  .object({
    security: z
      .enum(['CRIT', 'WARN'])
      .default('CRIT')
      .describe('Status when security upgrades are pending: `CRIT` or `WARN`.'),
    pending: z
      .enum(['WARN', 'OK', 'CRIT'])
      .default('WARN')
      .describe('Status when any other upgrade is pending: `WARN`, `OK` or `CRIT`.'),
    max_list_age: z
      .union([
        z.number().positive(),
        z.string().regex(DURATION, 'a duration such as "7d", "36h" or a number of days'),
      ])
      .default('7d')
      .describe(
        'Package lists older than this are WARN (ronde never runs apt update): a number of days, or `36h`, `7d`.',
      ),
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe('Package-name globs left out of the counts, e.g. `linux-image-*`.'),
    node_exporter: nodeExporterOption,
  })
  .strict();
export type AptPendingOptions = z.output<typeof aptPendingOptions>;

export interface PendingPackage {
  name: string;
  arch: string;
  from: string;
  to: string;
  archives: string[];
  security: boolean;
  held: boolean;
  phased: boolean;
  ignored: boolean;
}

export interface AptFacts {
  packages: PendingPackage[];
  unparsed: string[];
  stamps: ListStamps;
  /** Package lines dpkg-query printed; 0 while apt lists upgrades means the holds are unknown. */
  dpkgPackages: number;
}

function globRe(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}

/** `list`: `apt list --upgradable`; `dpkg`: `dpkg-query -W -f '${Status} ${binary:Package}\n'`. */
export function collectFacts(
  list: string,
  dpkg: string,
  stamps: string,
  ignore: readonly string[] = [],
): AptFacts {
  const parsed = parseUpgradable(list);
  const { held, packages: dpkgPackages } = parseDpkgHolds(dpkg);
  const ignores = ignore.map(globRe);
  const packages = parsed.packages.map((p) => ({
    name: p.name,
    arch: p.arch,
    from: p.from,
    to: p.to,
    archives: p.archives,
    security: p.archives.some(isSecurityArchive),
    held: held.has(p.name) || held.has(`${p.name}:${p.arch}`),
    // apt 2.6 hides phased versions from the candidate entirely; newer apt may say so in the brackets.
    phased: /phas/i.test(p.notes),
    ignored: ignores.some((re) => re.test(p.name)),
  }));
  return { packages, unparsed: parsed.unparsed, stamps: parseListStamps(stamps), dpkgPackages };
}

/** Counting rules of check_apt: held and phased packages are not installable by an upgrade, so not counted. */
export function judge(facts: AptFacts, options: AptPendingOptions, now: Date, lang: Lang): CheckOutcome {
  if (facts.unparsed.length > 0) {
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'apt.pending.unparsed', {
        lines: t(lang, 'check.unknownLines', { n: facts.unparsed.length }),
      }),
      reasons: facts.unparsed
        .slice(0, 3)
        .map((l) => t(lang, 'check.unexpectedLine', { line: l.slice(0, 200) })),
    };
  }
  // Every upgradable package is installed, so dpkg knows it: no line at all means we cannot tell holds.
  if (facts.packages.length > 0 && facts.dpkgPackages === 0) {
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'apt.pending.noDpkg'),
      reasons: [t(lang, 'apt.pending.noDpkg.reason', { n: facts.packages.length })],
    };
  }
  const counted = facts.packages.filter((p) => !p.held && !p.phased && !p.ignored);
  const security = counted.filter((p) => p.security);
  const held = facts.packages.filter((p) => p.held);
  const phased = facts.packages.filter((p) => p.phased && !p.held);
  const statuses: Status[] = [];
  const reasons: string[] = [];
  if (security.length > 0) {
    statuses.push(options.security);
    reasons.push(t(lang, 'apt.pending.security', { n: security.length, names: names(lang, security) }));
  }
  if (counted.length > 0) {
    statuses.push(options.pending);
    if (counted.length > security.length)
      reasons.push(t(lang, 'apt.pending.pending', { n: counted.length, names: names(lang, counted) }));
  }
  const maxAge = durationSec(options.max_list_age);
  const age = facts.stamps.newest === null ? null : Math.max(0, now.getTime() / 1000 - facts.stamps.newest);
  if (facts.stamps.releaseFiles === 0 || age === null) {
    statuses.push('WARN');
    reasons.push(t(lang, 'apt.pending.noLists'));
  } else if (age > maxAge) {
    statuses.push('WARN');
    reasons.push(t(lang, 'apt.pending.listsOld', { age: duration(lang, age) }));
  }
  const status = worst(statuses);
  const summary = t(lang, 'apt.pending.summary', {
    pending: counted.length,
    security: security.length,
    held: held.length,
    phased: phased.length,
    lists: age === null ? '' : duration(lang, age),
  });
  // Time alone makes fresh lists stale: a reused outcome must not outlive that.
  const staleAt = facts.stamps.newest === null ? null : (facts.stamps.newest + maxAge) * 1000;
  return {
    status,
    summary,
    ...(status === 'OK' ? {} : { reasons }),
    ...(staleAt !== null && staleAt > now.getTime() ? { validUntil: new Date(staleAt).toISOString() } : {}),
    details: {
      pending: counted.length,
      security: security.length,
      held: held.map((p) => p.name),
      phased: phased.map((p) => p.name),
      ignored: facts.packages.filter((p) => p.ignored).map((p) => p.name),
      listsAgeSec: age === null ? null : Math.round(age),
      listsRefreshedAt:
        facts.stamps.newest === null ? null : new Date(facts.stamps.newest * 1000).toISOString(),
      packages: facts.packages,
    },
  };
}

function names(lang: Lang, ps: readonly PendingPackage[]): string {
  const list = ps.slice(0, 10).map((p) => `${p.name} ${p.from} → ${p.to}`);
  return list.join(', ') + (ps.length > 10 ? `, ${t(lang, 'check.more', { n: ps.length - 10 })}` : '');
}

/** `absentIsNoApt`: only a missing `apt` makes the check not applicable; a missing dpkg-query on a machine with apt is UNKNOWN. */
function failure(
  lang: Lang,
  r: CommandResult | undefined,
  what: string,
  absentIsNoApt = false,
): CheckOutcome | null {
  if (!r)
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'check.noResult', { what }),
      reasons: [t(lang, 'check.noResult', { what })],
    };
  if (r.exitCode === EXIT_NOT_FOUND && absentIsNoApt) {
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'apt.pending.notInstalled'),
      reasons: [t(lang, 'check.failedWith', { what, why: t(lang, 'check.why.notFound') })],
      notApplicable: true,
    };
  }
  if (r.exitCode !== 0 || r.timedOut || r.truncated) {
    const why =
      r.error ??
      (r.timedOut
        ? t(lang, 'check.why.timedOut')
        : r.truncated
          ? t(lang, 'check.why.truncated')
          : r.exitCode === EXIT_NOT_FOUND
            ? t(lang, 'check.why.notFound')
            : t(lang, 'check.why.exit', { code: r.exitCode }));
    const err = r.stderr.split('\n').find((l) => /^E: /.test(l)) ?? r.stderr.trim().split('\n')[0] ?? '';
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'check.failed', { what, why }),
      reasons: [t(lang, 'check.failedWith', { what, why: `${why}${err ? `: ${err}` : ''}` })],
    };
  }
  return null;
}

// Newest of: lists/partial (touched by every apt update), *Release files, the apt-daily stamp.
const STAMPS_ARGV = [
  ...'find /var/lib/apt/lists /var/lib/apt/periodic -maxdepth 1 ( -name partial -o -name *Release -o -name update-success-stamp ) -printf'.split(
    ' ',
  ),
  '%T@ %p\\n',
];

// dpkg-query expands `\n` in its format itself: the argument is backslash-n, not a newline.
const DPKG_ARGV = ['dpkg-query', '-W', '-f', '${Status} ${binary:Package}\\n'];

export const aptPending = defineCheck({
  id: 'apt.pending',
  title: 'Pending apt upgrades',
  options: aptPendingOptions,
  zeroConfig: true,
  timeoutSec: 90,
  // With node_exporter, the host's metrics are read over HTTP: no command runs there.
  commands: (o) =>
    o.node_exporter
      ? []
      : [
          { argv: ['apt', 'list', '--upgradable'], timeoutSec: 60, maxOutputBytes: 4 << 20 },
          // Not `apt-mark showhold`: it builds apt's whole cache (~0.9 s CPU per host) to print a few names;
          // dpkg-query reads /var/lib/dpkg/status (~0.03 s). Held = selection state ("want") `hold`.
          { argv: DPKG_ARGV, timeoutSec: 30, maxOutputBytes: 4 << 20 },
          { argv: STAMPS_ARGV, timeoutSec: 15 },
        ],
  // dpkg's status changes on every install, hold or removal; the lists directory and
  // its partial/ on every `apt update`: unchanged, the answer cannot have changed.
  stampPaths: (o) =>
    o.node_exporter
      ? undefined
      : [
          '/var/lib/dpkg/status',
          '/var/lib/apt/lists',
          '/var/lib/apt/lists/partial',
          // Pins change the candidates without touching the lists.
          '/etc/apt/preferences',
          '/etc/apt/preferences.d',
        ],
  stampPublic: true,
  reuseForSec: 3600,
  async evaluate(ctx) {
    const o = ctx.options;
    if (o.node_exporter) {
      const got = await readNodeExporter(o.node_exporter, ctx.target.name, ctx.signal, ctx.lang);
      if ('error' in got) return unknown(got.error);
      const rules = { security: o.security, pending: o.pending, maxListAgeSec: durationSec(o.max_list_age) };
      return judgeAptMetrics(got.metrics, got.url, rules, ctx.now, ctx.lang);
    }
    try {
      const [list, dpkg, stamps] = ctx.outputs;
      const bad =
        failure(ctx.lang, list, 'apt list --upgradable', true) ?? failure(ctx.lang, dpkg, 'dpkg-query -W');
      if (bad) return bad;
      // find exits 1 when /var/lib/apt/periodic does not exist: what it printed is still true.
      const facts = collectFacts(
        list?.stdout ?? '',
        dpkg?.stdout ?? '',
        stamps?.stdout ?? '',
        ctx.options.ignore,
      );
      return judge(facts, ctx.options, ctx.now, ctx.lang);
    } catch (err) {
      return {
        status: 'UNKNOWN',
        summary: t(ctx.lang, 'check.internal', { kind: 'apt.pending' }),
        reasons: [t(ctx.lang, 'check.internalError', { error: String(err) })],
      };
    }
  },
});
