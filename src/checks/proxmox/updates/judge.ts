import type { AptPackage } from '../../../clients/proxmox/apt-schema.js';
import { ProxmoxError } from '../../../clients/proxmox/errors.js';
import type { CheckOutcome } from '../../../core/check.js';
import { errorSaid, type Sayable } from '../../../core/said.js';
import { type Status, severity, worst } from '../../../core/status.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { type ChangelogEntry, mentionsSecurity } from './changelog.js';

/** What was read of one node; a part that could not be read holds why. */
export interface NodeFacts {
  node: string;
  online: boolean;
  versions: AptPackage[] | { error: string };
  /** Pending upgrades; `denied`: the token lacks Sys.Modify. */
  updates: AptPackage[] | { error: string } | 'denied';
  /** End of the newest successful `aptupdate` task (unix seconds), when the task list shows one. */
  indexRefreshedAt: number | null;
  /** Package → its changelog entries between installed and candidate, or why they are missing. */
  changelogs: Record<string, ChangelogEntry[] | { error: string }>;
}

export interface UpdatesRules {
  security: Status;
  pending: Status;
  skew: Status;
  maxIndexAgeSec: number;
}

const KERNEL = /^(proxmox|pve)-kernel-|^proxmox-default-kernel$|^pve-firmware$/;
const isErr = (x: unknown): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;
/**
 * Why a part could not be read: `error`, the English kept in details; the
 * error's words, not enumerable (out of details), for the judge to say them
 * in the team's language.
 */
export const reason = (err: unknown): { error: string } => {
  const r = { error: err instanceof ProxmoxError ? err.message : String(err) };
  return Object.defineProperty(r, 'said', { value: errorSaid(err), enumerable: false });
};

/** A part's failure in `lang`: its words when the reader kept them (not in details), its English otherwise. */
const why = (lang: Lang, x: { error: string }): string => (x as Sayable).said?.say(lang) ?? x.error;

export type PendingClass = 'security' | 'proxmox' | 'kernel' | 'other';

/** Security: the origin names a security archive, or the changelog read names a CVE or high urgency. */
export function classify(p: AptPackage, changelog?: ChangelogEntry[] | { error: string }): PendingClass[] {
  const out: PendingClass[] = [];
  if (/security/i.test(p.Origin ?? '') || (changelog && !isErr(changelog) && mentionsSecurity(changelog)))
    out.push('security');
  if (KERNEL.test(p.Package)) out.push('kernel');
  if (p.Origin === 'Proxmox') out.push('proxmox');
  return out.length > 0 ? out : ['other'];
}

function installed(versions: AptPackage[], name: string): string | null {
  const p = versions.find((v) => v.Package === name);
  return p ? (p.OldVersion ?? p.Version) : null;
}

function names(ps: readonly AptPackage[], lang: Lang): string {
  const list = ps
    .slice(0, 8)
    .map((p) => `${p.Package} ${p.OldVersion ?? t(lang, 'proxmox.updates.new')} → ${p.Version}`);
  return list.join(', ') + (ps.length > 8 ? `, … (+${ps.length - 8})` : '');
}

type Finding = [Status, string];

function judgeNode(n: NodeFacts, r: UpdatesRules, lang: Lang, now: number, out: Finding[]) {
  if (!n.online) return void out.push(['UNKNOWN', t(lang, 'proxmox.updates.offline', { node: n.node })]);
  if (isErr(n.versions))
    out.push(['UNKNOWN', t(lang, 'proxmox.updates.unread', { node: n.node, error: why(lang, n.versions) })]);
  if (n.updates === 'denied') out.push(['UNKNOWN', t(lang, 'proxmox.updates.noSysModify', { node: n.node })]);
  else if (isErr(n.updates))
    out.push(['UNKNOWN', t(lang, 'proxmox.updates.unread', { node: n.node, error: why(lang, n.updates) })]);
  else {
    const classes = n.updates.map((p) => [p, classify(p, n.changelogs[p.Package])] as const);
    const security = classes.filter(([, c]) => c.includes('security')).map(([p]) => p);
    if (security.length > 0)
      out.push([
        r.security,
        t(lang, 'proxmox.updates.security', {
          node: n.node,
          n: security.length,
          names: names(security, lang),
        }),
      ]);
    if (n.updates.length > 0)
      out.push([
        r.pending,
        t(lang, 'proxmox.updates.pending', {
          node: n.node,
          n: n.updates.length,
          proxmox: classes.filter(([, c]) => c.includes('proxmox')).length,
          kernel: classes.filter(([, c]) => c.includes('kernel')).length,
          names: names(n.updates, lang),
        }),
      ]);
    for (const p of n.updates) {
      const log = n.changelogs[p.Package];
      if (!log) continue;
      if (isErr(log))
        out.push([
          'OK',
          t(lang, 'proxmox.updates.noChangelog', { pkg: p.Package, to: p.Version, error: why(lang, log) }),
        ]);
      else if (log.length > 0)
        out.push([
          'OK',
          t(lang, 'proxmox.updates.changes', {
            pkg: p.Package,
            from: p.OldVersion ?? '',
            to: p.Version,
            items: log.flatMap((e) => e.items).join('; '),
          }),
        ]);
    }
  }
  if (n.indexRefreshedAt !== null && now - n.indexRefreshedAt > r.maxIndexAgeSec)
    out.push([
      'WARN',
      t(lang, 'proxmox.updates.indexOld', { node: n.node, age: duration(lang, now - n.indexRefreshedAt) }),
    ]);
}

