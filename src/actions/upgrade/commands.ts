import type { CommandSpec } from '../../core/command.js';

/*
 * Every command `ronde upgrade` sends to a host: fixed argv, nothing from
 * the inventory or the plan reaches a shell (package names are argv words).
 */

/** What would change: apt's own simulation, read by simulate.ts. */
export const SIMULATE: readonly string[] = ['apt-get', '-s', 'full-upgrade'];
export const SHOWHOLD: readonly string[] = ['apt-mark', 'showhold'];
export const REBOOT_REQUIRED = '/run/reboot-required';
export const BOOT_ID: readonly string[] = ['cat', '/proc/sys/kernel/random/boot_id'];

/**
 * The upgrade itself. Non-interactive; the conffile policy is dpkg's
 * `--force-confdef --force-confold`: a conffile the admin never changed takes
 * the package's new version, one they changed is kept (the new one is left
 * beside it as `.dpkg-dist`). `--no-remove` makes apt abort rather than remove
 * anything, unless the run was given `--allow-remove`.
 */
export function upgradeArgv(allowRemove: boolean): string[] {
  return [
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    '-y',
    ...(allowRemove ? [] : ['--no-remove']),
    '-o',
    'Dpkg::Options::=--force-confdef',
    '-o',
    'Dpkg::Options::=--force-confold',
    'full-upgrade',
  ];
}

/** The version of each named package as dpkg has it now (`name<TAB>version<TAB>status`). */
export function versionsArgv(names: readonly string[]): string[] {
  return ['dpkg-query', '-W', '-f', '${Package}\\t${Version}\\t${db:Status-Abbrev}\\n', '--', ...names];
}

/** `reboot` from the host's PATH (systemd's on Debian). */
export const REBOOT: readonly string[] = ['reboot'];

/** What the plan reads from a host: none of it needs root (apt-get -s only simulates). */
export const PLAN_COMMANDS: readonly CommandSpec[] = [
  { argv: SIMULATE, timeoutSec: 120 },
  { argv: SHOWHOLD, timeoutSec: 30 },
  { argv: ['test', '-e', REBOOT_REQUIRED] },
];

/** `dpkg-query` output → name → version, for packages dpkg has installed (`ii`). */
export function parseVersions(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const [name, version, status] = line.split('\t');
    if (name && version && status?.trim().startsWith('ii')) out[name] = version;
  }
  return out;
}
