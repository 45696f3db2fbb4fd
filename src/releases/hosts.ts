import type { Kysely } from 'kysely';
import { parseImage } from '../sources/oci.js';
import { compareVersions, parseVersion } from '../sources/version.js';
import type { Database } from '../store/schema.js';
import type { OlderHost } from './format.js';

/**
 * Hosts whose last docker.updates result shows one of `images` running a
 * version older than `version`. Reads the results the runner stored; a host
 * never checked is simply not named.
 */
export async function hostsRunningOlder(
  db: Kysely<Database>,
  images: readonly string[],
  version: string,
): Promise<OlderHost[]> {
  const target = parseVersion(version);
  if (!target || images.length === 0) return [];
  const key = (image: string) => {
    const p = parseImage(image);
    return `${p.registry}/${p.name}`;
  };
  const wanted = new Set(images.map(key));
  const rows = await db
    .selectFrom('check_state')
    .innerJoin('results', 'results.id', 'check_state.last_result_id')
    .select(['check_state.target', 'results.data'])
    .where('check_state.kind', '=', 'docker.updates')
    .execute();
  const out = new Map<string, string>();
  for (const row of rows) {
    let images: { image?: unknown; running?: unknown }[] = [];
    try {
      const data = JSON.parse(row.data) as { details?: { images?: typeof images } };
      images = Array.isArray(data.details?.images) ? data.details.images : [];
    } catch {
      continue; // a capped or damaged result: not a reason to fail the announcement
    }
    for (const i of images) {
      if (typeof i.image !== 'string' || typeof i.running !== 'string' || !wanted.has(key(i.image))) continue;
      const v = parseVersion(i.running);
      if (v && compareVersions(v, target) < 0) out.set(row.target, i.running);
    }
  }
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([host, v]) => ({ host, version: v }));
}
