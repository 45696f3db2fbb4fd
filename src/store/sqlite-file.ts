import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Prepares a SQLite file. A personal database is private (dir 0700, file
 * 0600). A shared one (/var/lib/ronde) is written by the daemon and by
 * volunteers in group `ronde`: dir setgid 2775 so new files get the group,
 * file 0660. SQLite gives its -wal and -shm files the database file's mode.
 * Modes are only set on what we create, or on a directory we own: an admin's
 * own choices are left alone.
 */
export function prepareSqliteFile(path: string, shared: boolean): void {
  const dir = dirname(path);
  const dirMode = shared ? 0o2775 : 0o700;
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: dirMode });
    chmodSync(dir, dirMode); // mkdir's mode is filtered by the umask
  } else if (shared && ownedByUs(dir) && (statSync(dir).mode & 0o7777) !== dirMode) {
    chmodSync(dir, dirMode);
  }
  if (!existsSync(path)) {
    const fileMode = shared ? 0o660 : 0o600;
    try {
      closeSync(openSync(path, 'wx', fileMode));
      chmodSync(path, fileMode);
    } catch (e) {
      // Another process created it first: fine, it set the mode.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function ownedByUs(path: string): boolean {
  return typeof process.getuid === 'function' && statSync(path).uid === process.getuid();
}
