import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
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

/** One image's line; `unknown` stays as compare() wrote it (it is also in details). */
export function lineOf(f: ImageFacts, lang: Lang): string {
  const line = (text: string) => t(lang, 'docker.updates.line', { service: f.service, text });
  if (f.unknown) return line(f.unknown);
  const parts: string[] = [];
  if (f.lag)
    parts.push(
      t(lang, 'docker.updates.behind', { running: f.running ?? '', latest: f.latest ?? '', lag: f.lag }),
    );
  else if (f.running) parts.push(t(lang, 'docker.updates.latest', { running: f.running }));
  if (f.rebuilt) parts.push(t(lang, 'docker.updates.rebuilt', { tag: splitImage(f.image).tag ?? 'latest' }));
  return line(parts.join(t(lang, 'docker.updates.sep')) || t(lang, 'docker.updates.upToDate'));
}

export function judgeUpdates(facts: readonly ImageFacts[], lang: Lang): CheckOutcome {
  const statuses = facts.map(statusOf);
  const status = worst(statuses);
  const reasons = facts.filter((_, i) => statuses[i] !== 'OK').map((f) => lineOf(f, lang));
  // Lags are shown even when OK: "OK with the lag shown".
  const notable = facts.filter((f) => f.lag || f.rebuilt || f.unknown).map((f) => lineOf(f, lang));
  const n = facts.length;
  const summary =
    n === 0
      ? t(lang, 'docker.updates.noImage')
      : notable.length === 0
        ? t(lang, 'docker.updates.ok', { n })
        : notable.length === 1
          ? notable[0]!
          : t(lang, 'docker.updates.some', { k: notable.length, n, first: notable[0]! });
  return {
    status,
    summary,
    ...(reasons.length ? { reasons } : {}),
    details: { images: facts.map(({ levels, ...f }, i) => ({ ...f, status: statuses[i] })) },
  };
}
