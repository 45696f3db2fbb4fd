/**
 * Parser of GNU `df --output=source,fstype,size,used,avail,pcent,ipcent,itotal,iused,target -B1`.
 * The mount point is the last column and may contain spaces; the source may too
 * (FUSE), so a line is read as: source, one-word fstype, seven numeric fields, target.
 */
export const DF_FIELDS = 'source,fstype,size,used,avail,pcent,ipcent,itotal,iused,target';

export interface DfRow {
  source: string;
  fstype: string;
  size: number;
  used: number;
  avail: number;
  /** Space used, percent as df rounds it (up); null when df prints "-". */
  pct: number | null;
  /** Inodes used, percent; null when the filesystem has no fixed inode table (btrfs, vfat). */
  inodePct: number | null;
  inodes: number | null;
  inodesUsed: number | null;
  mount: string;
}

export interface DfParse {
  rows: DfRow[];
  /** Lines that did not look like a df row (kept for the reason of an UNKNOWN). */
  malformed: string[];
  /** False when the first line is not df's header: not GNU df output at all. */
  header: boolean;
}

const NUM = '(\\d+|-)';
const PCT = '(\\d+%|-)';
const ROW = new RegExp(
  `^(.+?)\\s+(\\S+)\\s+${NUM}\\s+${NUM}\\s+${NUM}\\s+${PCT}\\s+${PCT}\\s+${NUM}\\s+${NUM}\\s+(/.*)$`,
);

export function parseDf(stdout: string): DfParse {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = /^Filesystem\s+Type\s+/.test(lines[0] ?? '');
  const rows: DfRow[] = [];
  const malformed: string[] = [];
  for (const line of header ? lines.slice(1) : lines) {
    const m = ROW.exec(line);
    if (!m) {
      malformed.push(line);
      continue;
    }
    rows.push({
      source: m[1]!,
      fstype: m[2]!,
      size: num(m[3]) ?? 0,
      used: num(m[4]) ?? 0,
      avail: num(m[5]) ?? 0,
      pct: num(m[6]),
      inodePct: num(m[7]),
      inodes: num(m[8]),
      inodesUsed: num(m[9]),
      mount: m[10]!,
    });
  }
  return { rows, malformed, header };
}

function num(field: string | undefined): number | null {
  if (field === undefined || field === '-') return null;
  const n = Number(field.replace(/%$/, ''));
  return Number.isFinite(n) ? n : null;
}

/** `df: /mnt/x: Permission denied` → { path, message }; df quotes odd paths with '…'. */
export function parseDfErrors(stderr: string): { path: string | null; message: string }[] {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^df: (?:'(.*)'|(\/.*?)): (.+)$/.exec(line);
      return { path: m ? (m[1] ?? m[2] ?? null) : null, message: line };
    });
}
