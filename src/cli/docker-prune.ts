import type { DockerClient, Volume } from '../clients/docker/client.js';
import { formatSize } from '../config/size.js';
import { say } from './lang.js';

export interface PruneChoice {
  unusedImages: boolean;
  volumes: boolean;
}

export interface PruneItem {
  kind: 'dangling image' | 'unused image' | 'build cache' | 'anonymous volume';
  id: string;
  name: string;
  size: number;
}

export interface PrunePlan {
  items: PruneItem[];
  /** Things deliberately kept, and why (shown in the dry run). */
  kept: string[];
  total: number;
}

const ANON = /^[0-9a-f]{64}$/;

/**
 * An unused volume ronde may remove: anonymous (a 64-hex name, or the label
 * newer engines set) and no Compose label. Selected one by one because on API
 * < 1.42 the engine's own `volume prune` also deletes named volumes.
 */
export function removableVolume(v: Volume): boolean {
  if (v.UsageData?.RefCount !== 0) return false;
  if (Object.keys(v.Labels).some((l) => l.startsWith('com.docker.compose.'))) return false;
  return ANON.test(v.Name) || 'com.docker.volume.anonymous' in v.Labels;
}

/** What `ronde docker prune` would remove, read from the engine; nothing is changed. */
export async function planPrune(api: DockerClient, choice: PruneChoice): Promise<PrunePlan> {
  const [containers, images, df] = [await api.containers(), await api.images(), await api.df()];
  // Stopped containers keep their image: it is not unused while they exist.
  const used = new Set(containers.map((c) => c.ImageID));
  const items: PruneItem[] = [];
  const kept: string[] = [];
  let unusedTagged = 0;
  for (const img of images) {
    if (used.has(img.Id)) continue;
    const short = img.Id.replace(/^sha256:/, '').slice(0, 12);
    if (img.RepoTags.length === 0)
      items.push({ kind: 'dangling image', id: img.Id, name: short, size: img.Size });
    else if (choice.unusedImages)
      items.push({ kind: 'unused image', id: img.Id, name: img.RepoTags.join(', '), size: img.Size });
    else unusedTagged++;
  }
  if (unusedTagged > 0) kept.push(say('cli.docker.keptTagged', { n: unusedTagged }));
  const cache = df.BuildCache.filter((b) => !b.InUse && !b.Shared);
  if (cache.length > 0)
    items.push({
      kind: 'build cache',
      id: 'build-cache',
      name: say('cli.docker.cacheEntries', { n: cache.length }),
      size: cache.reduce((s, b) => s + Math.max(0, b.Size), 0),
    });
  const volumes = df.Volumes.filter((v) => v.UsageData?.RefCount === 0);
  const anon = volumes.filter(removableVolume);
  if (choice.volumes)
    for (const v of anon)
      items.push({
        kind: 'anonymous volume',
        id: v.Name,
        name: v.Name.slice(0, 12),
        size: Math.max(0, v.UsageData?.Size ?? 0),
      });
  else if (anon.length > 0) kept.push(say('cli.docker.keptAnonymous', { n: anon.length }));
  const named = volumes.length - anon.length;
  if (named > 0) kept.push(say('cli.docker.keptNamed', { n: named }));
  return { items, kept, total: items.reduce((s, i) => s + i.size, 0) };
}

export interface PruneResult {
  removed: PruneItem[];
  failed: Array<{ item: PruneItem; error: string }>;
  freed: number;
}

/** Removes exactly the planned items, one by one; the engine refuses anything that came into use meanwhile. */
export async function applyPrune(api: DockerClient, plan: PrunePlan): Promise<PruneResult> {
  const out: PruneResult = { removed: [], failed: [], freed: 0 };
  for (const item of plan.items) {
    try {
      if (item.kind === 'build cache') {
        const r = await api.pruneBuildCache();
        out.freed += r.SpaceReclaimed;
      } else {
        if (item.kind === 'anonymous volume') await api.removeVolume(item.id);
        else await api.removeImage(item.id);
        out.freed += item.size;
      }
      out.removed.push(item);
    } catch (err) {
      out.failed.push({ item, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** An item's kind as a person reads it (`kind` itself is the plan's id of it). */
export function kindName(kind: PruneItem['kind']): string {
  return say(`cli.docker.kind.${kind}`);
}

export function renderPlan(plan: PrunePlan, host: string, dryRun: boolean): string {
  const width = Math.max(17, ...plan.items.map((i) => kindName(i.kind).length));
  const lines = plan.items.map((i) => `  ${kindName(i.kind).padEnd(width)} ${i.name}  ${formatSize(i.size)}`);
  const n = plan.items.length;
  const head = dryRun
    ? say('cli.docker.wouldRemove', { host, n, size: formatSize(plan.total) })
    : say('cli.docker.removing', { host, n });
  return [head, ...lines, ...plan.kept.map((what) => say('cli.docker.kept', { what }))].join('\n');
}
