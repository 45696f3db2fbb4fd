import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
import { splitImage } from '../../../sources/oci.js';
import type { Lag } from '../../../sources/version.js';

/*
 * The pure half of docker.updates: what was found per image → a status.
 * Behind by a major is WARN by default, by a minor or patch OK with the lag
 * shown; a tag rebuilt upstream (new digest) is WARN; not knowing is UNKNOWN.
 */

export type Level = 'OK' | 'WARN' | 'CRIT';
export interface Levels {
  major: Level;
  minor: Level;
  patch: Level;
  rebuilt: Level;
}

export interface ImageFacts {
  /** Service name (config) or the image repository. */
  service: string;
  image: string;
  containers: string[];
  running?: string;
  latest?: string;
  lag?: Lag;
  /** The running tag now points to another digest upstream. */
  rebuilt?: boolean;
  url?: string;
  /** Why it could not tell (source unreachable, rate-limited, no version). */
  unknown?: string;
  /** ISO time a rate limit resets, and the origin that set it (remembered across restarts). */
  resetAt?: string;
  limitedOrigin?: string;
  levels: Levels;
}

export function statusOf(f: ImageFacts): Status {
  if (f.unknown) return 'UNKNOWN';
  let s: Status = 'OK';
  if (f.lag)
    s = worst([s, f.lag === 'major' ? f.levels.major : f.lag === 'minor' ? f.levels.minor : f.levels.patch]);
  if (f.rebuilt) s = worst([s, f.levels.rebuilt]);
  return s;
}

export function lineOf(f: ImageFacts): string {
  if (f.unknown) return `${f.service}: ${f.unknown}`;
  const parts: string[] = [];
  if (f.lag) parts.push(`${f.running} → ${f.latest} (${f.lag} behind)`);
  else if (f.running) parts.push(`${f.running} is the latest`);
  if (f.rebuilt) parts.push(`${splitImage(f.image).tag ?? 'latest'} was rebuilt upstream (new digest)`);
  return `${f.service}: ${parts.join('; ') || 'up to date'}`;
}

export function judgeUpdates(facts: readonly ImageFacts[]): CheckOutcome {
  const statuses = facts.map(statusOf);
  const status = worst(statuses);
  const reasons = facts.filter((_, i) => statuses[i] !== 'OK').map(lineOf);
  // Lags are shown even when OK: "OK with the lag shown".
  const notable = facts.filter((f) => f.lag || f.rebuilt || f.unknown).map(lineOf);
  const n = facts.length;
  const summary =
    n === 0
      ? 'no running image to compare'
      : notable.length === 0
        ? `${n} image${n > 1 ? 's' : ''} up to date`
        : notable.length === 1
          ? notable[0]!
          : `${notable.length} of ${n} images behind or unknown: ${notable[0]}; …`;
  return {
    status,
    summary,
    ...(reasons.length ? { reasons } : {}),
    details: { images: facts.map(({ levels, ...f }, i) => ({ ...f, status: statuses[i] })) },
  };
}
