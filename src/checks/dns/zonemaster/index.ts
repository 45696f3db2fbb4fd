import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import type { Status } from '../../../core/status.js';
import { worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { type DomainSpec, domainSpecs, Options, type ZonemasterOptions, zonemasterArgv } from './options.js';
import { actionable, findingKey, findingText, parseZonemaster, type ZmMessage } from './parse.js';

const STATUS: Record<string, Status> = { CRITICAL: 'CRIT', ERROR: 'CRIT', WARNING: 'WARN' };

export interface DomainResult {
  domain: string;
  status: Status;
  /** Why it could not be tested (UNKNOWN). */
  problem?: string;
  findings: (Pick<ZmMessage, 'level' | 'module' | 'tag' | 'args'> & {
    text: string;
    key: string;
    isNew: boolean;
  })[];
}

function known(previous: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const ds = (previous as { domains?: unknown } | undefined)?.domains;
  if (!Array.isArray(ds)) return out;
  for (const d of ds as Partial<DomainResult>[])
    if (typeof d?.domain === 'string' && Array.isArray(d.findings))
      out.set(
        d.domain,
        new Set(d.findings.map((f) => f?.key).filter((k): k is string => typeof k === 'string')),
      );
  return out;
}

export function judgeDomain(
  d: DomainSpec,
  out: CommandResult | undefined,
  before: Set<string> | undefined,
): DomainResult {
  const fail = (problem: string): DomainResult => ({
    domain: d.domain,
    status: 'UNKNOWN',
    problem,
    findings: [],
  });
  if (!out) return fail('zonemaster-cli did not run');
  if (out.exitCode === EXIT_NOT_FOUND)
    return fail('zonemaster-cli is not installed on the target (apt-get install zonemaster-cli)');
  if (out.timedOut) return fail('zonemaster-cli did not finish within the timeout (raise options.timeout)');
  if (out.error) return fail(`zonemaster-cli did not complete: ${out.error}`);
  const ms = parseZonemaster(out.stdout);
  if (ms === null)
    return fail(
      `zonemaster-cli's output is not JSON${out.stderr.trim() ? `: ${out.stderr.trim().split('\n')[0]}` : ''}`,
    );
  const findings = actionable(ms).map((m) => {
    const key = findingKey(m);
    return {
      level: m.level,
      module: m.module,
      tag: m.tag,
      args: m.args,
      text: findingText(m),
      key,
      isNew: before !== undefined && !before.has(key),
    };
  });
  return { domain: d.domain, status: worst(findings.map((f) => STATUS[f.level] ?? 'OK')), findings };
}

export function evaluateZonemaster(
  outputs: readonly CommandResult[],
  o: ZonemasterOptions,
  previous?: unknown,
  lang: Lang = 'en',
): CheckOutcome {
  const before = known(previous);
  const hadPrevious =
    before.size > 0 || Array.isArray((previous as { domains?: unknown } | undefined)?.domains);
  const domains = domainSpecs(o).map((d, i) => judgeDomain(d, outputs[i], before.get(d.domain)));
  const status = worst(domains.map((d) => d.status));
  const all = domains.flatMap((d) => [
    ...(d.problem
      ? [{ line: t(lang, 'dns.zonemaster.line', { domain: d.domain, text: d.problem }), isNew: false }]
      : []),
    ...d.findings.map((f) => ({
      line: t(lang, 'dns.zonemaster.line', { domain: d.domain, text: f.text }),
      isNew: f.isNew,
    })),
  ]);
  const fresh = all.filter((f) => f.isNew);
  // What is new is said first; the rest is known since the previous run.
  const reasons = [
    ...fresh.map((f) => t(lang, 'dns.zonemaster.new', { line: f.line })),
    ...all.filter((f) => !f.isNew).map((f) => f.line),
  ];
  let summary: string;
  if (status === 'OK')
    summary = t(lang, 'dns.zonemaster.ok', { domains: domains.map((d) => d.domain).join(', ') });
  else if (!hadPrevious)
    summary = t(lang, 'dns.zonemaster.first', { n: all.length, first: reasons[0] ?? '' });
  else if (fresh.length)
    summary = t(lang, 'dns.zonemaster.fresh', {
      k: fresh.length,
      line: fresh[0]!.line,
      known: all.length - fresh.length,
    });
  else summary = t(lang, 'dns.zonemaster.nothingNew', { n: all.length, first: reasons[0] ?? '' });
  return { status, summary, reasons, details: { domains, new: fresh.length } };
}

export const dnsZonemaster = defineCheck({
  id: 'dns.zonemaster',
  title: 'Zonemaster test of DNS zones',
  options: Options,
  zeroConfig: false,
  required: ['domains'],
  // A full test takes minutes and asks many servers: once a day is plenty.
  intervalSec: 86_400,
  timeoutSec: 1800,
  commands: (o) =>
    domainSpecs(o).map((d) => ({
      argv: zonemasterArgv(d, o),
      timeoutSec: Math.ceil(o.timeout),
      maxOutputBytes: 4 << 20,
    })),
  evaluate: (ctx) => evaluateZonemaster(ctx.outputs, ctx.options, ctx.previous?.details, ctx.lang),
});
