import type { Config } from '../config/schema.js';
import type { OlderHost } from '../releases/format.js';
import { hostsRunningOlder } from '../releases/hosts.js';
import { compareVersions, parseVersion } from '../sources/version.js';
import type { Store } from '../store/types.js';

/*
 * The releases page's data: per watch of `releases:`, what the bot has seen
 * and announced (its store tables release_watch and release_seen), and which
 * hosts run an older version of its images (the latest docker.updates
 * results, as the bot's own announcement names them).
 */

export interface SeenRelease {
  version: string;
  tag: string;
  url: string | null;
  seenAt: Date;
  /** false: recorded without a message (first look, or a burst folded into one). */
  announced: boolean;
}

export interface WatchView {
  name: string;
  source: string;
  repo: string;
  checkedAt: Date | null;
  rateLimitedUntil: Date | null;
  lastError: string | null;
  /** Newest version first. */
  seen: SeenRelease[];
  /** null: the watch names no image to compare with. */
  older: OlderHost[] | null;
}

/** Versions shown per watch. */
const SHOWN = 10;

export async function loadReleases(store: Store, config: Pick<Config, 'releases'>): Promise<WatchView[]> {
  const db = store.conn.db;
  const watches = config.releases ?? [];
  if (watches.length === 0) return [];
  const names = watches.map((w) => w.name);
  const [state, seenRows] = await Promise.all([
    db.selectFrom('release_watch').selectAll().where('watch', 'in', names).execute(),
    db.selectFrom('release_seen').selectAll().where('watch', 'in', names).execute(),
  ]);
  return Promise.all(
    watches.map(async (w): Promise<WatchView> => {
      const row = state.find((s) => s.watch === w.name);
      const seen = seenRows
        .filter((r) => r.watch === w.name)
        .map((r) => ({
          version: r.version,
          tag: r.tag,
          url: r.url,
          seenAt: new Date(Number(r.seen_at)),
          announced: Number(r.announced) === 1,
        }))
        .sort(newestFirst);
      const images = w.images.length > 0 ? w.images : w.source === 'oci' ? [w.repo] : [];
      const latest = seen[0]?.version;
      return {
        name: w.name,
        source: w.source,
        repo: w.repo,
        checkedAt: row ? new Date(Number(row.checked_at)) : null,
        rateLimitedUntil: row?.rate_limited_until != null ? new Date(Number(row.rate_limited_until)) : null,
        lastError: row?.last_error ?? null,
        seen: seen.slice(0, SHOWN),
        older: images.length === 0 ? null : latest ? await hostsRunningOlder(db, images, latest) : [],
      };
    }),
  );
}

/** By version where both parse, else by when they were seen. */
function newestFirst(a: SeenRelease, b: SeenRelease): number {
  const x = parseVersion(a.version);
  const y = parseVersion(b.version);
  if (x && y) return compareVersions(y, x) || b.seenAt.getTime() - a.seenAt.getTime();
  return b.seenAt.getTime() - a.seenAt.getTime();
}
