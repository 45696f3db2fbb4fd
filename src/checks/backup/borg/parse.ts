import type { Status } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { shortMessage } from '../_shared/repo.js';

/** One archive of `borg info --json` (borg 1.2: the only listing with sizes). */
export interface BorgArchive {
  name: string;
  id: string;
  /** Epoch seconds of `start` (borg prints local time: we run it with TZ=UTC). */
  start: number;
  /** Original (uncompressed) size of the archived data: what shrinks when a source is missing. */
  size: number;
  files: number;
  deduplicated: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** `2026-11-25T14:41:51.000000`, UTC because borg ran with TZ=UTC. */
export function parseBorgTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?$/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}${(m[2] ?? '').slice(0, 4)}Z`);
  return Number.isFinite(t) ? t / 1000 : null;
}

/** Archives of `borg info --json`, newest first; a string says what is wrong with the output. */
export function parseBorgInfo(stdout: string, lang: Lang = 'en'): BorgArchive[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return t(lang, 'backup.noJson', { what: 'borg info' });
  }
  const list = (doc as { archives?: unknown } | null)?.archives;
  if (!Array.isArray(list)) return t(lang, 'backup.borg.noArchivesList');
  const out: BorgArchive[] = [];
  for (const a of list) {
    const stats = (a as { stats?: Record<string, unknown> } | null)?.stats;
    const start = parseBorgTime((a as { start?: unknown } | null)?.start);
    const name = (a as { name?: unknown } | null)?.name;
    const id = (a as { id?: unknown } | null)?.id;
    const size = num(stats?.original_size);
    if (typeof name !== 'string' || typeof id !== 'string' || start === null || size === null)
      return t(lang, 'backup.borg.badArchive');
    out.push({
      name,
      id,
      start,
      size,
      files: num(stats?.nfiles) ?? 0,
      deduplicated: num(stats?.deduplicated_size) ?? 0,
    });
  }
  return out.sort((a, b) => b.start - a.start);
}

export interface BorgLog {
  level: string;
  msgid?: string;
  message: string;
}

/** `--log-json` lines of stderr; other lines (a passcommand's own errors) kept as TEXT. */
export function parseBorgLog(stderr: string): BorgLog[] {
  const out: BorgLog[] = [];
  for (const line of stderr.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const j = JSON.parse(line) as Record<string, unknown>;
      if (j && typeof j.message === 'string') {
        const log: BorgLog = { level: String(j.levelname ?? 'INFO'), message: j.message };
        if (typeof j.msgid === 'string') log.msgid = j.msgid;
        out.push(log);
        continue;
      }
    } catch {
      // not a JSON line
    }
    out.push({ level: 'TEXT', message: line.trim() });
  }
  return out;
}

/**
 * What a failed borg run means. A missing repository is CRIT (nothing is backed up
 * there, as backup.files says of a missing directory); a wrong passphrase, a lock held
 * by a running backup, an unreachable server are UNKNOWN: the backups may be fine.
 */
export function borgFailure(
  stderr: string,
  exitCode: number | null,
  lang: Lang,
): { status: Status; why: string; cause?: 'lock' | 'password' } {
  const logs = parseBorgLog(stderr);
  const error = logs.find((l) => l.level === 'ERROR' || l.level === 'CRITICAL');
  const text = error?.message ?? logs.map((l) => l.message).join(' ') ?? '';
  const why = shortMessage(text || t(lang, 'backup.exited', { tool: 'borg', code: exitCode }));
  switch (error?.msgid) {
    case 'Repository.DoesNotExist':
    case 'Repository.InvalidRepository':
      return { status: 'CRIT', why };
    case 'PassphraseWrong':
      return { status: 'UNKNOWN', why: t(lang, 'backup.wrongPassphrase', { why }), cause: 'password' };
    case 'LockTimeout':
    case 'LockFailed':
      return { status: 'UNKNOWN', why: t(lang, 'backup.locked', { why }), cause: 'lock' };
    default:
      return { status: 'UNKNOWN', why };
  }
}
