import type { Status } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { shortMessage } from '../_shared/repo.js';

/** One snapshot of `restic snapshots --json` (0.14: no sizes, see `stats latest`). */
export interface ResticSnapshot {
  id: string;
  shortId: string;
  /** Epoch seconds. */
  time: number;
  host: string;
  paths: string[];
  tags: string[];
}

/** `2026-11-25T14:42:41.641446084Z` or `…+01:00` (nanoseconds: cut to what Date understands). */
export function parseResticTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}${(m[2] ?? '').slice(0, 4)}${m[3]}`);
  return Number.isFinite(t) ? t / 1000 : null;
}

const strings = (v: unknown): string[] | null =>
  v === undefined || v === null
    ? []
    : Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? (v as string[])
      : null;

/** Snapshots, newest first; a string says what is wrong with the output. */
export function parseResticSnapshots(stdout: string, lang: Lang = 'en'): ResticSnapshot[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return t(lang, 'backup.noJson', { what: 'restic snapshots' });
  }
  if (!Array.isArray(doc)) return t(lang, 'backup.restic.notList');
  const out: ResticSnapshot[] = [];
  for (const s of doc) {
    const r = (s ?? {}) as Record<string, unknown>;
    const time = parseResticTime(r.time);
    const paths = strings(r.paths);
    const tags = strings(r.tags);
    if (typeof r.id !== 'string' || time === null || paths === null || tags === null)
      return t(lang, 'backup.restic.badSnapshot');
    out.push({
      id: r.id,
      shortId: typeof r.short_id === 'string' ? r.short_id : r.id.slice(0, 8),
      time,
      host: typeof r.hostname === 'string' ? r.hostname : '',
      paths,
      tags,
    });
  }
  return out.sort((a, b) => b.time - a.time);
}

/** restic groups snapshots by host and paths (`--latest` is per group): so do we. */
export function groupOf(s: Pick<ResticSnapshot, 'host' | 'paths'>): string {
  return `${s.host}:${[...s.paths].sort().join(',')}`;
}

export interface ResticStats {
  size: number;
  files: number;
  snapshots: number;
}

/** `stats latest --json` (restore-size mode); 0.14 prints zeros with exit 0 when nothing matched. */
export function parseResticStats(stdout: string, lang: Lang = 'en'): ResticStats | string {
  let doc: Record<string, unknown>;
  try {
    doc = (JSON.parse(stdout) ?? {}) as Record<string, unknown>;
  } catch {
    return t(lang, 'backup.noJson', { what: 'restic stats' });
  }
  const size = doc.total_size;
  const files = doc.total_file_count;
  const count = doc.snapshots_count;
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0)
    return t(lang, 'backup.restic.noTotalSize');
  return {
    size,
    files: typeof files === 'number' ? files : 0,
    snapshots: typeof count === 'number' ? count : 1,
  };
}

/**
 * What a failed restic run means: a missing repository is CRIT; a wrong password,
 * a lock (`check` needs an exclusive one), an unreachable backend are UNKNOWN.
 */
export function resticFailure(
  stderr: string,
  exitCode: number | null,
  lang: Lang,
): { status: Status; why: string; cause?: 'lock' | 'password' } {
  const lines = stderr.split('\n').map((l) => l.trim());
  const fatal = lines.find((l) => l.startsWith('Fatal:'));
  // `check` ends with "Fatal: repository contains errors": the first error line says which.
  const at = lines.findIndex((l) => !l.startsWith('Fatal:') && /error|failed|does not exist/i.test(l));
  // "error for tree 1c6f0d56:" names the tree; the reason is on the next non-empty line.
  const next = lines.slice(at + 1).find((l) => l !== '' && !l.startsWith('['));
  const detail = at < 0 ? undefined : lines[at]!.endsWith(':') && next ? `${lines[at]} ${next}` : lines[at];
  const text = fatal
    ? `${fatal}${detail && /contains errors/.test(fatal) ? ` (${detail})` : ''}`
    : lines.filter(Boolean).slice(-3).join(' ');
  const why = shortMessage(text || t(lang, 'backup.exited', { tool: 'restic', code: exitCode }));
  if (/wrong password or no key found/.test(stderr))
    return { status: 'UNKNOWN', why: t(lang, 'backup.wrongPassword', { why }), cause: 'password' };
  if (
    /unable to open config file/.test(stderr) &&
    /Is there a repository at the following location/.test(stderr)
  )
    return { status: 'CRIT', why };
  if (/already locked/.test(stderr))
    return { status: 'UNKNOWN', why: t(lang, 'backup.locked', { why }), cause: 'lock' };
  return { status: 'UNKNOWN', why };
}
