import type { CheckResult } from '../core/check.js';
import { STATUSES, type Status } from '../core/status.js';
import { say } from './lang.js';
import { paint, STATUS_STYLE } from './style.js';

export interface TargetResults {
  name: string;
  transport: 'local' | 'ssh';
  results: CheckResult[];
}

export interface RenderOptions {
  color: boolean;
  verbose: boolean;
}

/** Human output: results grouped by host, one line each, details with -v. */
export function renderText(targets: readonly TargetResults[], opts: RenderOptions): string {
  const lines: string[] = [];
  const width = Math.max(8, ...targets.flatMap((t) => t.results.map((r) => r.check.length)));
  for (const t of targets) {
    lines.push(paint(opts.color, 'bold', `${t.name}${t.transport === 'ssh' ? '' : say('cli.check.local')}`));
    for (const r of t.results) {
      const label = r.notApplicable
        ? paint(opts.color, 'dim', say('cli.check.na').padEnd(7))
        : statusLabel(r.status, opts.color);
      const text = r.notApplicable ? paint(opts.color, 'dim', r.summary) : r.summary;
      lines.push(`  ${label} ${r.check.padEnd(width)}  ${text}`);
      if (opts.verbose) lines.push(...verbose(r, opts.color));
    }
  }
  return lines.join('\n');
}

function statusLabel(s: Status, color: boolean): string {
  return paint(color, STATUS_STYLE[s], s.padEnd(7));
}

function verbose(r: CheckResult, color: boolean): string[] {
  const pad = '            ';
  const out = (r.reasons ?? []).filter((x) => x !== r.summary).map((x) => `${pad}- ${x}`);
  for (const [k, v] of Object.entries(r.details ?? {})) out.push(...detailLines(pad, k, v));
  if (r.evidence.length > 0)
    out.push(paint(color, 'dim', `${pad}${say('cli.check.ranIn', { ms: r.durationMs })}`));
  for (const e of r.evidence) {
    const code = e.timedOut
      ? say('cli.check.timedOut')
      : e.exitCode === null
        ? say('cli.check.didNotFinish')
        : say('cli.check.exit', { code: e.exitCode });
    out.push(paint(color, 'dim', `${pad}$ ${e.command}  (${code})`));
  }
  return out;
}

const MAX_ITEMS = 10;

/** A fact as a person reads it: scalars inline, lists of records one per line (capped). */
function detailLines(pad: string, key: string, v: unknown): string[] {
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object')) {
    const lines = [`${pad}${key}: ${v.length}`];
    for (const item of v.slice(0, MAX_ITEMS)) {
      const fields = Object.entries(item as Record<string, unknown>)
        .filter(
          ([, x]) => x !== false && x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0),
        )
        .map(([k, x]) => `${k}=${typeof x === 'string' ? x : JSON.stringify(x)}`);
      lines.push(`${pad}  - ${brief(fields.join(' '))}`);
    }
    if (v.length > MAX_ITEMS) lines.push(`${pad}  ${say('cli.check.more', { n: v.length - MAX_ITEMS })}`);
    return lines;
  }
  return [`${pad}${key}: ${brief(v)}`];
}

function brief(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export interface Counts {
  OK: number;
  WARN: number;
  CRIT: number;
  UNKNOWN: number;
  NOT_APPLICABLE: number;
}

export function countResults(results: readonly CheckResult[]): Counts {
  const c: Counts = { OK: 0, WARN: 0, CRIT: 0, UNKNOWN: 0, NOT_APPLICABLE: 0 };
  for (const r of results) {
    if (r.notApplicable) c.NOT_APPLICABLE++;
    else c[r.status]++;
  }
  return c;
}

export function summaryLine(counts: Counts, worstStatus: Status, color: boolean, extra = ''): string {
  const parts = [...STATUSES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => paint(color, STATUS_STYLE[s], `${counts[s]} ${s}`));
  if (counts.NOT_APPLICABLE) parts.push(say('cli.check.notApplicable', { n: counts.NOT_APPLICABLE }));
  return `${worstStatus}: ${parts.join(', ') || say('cli.check.noChecks')}${extra}`;
}
