/*
 * The password store's git history, read without decrypting anything:
 * `git ls-files` gives the entries present now, `git log --name-only` the
 * commits that touched each `.gpg` file, newest first.
 */

/** `root/web1.gpg` → `root/web1`; lines that are not `.gpg` files are ignored. */
export function parseLsFiles(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.endsWith('.gpg'))
    .map((l) => l.slice(0, -'.gpg'.length))
    .sort();
}

/**
 * `git log --format=@%ct --name-only` → the time (epoch seconds) of the newest
 * commit that touched each entry. Lines are `@1700000000` (a commit), then its
 * files, then a blank line. Malformed lines are counted, never thrown.
 */
export function parseLog(stdout: string): { lastChange: Map<string, number>; malformed: number } {
  const lastChange = new Map<string, number>();
  let current: number | undefined;
  let malformed = 0;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    if (line.startsWith('@')) {
      const t = Number(line.slice(1));
      if (Number.isInteger(t) && t > 0) current = t;
      else {
        current = undefined;
        malformed++;
      }
      continue;
    }
    if (current === undefined) {
      malformed++;
      continue;
    }
    if (!line.endsWith('.gpg')) continue;
    const entry = line.slice(0, -'.gpg'.length);
    // Newest first: the first commit seen for an entry is its last change.
    if (!lastChange.has(entry)) lastChange.set(entry, current);
  }
  return { lastChange, malformed };
}
