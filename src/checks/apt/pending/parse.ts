/** One line of `apt list --upgradable`. */
export interface Upgradable {
  name: string;
  arch: string;
  /** Installed version. */
  from: string;
  /** Candidate version. */
  to: string;
  /** Archives (suites) the candidate comes from, e.g. `oldstable`, `bookworm-security`. */
  archives: string[];
  /** Anything apt added inside the brackets after the installed version (newer apt may note phasing there). */
  notes: string;
}

export interface UpgradableList {
  packages: Upgradable[];
  /** Lines that are neither a package, a header nor an apt notice: a format we do not know. */
  unparsed: string[];
}

// `name/archive[,archive…] version arch [upgradable from: version(, note)*]`
const LINE = /^([^\s/]+)\/(\S*)\s+(\S+)\s+(\S+)\s+\[upgradable from:\s*([^\s,\]]+)([^\]]*)\]\s*$/;

/** Parses `LC_ALL=C apt list --upgradable`. Never throws. */
export function parseUpgradable(stdout: string): UpgradableList {
  const packages: Upgradable[] = [];
  const unparsed: string[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    // "Listing..." (apt ≤ 2.x prints "Listing... Done" on a terminal) and N:/W: notices are not packages.
    if (line === '' || line.startsWith('Listing...') || /^[NWE]: /.test(line)) continue;
    const m = LINE.exec(line);
    if (!m) {
      unparsed.push(line);
      continue;
    }
    const [, name = '', archives = '', to = '', arch = '', from = '', notes = ''] = m;
    packages.push({
      name,
      arch,
      from,
      to,
      archives: archives.split(',').filter((a) => a !== ''),
      notes: notes.replace(/^[\s,]+/, '').trim(),
    });
  }
  return { packages, unparsed };
}

export interface DpkgHolds {
  /** Packages whose selection state is `hold`, as `name` or `name:arch` (Multi-Arch: same). */
  held: Set<string>;
  /** How many well-formed package lines dpkg-query printed: 0 means it told us nothing. */
  packages: number;
}

// `want eflag status name[:arch]`: the Status field of /var/lib/dpkg/status, then ${binary:Package}.
const DPKG_LINE =
  /^(unknown|install|hold|deinstall|purge) (\S+) (\S+) ([a-z0-9][a-z0-9+.-]*(?::[a-z0-9-]+)?)$/;

/**
 * `dpkg-query -W -f '${Status} ${binary:Package}\n'`: a package is held when its selection
 * state (the first word of Status, "want") is `hold` — what `apt-mark showhold` lists, without
 * building apt's cache. Malformed lines are ignored. Never throws.
 */
export function parseDpkgHolds(stdout: string): DpkgHolds {
  const held = new Set<string>();
  let packages = 0;
  for (const line of stdout.split('\n')) {
    const m = DPKG_LINE.exec(line.trim());
    if (!m) continue;
    packages++;
    if (m[1] === 'hold') held.add(m[4] ?? '');
  }
  return { held, packages };
}

/**
 * Same rule as check_apt's default `(Debian-Security:|Ubuntu:[^/]*\/[^-]*-security)`:
 * on Debian the Debian-Security label goes with archives `<suite>-security`, on Ubuntu
 * `<codename>-security`; archives with more dashes (Ubuntu ESM) are not counted there either.
 */
export function isSecurityArchive(archive: string): boolean {
  return /^[^-]+-security$/.test(archive);
}

/**
 * `find … -printf '%T@ %p\n'` over the files apt update leaves behind. The newest
 * mtime is when the lists were last refreshed: `lists/partial` is rewritten by every
 * `apt update`, even when nothing changed, while `*Release` files keep the server's
 * Last-Modified date (months old for a stable suite).
 */
export function parseListStamps(stdout: string): ListStamps {
  const out: ListStamps = { newest: null, path: null, releaseFiles: 0 };
  for (const line of stdout.split('\n')) {
    const m = /^(\d{1,12}(?:\.\d+)?) (\/\S.*)$/.exec(line.trim());
    if (!m) continue;
    const t = Number(m[1]);
    const path = m[2] ?? '';
    if (/Release$/.test(path)) out.releaseFiles++;
    if (Number.isFinite(t) && (out.newest === null || t > out.newest)) {
      out.newest = t;
      out.path = path;
    }
  }
  return out;
}

export interface ListStamps {
  /** Epoch seconds of the newest stamp, null when none was found. */
  newest: number | null;
  path: string | null;
  /** How many `*Release` files exist: 0 means apt has no package lists at all. */
  releaseFiles: number;
}