/** Versions per node of a package (or the running kernel), when they differ. */
function skew(nodes: readonly NodeFacts[], of: (v: AptPackage[]) => string | null): string | null {
  const seen = nodes
    .filter((n) => n.online && !isErr(n.versions))
    .map((n) => [n.node, of(n.versions as AptPackage[])] as const)
    .filter((x): x is readonly [string, string] => x[1] !== null);
  if (new Set(seen.map(([, v]) => v)).size <= 1) return null;
  return seen.map(([n, v]) => `${n} ${v}`).join(', ');
}

const running = (v: AptPackage[]) => v.find((p) => p.Package === 'proxmox-ve')?.RunningKernel ?? null;

export function judgeUpdates(
  nodes: readonly NodeFacts[],
  r: UpdatesRules,
  lang: Lang,
  nowDate: Date,
): CheckOutcome {
  const now = nowDate.getTime() / 1000;
  const out: Finding[] = [];
  if (nodes.length === 0) out.push(['UNKNOWN', t(lang, 'proxmox.updates.noNode')]);
  for (const n of nodes) judgeNode(n, r, lang, now, out);
  // A node whose index was not refreshed lists nothing pending: only the comparison shows it behind.
  const manager = skew(nodes, (v) => installed(v, 'pve-manager'));
  if (manager)
    out.push([r.skew, t(lang, 'proxmox.updates.skew', { what: 'pve-manager', versions: manager })]);
  const kernel = skew(nodes, running);
  if (kernel)
    out.push([
      r.skew,
      t(lang, 'proxmox.updates.skew', { what: t(lang, 'proxmox.updates.kernel'), versions: kernel }),
    ]);

  const problems = out.filter(([s]) => s !== 'OK').sort((a, b) => severity(b[0]) - severity(a[0]));
  const notes = out.filter(([s]) => s === 'OK').map(([, m]) => m);
  const status = worst(problems.map(([s]) => s));
  const details = {
    nodes: nodes.map((n) => ({
      node: n.node,
      online: n.online,
      pveManager: isErr(n.versions) ? null : installed(n.versions, 'pve-manager'),
      runningKernel: isErr(n.versions) ? null : running(n.versions),
      indexRefreshedAt:
        n.indexRefreshedAt === null ? null : new Date(n.indexRefreshedAt * 1000).toISOString(),
      pending: Array.isArray(n.updates)
        ? n.updates.map((p) => ({
            package: p.Package,
            from: p.OldVersion ?? null,
            to: p.Version,
            origin: p.Origin ?? null,
            classes: classify(p, n.changelogs[p.Package]),
          }))
        : null,
      changelogs: n.changelogs,
    })),
  };
  const reasons = [...problems.map(([, m]) => m), ...notes];
  if (problems.length === 0) {
    const first = details.nodes.find((n) => n.pveManager);
    const summary = t(lang, 'proxmox.updates.ok', {
      n: nodes.length,
      manager: first?.pveManager ?? '?',
      kernel: first?.runningKernel ?? '?',
    });
    return { status, summary, ...(notes.length ? { reasons: notes } : {}), details };
  }
  const more = problems.length > 2 ? ` ${t(lang, 'check.more', { n: problems.length - 2 })}` : '';
  return {
    status,
    summary:
      problems
        .slice(0, 2)
        .map(([, m]) => m)
        .join(t(lang, 'check.semicolon')) + more,
    reasons,
    details,
  };
}
