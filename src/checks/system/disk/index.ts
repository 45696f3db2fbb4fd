import { z } from 'zod';
import { formatSize } from '../../../config/size.js';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { sentence } from '../../../core/sentence.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { DF_FIELDS, type DfRow, parseDf, parseDfErrors } from '../../_shared/df.js';
import { matchesAny } from '../../_shared/glob.js';

/** Pseudo, in-memory and read-only image filesystems: never "full" in a way a sysadmin must act on. */
export const DEFAULT_SKIP_TYPES = [
  'tmpfs',
  'devtmpfs',
  'overlay',
  'proc',
  'sysfs',
  'squashfs',
  'nsfs',
  'cgroup',
  'cgroup2',
  'devpts',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'autofs',
  'binfmt_misc',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'efivarfs',
  'ramfs',
  'rpc_pipefs',
  'nfsd',
  'iso9660',
  'udf',
  'fuse.lxcfs',
  'fuse.portal',
  'fuse.gvfsd-fuse',
  'fuse.snapfuse',
];

const pct = z.number().min(0).max(100);
const Options = z
  .object({
    warn_pct: pct.default(80).describe('Space used, percent, at or above which a filesystem is WARN.'),
    crit_pct: pct.default(90).describe('Space used, percent, at or above which a filesystem is CRIT.'),
    inode_warn_pct: pct.default(80).describe('Inodes used, percent, at or above which a filesystem is WARN.'),
    inode_crit_pct: pct.default(90).describe('Inodes used, percent, at or above which a filesystem is CRIT.'),
    include: z
      .array(z.string().min(1))
      .default([])
      .describe('Mount-point globs to check (`*` one segment, `**` any depth); empty: all.'),
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe('Mount-point globs to leave out (also silences df errors about them).'),
    skip_types: z
      .array(z.string().regex(/^[\w.-]+$/))
      .default(DEFAULT_SKIP_TYPES)
      .describe('Filesystem types never checked (tmpfs, overlay, proc…).'),
    sudo: z
      .boolean()
      .default(false)
      .describe(
        'Run df through `sudo -n` (unprivileged df silently leaves out mounts below directories it may not enter).',
      ),
  })
  .strict()
  .refine(
    (o) => o.warn_pct <= o.crit_pct && o.inode_warn_pct <= o.inode_crit_pct,
    sentence('config.option.warnNotAboveCrit'),
  );
export type DiskOptions = z.output<typeof Options>;

export interface FsFacts {
  mount: string;
  source: string;
  fstype: string;
  size: number;
  used: number;
  avail: number;
  pct: number | null;
  inodesPct: number | null;
  status: Status;
}

/** Keeps real, selected filesystems, one per device (bind mounts share the device's numbers). */
export function selectFilesystems(rows: readonly DfRow[], o: DiskOptions): DfRow[] {
  const byDevice = new Map<string, DfRow>();
  for (const r of rows) {
    if (o.skip_types.includes(r.fstype)) continue;
    if (o.include.length > 0 && !matchesAny(r.mount, o.include)) continue;
    if (matchesAny(r.mount, o.exclude)) continue;
    // Pseudo filesystems df -a would show: nothing to fill.
    if (r.size === 0 && r.pct === null) continue;
    const key = `${r.source}\0${r.fstype}\0${r.size}`;
    const seen = byDevice.get(key);
    if (!seen || r.mount.length < seen.mount.length) byDevice.set(key, r);
  }
  return [...byDevice.values()];
}

function level(value: number | null, warn: number, crit: number): Status {
  if (value === null) return 'OK';
  return value >= crit ? 'CRIT' : value >= warn ? 'WARN' : 'OK';
}

