/*
 * What `LC_ALL=C apt-get -s full-upgrade` says a host would change. Pure and
 * total: any input gives a result, lines it does not know are kept aside
 * (`unparsed`) so the plan can say the simulation was not understood rather
 * than show a partial list as the whole truth.
 *
 *   Inst libgcrypt20 [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64])
 *   Inst ronde-lab-new (1 ronde-lab:lab [all])            ← a new package: no installed version
 *   Conf libgcrypt20 (1.10.1-3+deb12u1 Debian:12.15/oldstable [amd64])
 *   Remv ronde-lab-old [1]
 *
 * apt may append ` [pkg:arch on dep:arch] [pkg:arch ]` groups (packages whose
 * dependencies it is changing): they are not part of the versions.
 */

export interface PackageChange {
  name: string;
  /** Installed version; null for a package the upgrade installs anew. */
  from: string | null;
  to: string;
  /** `Label:Version/Suite` of each archive the candidate comes from. */
  origins: string[];
  arch: string;
  /** Comes from a security archive (an origin naming `security`, as Debian-Security does). */
  security: boolean;
}

export interface Removal {
  name: string;
  version: string | null;
}

export interface Simulation {
  /** Upgraded and newly installed packages, in apt's order. */
  installs: PackageChange[];
  removals: Removal[];
  /** Packages apt keeps back (held, or not installable with the others). */
  keptBack: string[];
  /** `N upgraded, N newly installed, N to remove and N not upgraded.` as numbers, when present. */
  counts?: { upgraded: number; newlyInstalled: number; remove: number; notUpgraded: number };
  /** Lines that are neither known prose nor an action line: a format we do not know. */
  unparsed: string[];
}

const INST = /^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*) \[([^\]]+)\]\)(?: \[[^\]]*\])*$/;
const CONF = /^Conf \S+ \(.*\)(?: \[[^\]]*\])*$/;
const REMV = /^Remv (\S+)(?: \[([^\]]*)\])?(?: \[[^\]]*\])*$/;
const COUNTS = /^(\d+) upgraded, (\d+) newly installed, (\d+) to remove and (\d+) not upgraded\.$/;
/** apt's prose lines (headers of the package lists, progress, notices). */
const PROSE = [
  /^Reading package lists/,
  /^Building dependency tree/,
  /^Reading state information/,
  /^Calculating upgrade/,
  /^The following /,
  /^NOTE: This is only a simulation!/,
  /^\s*apt-get needs root privileges/,
  /^\s*Keep also in mind that locking/,
  /^\s*so don't depend on the relevance/,
  /^[NW]: /,
];

/** Parses the simulation's stdout (stderr may be appended: its N:/W: lines are skipped). */
export function parseSimulation(stdout: string): Simulation {
  const out: Simulation = { installs: [], removals: [], keptBack: [], unparsed: [] };
  let list: 'keptBack' | 'other' | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    // The package lists under "The following …:" are indented words.
    if (/^ {2}\S/.test(line) && list !== null) {
      if (list === 'keptBack') out.keptBack.push(...line.trim().split(/\s+/));
      continue;
    }
    list = null;
    if (line.startsWith('The following packages have been kept back')) {
      list = 'keptBack';
      continue;
    }
    if (line.startsWith('The following ')) {
      list = 'other';
      continue;
    }
    const inst = INST.exec(line);
    if (inst) {
      const [, name = '', from, to = '', where = '', arch = ''] = inst;
      const origins = where
        .split(', ')
        .map((o) => o.trim())
        .filter(Boolean);
      out.installs.push({
        name,
        from: from === undefined ? null : from,
        to,
        origins,
        arch,
        security: origins.some((o) => /security/i.test(o)),
      });
      continue;
    }
    const remv = REMV.exec(line);
    if (remv) {
      out.removals.push({ name: remv[1] ?? '', version: remv[2] ?? null });
      continue;
    }
    const counts = COUNTS.exec(line);
    if (counts) {
      const [, u, n, r, k] = counts.map(Number);
      out.counts = { upgraded: u!, newlyInstalled: n!, remove: r!, notUpgraded: k! };
      continue;
    }
    if (CONF.test(line) || /^Purg \S+/.test(line)) continue;
    if (PROSE.some((p) => p.test(line))) continue;
    out.unparsed.push(line);
  }
  return out;
}

/** `apt-mark showhold`: one package per line. */
export function parseHolds(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[NWE]: /.test(l));
}

/** Package names whose upgrade means a new kernel: the host must boot into it. */
export function isKernel(name: string): boolean {
  return /^linux-image-/.test(name) || /^(pve|proxmox)-kernel-/.test(name);
}

/** The package name without its `:arch` qualifier (`libjq1:amd64` → `libjq1`). */
export function bareName(name: string): string {
  return name.replace(/:[a-z0-9-]+$/, '');
}
