/**
 * Parser of `systemctl list-units --state=failed --no-legend --plain --no-pager --full`:
 * one unit a line, columns UNIT LOAD ACTIVE SUB DESCRIPTION separated by spaces
 * (the description may contain spaces; unit names never do, systemd escapes them as \x20).
 */
export interface UnitRow {
  unit: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

const UNIT_NAME = /^[^\s/]+\.(service|socket|target|device|mount|automount|swap|timer|path|slice|scope)$/;

export function parseUnits(stdout: string): { units: UnitRow[]; malformed: string[] } {
  const units: UnitRow[] = [];
  const malformed: string[] = [];
  for (const raw of stdout.split('\n')) {
    // Older systemd prints a "●" marker before failed units even with --plain.
    const line = raw.trim().replace(/^[●*]\s+/, '');
    if (line === '') continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m || !UNIT_NAME.test(m[1]!)) {
      malformed.push(raw);
      continue;
    }
    units.push({ unit: m[1]!, load: m[2]!, active: m[3]!, sub: m[4]!, description: m[5] ?? '' });
  }
  return { units, malformed };
}

/** Why systemctl cannot answer on a machine without systemd, or null when it is something else. */
export function noSystemdReason(stderr: string): string | null {
  const line = stderr.split('\n').find((l) => /not been booted with systemd|Running in chroot/.test(l));
  return line ? line.trim() : null;
}
