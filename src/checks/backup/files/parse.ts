/**
 * One `find DIR -maxdepth N -type f -name PATTERN -printf '%T@\t%s\t%P\0'` lists a whole
 * backup directory: mtime (epoch with fraction), size in bytes, path below DIR. Records end
 * with NUL because names may hold tabs and newlines; the name is everything after the second
 * tab. The scan is one pass that keeps, per series, only the newest few files and counters,
 * so a directory of 100,000 dumps costs a few megabytes of output and no sorting of it all.
 */
export function findArgv(dir: string, maxDepth: number, pattern: string): string[] {
  // -H: a backup directory is often a symlink to a mounted disk.
  return [
    'find',
    '-H',
    dir,
    '-maxdepth',
    String(maxDepth),
    '-type',
    'f',
    '-name',
    pattern,
    '-printf',
    '%T@\\t%s\\t%P\\0',
  ];
}

export interface BackupFile {
  name: string;
  size: number;
  /** Epoch seconds (with fraction). */
  mtime: number;
}

export interface SeriesScan {
  group: string;
  /** Every matching file, future-dated ones included. */
  count: number;
  /** Zero-byte files (any date). */
  empty: number;
  /** Files dated beyond the host's clock plus the tolerance. */
  future: number;
  newestFuture?: BackupFile;
  /** The newest files not in the future, newest first, at most `keep`. */
  newest: BackupFile[];
}

export interface FindScan {
  series: Map<string, SeriesScan>;
  files: number;
  /** Files group_by did not match (a few names kept as samples). */
  unmatched: number;
  unmatchedSample: string[];
  /** Records that were not `mtime\tsize\tname` (or an unterminated last one). */
  malformed: number;
}

export interface ScanOptions {
  /** Host clock, epoch seconds. */
  now: number;
  toleranceSec: number;
  keep: number;
  groupBy?: RegExp;
}

export function scanFind(stdout: string, o: ScanOptions): FindScan {
  const scan: FindScan = { series: new Map(), files: 0, unmatched: 0, unmatchedSample: [], malformed: 0 };
  let pos = 0;
  while (pos < stdout.length) {
    let end = stdout.indexOf('\0', pos);
    if (end < 0) end = stdout.length;
    const file = end === stdout.length ? null : parseRecord(stdout, pos, end);
    pos = end + 1;
    if (!file) {
      scan.malformed++;
      continue;
    }
    scan.files++;
    const group = groupOf(file.name, o.groupBy);
    if (group === null) {
      scan.unmatched++;
      if (scan.unmatchedSample.length < 5) scan.unmatchedSample.push(file.name);
      continue;
    }
    add(scan.series, group, file, o);
  }
  return scan;
}

function parseRecord(s: string, from: number, to: number): BackupFile | null {
  const t1 = s.indexOf('\t', from);
  const t2 = t1 < 0 ? -1 : s.indexOf('\t', t1 + 1);
  if (t1 <= from || t2 < 0 || t2 >= to - 1) return null;
  const mtime = Number(s.slice(from, t1));
  const size = Number(s.slice(t1 + 1, t2));
  if (!/^\d/.test(s.slice(from, t1)) || !Number.isFinite(mtime)) return null;
  if (!Number.isSafeInteger(size) || size < 0 || t2 === t1 + 1) return null;
  return { name: s.slice(t2 + 1, to), size, mtime };
}

/** The series of a file: group_by's first named group, else its first group, else the match. */
export function groupOf(name: string, re: RegExp | undefined): string | null {
  if (!re) return '';
  const m = re.exec(name);
  if (!m) return null;
  const named = m.groups ? Object.values(m.groups).find((v) => v !== undefined) : undefined;
  return named ?? m[1] ?? m[0];
}

function add(series: Map<string, SeriesScan>, group: string, f: BackupFile, o: ScanOptions): void {
  let s = series.get(group);
  if (!s) {
    s = { group, count: 0, empty: 0, future: 0, newest: [] };
    series.set(group, s);
  }
  s.count++;
  if (f.size === 0) s.empty++;
  if (f.mtime > o.now + o.toleranceSec) {
    s.future++;
    if (!s.newestFuture || f.mtime > s.newestFuture.mtime) s.newestFuture = f;
    return;
  }
  const list = s.newest;
  if (list.length >= o.keep && !newer(f, list[list.length - 1]!)) return;
  let i = list.length;
  while (i > 0 && newer(f, list[i - 1]!)) i--;
  list.splice(i, 0, f);
  if (list.length > o.keep) list.pop();
}

/** Newest first; equal mtimes ordered by name so the result does not depend on find's order. */
function newer(a: BackupFile, b: BackupFile): boolean {
  return a.mtime > b.mtime || (a.mtime === b.mtime && a.name > b.name);
}
