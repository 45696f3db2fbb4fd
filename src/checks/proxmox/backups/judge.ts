import type { BackupInventory, StoredBackup } from '../../../clients/proxmox/backup-inventory.js';
import type { BackupJob, Guest } from '../../../clients/proxmox/schema.js';
import { formatSize } from '../../../config/size.js';
import type { CheckOutcome } from '../../../core/check.js';
import { median } from '../../../core/median.js';
import { type Status, severity, worst } from '../../../core/status.js';
import { age, type Lang, t } from '../../../i18n/index.js';

/** Thresholds of proxmox.backups, cadence in seconds. */
export interface BackupRules {
  cadenceSec: number;
  warnFactor: number;
  critFactor: number;
  sizeDropWarn: number;
  sizeDropCrit: number;
  ignoreVmids: readonly number[];
}

export interface GuestVerdict {
  vmid: number;
  name: string;
  node: string;
  type: string;
  status: Status;
  backups: number;
  newest: { volid: string; storage: string; ctime: string; size: number; verification?: string } | null;
  reasons: string[];
}

/** Does an enabled backup job cover this guest? (vzdump: `all` minus `exclude`, a vmid list, or a pool.) */
export function inAnyJob(g: Guest, jobs: readonly BackupJob[]): boolean {
  const list = (s: string | undefined) =>
    (s ?? '')
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
  return jobs.some((j) => {
    if (j.enabled === false) return false;
    if (j.all) return !list(j.exclude).includes(g.vmid) && (!j.node || j.node === g.node);
    if (list(j.vmid).includes(g.vmid)) return true;
    return j.pool !== undefined && j.pool === g.pool;
  });
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');

/** One guest's verdict: each problem found adds a reason at its level; the worst wins. */
export function judgeGuest(
  g: Guest,
  inv: BackupInventory,
  rules: BackupRules,
  now: Date,
  lang: Lang,
): GuestVerdict {
  const mine = inv.backups
    .filter((b): b is StoredBackup & { ctime: number } => b.vmid === g.vmid && b.ctime !== undefined)
    .sort((a, b) => b.ctime - a.ctime);
  const found: Array<[Status, string]> = [];
  const newest = mine[0];
  if (!newest) {
    // A storage we could not read may hold it: say so rather than claim there is none.
    const level: Status = inv.unreadable.length > 0 ? 'UNKNOWN' : 'CRIT';
    found.push([level, t(lang, 'proxmox.backups.none', { storages: inv.read.join(', ') })]);
  } else {
    const ageSec = now.getTime() / 1000 - newest.ctime;
    const old = t(lang, 'proxmox.backups.old', {
      age: age(lang, ageSec),
      at: iso(newest.ctime),
      cadence: age(lang, rules.cadenceSec),
    });
    if (ageSec > rules.cadenceSec * rules.critFactor) found.push(['CRIT', old]);
    else if (ageSec > rules.cadenceSec * rules.warnFactor) found.push(['WARN', old]);
    const previous = mine.slice(1).map((b) => b.size);
    if (newest.size === 0) found.push(['CRIT', t(lang, 'proxmox.backups.empty')]);
    else if (previous.length > 0) {
      const med = median(previous)!;
      const drop = med > 0 ? 1 - newest.size / med : 0;
      const msg = t(lang, 'proxmox.backups.smaller', {
        size: formatSize(newest.size),
        pct: Math.round(drop * 100),
        median: formatSize(med),
        n: previous.length,
      });
      if (drop >= rules.sizeDropCrit) found.push(['CRIT', msg]);
      else if (drop >= rules.sizeDropWarn) found.push(['WARN', msg]);
    }
    if (newest.verification?.state === 'failed')
      found.push(['CRIT', t(lang, 'proxmox.backups.verifyFailed', { volid: newest.volid })]);
  }
  // A failure stays a problem until a backup newer than it exists, not just for one round.
  const since = newest?.ctime ?? 0;
  for (const f of inv.failures.filter((x) => x.vmids.includes(g.vmid) && x.endtime > since))
    found.push([
      'CRIT',
      t(lang, 'proxmox.backups.vzdumpFailed', { at: iso(f.endtime), node: f.node, status: f.status }),
    ]);
  if (!inAnyJob(g, inv.jobs)) found.push(['WARN', t(lang, 'proxmox.backups.noJob')]);
  return {
    vmid: g.vmid,
    name: g.name ?? '',
    node: g.node,
    type: g.type,
    status: worst(found.map(([s]) => s)),
    backups: mine.length,
    newest: newest
      ? {
          volid: newest.volid,
          storage: newest.storage,
          ctime: iso(newest.ctime),
          size: newest.size,
          ...(newest.verification ? { verification: newest.verification.state } : {}),
        }
      : null,
    reasons: found.sort((a, b) => severity(b[0]) - severity(a[0])).map(([, r]) => r),
  };
}

/** One outcome for the cluster: per-guest details, the worst guests named in the summary. */
export function judgeBackups(inv: BackupInventory, rules: BackupRules, now: Date, lang: Lang): CheckOutcome {
  const ignored = inv.guests.filter((g) => rules.ignoreVmids.includes(g.vmid)).map((g) => g.vmid);
  const guests = inv.guests.filter((g) => !g.template && !rules.ignoreVmids.includes(g.vmid));
  const verdicts = guests.map((g) => judgeGuest(g, inv, rules, now, lang)).sort((a, b) => a.vmid - b.vmid);
  const reasons: string[] = [];
  const levels: Status[] = verdicts.map((v) => v.status);
  const bad = verdicts
    .filter((v) => v.status !== 'OK')
    .sort((a, b) => severity(b.status) - severity(a.status) || a.vmid - b.vmid);
  for (const v of bad)
    for (const r of v.reasons)
      reasons.push(t(lang, 'proxmox.backups.guestReason', { guest: label(v), reason: r }));
  // A job whose log names no guest: held for the whole look-back window, as it cannot be matched.
  for (const f of inv.failures.filter((x) => x.vmids.length === 0)) {
    levels.push('CRIT');
    reasons.push(
      t(lang, 'proxmox.backups.taskFailed', { at: iso(f.endtime), node: f.node, status: f.status }),
    );
  }
  for (const u of inv.unreadable) {
    levels.push('UNKNOWN');
    reasons.push(t(lang, 'proxmox.backups.notRead', { what: u }));
  }
  if (guests.length === 0) {
    levels.push('UNKNOWN');
    reasons.push(t(lang, 'proxmox.backups.noGuest'));
  }
  const status = worst(levels);
  // details are machine facts, the same whatever the team's language: the guests' reasons in English.
  const facts =
    lang === 'en'
      ? verdicts
      : guests.map((g) => judgeGuest(g, inv, rules, now, 'en')).sort((a, b) => a.vmid - b.vmid);
  const details = {
    guests: facts,
    storages: inv.read,
    failures: inv.failures,
    unreadable: inv.unreadable,
    ...(ignored.length ? { ignored } : {}),
  };
  if (bad.length === 0 && status === 'OK') {
    const oldest = verdicts
      .filter((v) => v.newest)
      .sort((a, b) => Date.parse(a.newest!.ctime) - Date.parse(b.newest!.ctime))[0];
    const summary =
      t(lang, 'proxmox.backups.ok', {
        n: verdicts.length,
        within: age(lang, rules.cadenceSec * rules.warnFactor),
      }) +
      (oldest ? t(lang, 'proxmox.backups.okOldest', { guest: label(oldest), at: oldest.newest!.ctime }) : '');
    return { status, summary, reasons, details };
  }
  const named = bad.slice(0, 3).map((v) => `${label(v)} (${v.reasons[0]})`);
  const summary =
    named.length > 0
      ? t(lang, 'proxmox.backups.bad', {
          bad: bad.length,
          total: verdicts.length,
          named: named.join(', '),
          more: Math.max(0, bad.length - 3),
        })
      : (reasons[0] ?? t(lang, 'proxmox.backups.cannotTell'));
  return { status, summary, reasons, details };
}

function label(v: GuestVerdict): string {
  return v.name ? `${v.vmid} ${v.name}` : String(v.vmid);
}