export function judgeDisk(
  rows: readonly DfRow[],
  o: DiskOptions,
  lang: Lang,
): CheckOutcome & { facts: FsFacts[] } {
  const facts: FsFacts[] = rows.map((r) => {
    const space = level(r.pct, o.warn_pct, o.crit_pct);
    const inodes = level(r.inodePct, o.inode_warn_pct, o.inode_crit_pct);
    return {
      mount: r.mount,
      source: r.source,
      fstype: r.fstype,
      size: r.size,
      used: r.used,
      avail: r.avail,
      pct: r.pct,
      inodesPct: r.inodePct,
      status: worst([space, inodes]),
    };
  });
  const reasons: string[] = [];
  for (const f of facts) {
    if (f.pct !== null && f.pct >= o.warn_pct)
      reasons.push(
        t(lang, 'system.disk.space', {
          mount: f.mount,
          fstype: f.fstype,
          pct: f.pct,
          free: formatSize(f.avail),
        }),
      );
    if (f.inodesPct !== null && f.inodesPct >= o.inode_warn_pct)
      reasons.push(t(lang, 'system.disk.inodes', { mount: f.mount, fstype: f.fstype, pct: f.inodesPct }));
  }
  const status = worst(facts.map((f) => f.status));
  const fullest = (f: FsFacts) => Math.max(f.pct ?? 0, f.inodesPct ?? 0);
  const bad = facts
    .filter((f) => f.status === status && status !== 'OK')
    .sort((a, b) => fullest(b) - fullest(a));
  const top = [...facts].sort((a, b) => fullest(b) - fullest(a))[0];
  const summary =
    bad.length > 0
      ? bad
          .slice(0, 3)
          .map((f) => describe(f, lang))
          .join(', ') + (bad.length > 3 ? t(lang, 'system.disk.andMore', { n: bad.length - 3 }) : '')
      : t(lang, 'system.disk.below', { n: facts.length, pct: o.warn_pct }) +
        (top ? t(lang, 'system.disk.fullest', { fs: describe(top, lang) }) : '');
  return { status, summary, reasons, facts };
}

function describe(f: FsFacts, lang: Lang): string {
  const inodes =
    f.inodesPct !== null && f.inodesPct > (f.pct ?? 0)
      ? t(lang, 'system.disk.inodesPct', { pct: f.inodesPct })
      : '';
  return `${f.mount} ${f.pct ?? '-'}${lang === 'fr' ? ' %' : '%'}${inodes}`;
}

export function evaluateDf(out: CommandResult | undefined, o: DiskOptions, lang: Lang): CheckOutcome {
  if (!out) return unknown(t(lang, 'system.disk.noRun'));
  if (out.timedOut) return unknown(t(lang, 'system.disk.timedOut'));
  if (out.error) return unknown(t(lang, 'system.disk.incomplete', { error: out.error }));
  if (out.exitCode === EXIT_NOT_FOUND) return unknown(t(lang, 'system.disk.notFound'));
  const parsed = parseDf(out.stdout);
  if (!parsed.header) {
    const why = out.stderr.split('\n')[0]?.trim() || t(lang, 'system.disk.unexpected');
    return unknown(t(lang, 'system.disk.notUnderstood', { why }));
  }
  const rows = selectFilesystems(parsed.rows, o);
  const judged = judgeDisk(rows, o, lang);
  const reasons = [...(judged.reasons ?? [])];
  let status = judged.status;
  // A mount df could not stat is one we cannot vouch for, unless the user excluded it.
  const allErrors = parseDfErrors(out.stderr);
  const errors = allErrors.filter((e) => !(e.path && matchesAny(e.path, o.exclude)));
  for (const e of [
    ...errors.map((x) => x.message),
    ...parsed.malformed.map((l) => t(lang, 'system.disk.unparsed', { line: l })),
  ]) {
    reasons.push(e);
    status = worst([status, 'UNKNOWN']);
  }
  if (out.exitCode !== 0 && allErrors.length === 0) {
    reasons.push(t(lang, 'system.disk.exited', { code: out.exitCode }));
    status = worst([status, 'UNKNOWN']);
  }
  if (rows.length === 0) return { ...unknown(t(lang, 'system.disk.none')), reasons };
  let summary = judged.summary;
  if (status === 'UNKNOWN') summary = `${reasons[0]}; ${summary}`;
  return {
    status,
    summary,
    reasons,
    details: {
      filesystems: judged.facts.map(({ status: s, ...f }) => ({ ...f, status: s })),
    },
  };
}

export const systemDisk = defineCheck({
  id: 'system.disk',
  title: 'Disk space and inodes',
  options: Options,
  zeroConfig: true,
  timeoutSec: 20,
  commands: (o) => [
    {
      argv: ['df', `--output=${DF_FIELDS}`, '-B1', ...o.skip_types.flatMap((t) => ['-x', t])],
      timeoutSec: 20,
      sudo: o.sudo,
    },
  ],
  evaluate: (ctx) => evaluateDf(ctx.outputs[0], ctx.options, ctx.lang),
});
