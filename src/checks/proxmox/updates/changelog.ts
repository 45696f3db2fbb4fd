import { compareDebianVersions } from '../../system/reboot/parse.js';

/*
 * Debian changelogs (deb-changelog(5)), as GET /nodes/{node}/apt/changelog
 * returns them: the entries between the installed and the candidate version
 * are what the team reads before deciding to update a hypervisor (R2). Pure;
 * never throws.
 */

export interface ChangelogEntry {
  version: string;
  distribution: string;
  urgency: string;
  /** The `*` items, continuation lines joined. */
  items: string[];
}

const HEADER = /^(\S+) \(([^)\s]+)\) ([^;]+);(?:.*\burgency=(\w+))?/;

export function parseChangelog(text: string): ChangelogEntry[] {
  const out: ChangelogEntry[] = [];
  let cur: ChangelogEntry | undefined;
  for (const line of text.split('\n')) {
    const h = HEADER.exec(line);
    if (h) {
      cur = { version: h[2]!, distribution: h[3]!.trim(), urgency: (h[4] ?? 'low').toLowerCase(), items: [] };
      out.push(cur);
      continue;
    }
    if (!cur || /^ -- /.test(line)) continue;
    const item = /^\s{2,}[*-] (.*)$/.exec(line);
    if (item && /^ {2}\*/.test(line)) cur.items.push(item[1]!.trim());
    else if (line.trim() !== '' && cur.items.length > 0)
      cur.items[cur.items.length - 1] += ` ${line.trim().replace(/^[-+*] /, '')}`;
  }
  return out;
}

/** Entries newer than `installed` and not newer than `candidate`, newest first. */
export function entriesBetween(
  entries: readonly ChangelogEntry[],
  installed: string,
  candidate: string,
): ChangelogEntry[] {
  return entries.filter(
    (e) =>
      compareDebianVersions(e.version, installed) > 0 && compareDebianVersions(e.version, candidate) <= 0,
  );
}

/** A security fix among them: a CVE named, a -security distribution, or high urgency. */
export function mentionsSecurity(entries: readonly ChangelogEntry[]): boolean {
  return entries.some(
    (e) =>
      /security/.test(e.distribution) ||
      ['high', 'critical', 'emergency'].includes(e.urgency) ||
      e.items.some((i) => /\bCVE-\d{4}-\d+/.test(i)),
  );
}
