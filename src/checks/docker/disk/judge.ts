import type { SystemDf } from '../../../clients/docker/client.js';
import { formatSize } from '../../../config/size.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t as say } from '../../../i18n/index.js';

export interface DockerUsage {
  images: { count: number; size: number; reclaimable: number };
  containers: { count: number; size: number; reclaimable: number };
  /** Volumes are data: their unused size is shown, never counted as reclaimable. */
  volumes: { count: number; size: number; unused: number; unusedSize: number };
  buildCache: { count: number; size: number; reclaimable: number };
  total: number;
  reclaimable: number;
}

/** `/system/df` summed as `docker system df` does; unknown sizes (-1) count as 0. */
export function summarizeDf(df: SystemDf): DockerUsage {
  const pos = (n: number | undefined) => (n !== undefined && n > 0 ? n : 0);
  const unusedImages = df.Images.filter((i) => i.Containers === 0);
  const images = {
    count: df.Images.length,
    size: pos(df.LayersSize),
    reclaimable: unusedImages.reduce((s, i) => s + pos(i.Size) - pos(i.SharedSize), 0),
  };
  const containers = {
    count: df.Containers.length,
    size: df.Containers.reduce((s, c) => s + pos(c.SizeRw), 0),
    reclaimable: df.Containers.filter((c) => c.State !== 'running').reduce((s, c) => s + pos(c.SizeRw), 0),
  };
  const unused = df.Volumes.filter((v) => v.UsageData?.RefCount === 0);
  const volumes = {
    count: df.Volumes.length,
    size: df.Volumes.reduce((s, v) => s + pos(v.UsageData?.Size), 0),
    unused: unused.length,
    unusedSize: unused.reduce((s, v) => s + pos(v.UsageData?.Size), 0),
  };
  const own = df.BuildCache.filter((b) => !b.Shared);
  const buildCache = {
    count: df.BuildCache.length,
    size: own.reduce((s, b) => s + pos(b.Size), 0),
    reclaimable: own.filter((b) => !b.InUse).reduce((s, b) => s + pos(b.Size), 0),
  };
  return {
    images,
    containers,
    volumes,
    buildCache,
    total: images.size + containers.size + volumes.size + buildCache.size,
    reclaimable: images.reclaimable + containers.reclaimable + buildCache.reclaimable,
  };
}

export interface DiskThresholds {
  warnSize?: number | undefined;
  critSize?: number | undefined;
  /** Percent of the filesystem holding Docker's root. */
  warnShare: number;
  critShare: number;
}

/** Docker's total against absolute sizes and against its share of the filesystem it lives on. */
export function judgeDockerDisk(
  u: DockerUsage,
  fs: { mount: string; size: number; used: number } | undefined,
  t: DiskThresholds,
  lang: Lang,
): CheckOutcome {
  const reasons: string[] = [];
  const statuses: Status[] = ['OK'];
  const total = formatSize(u.total);
  if (t.critSize !== undefined && u.total >= t.critSize) {
    statuses.push('CRIT');
    reasons.push(say(lang, 'docker.disk.overSize', { total, limit: formatSize(t.critSize) }));
  } else if (t.warnSize !== undefined && u.total >= t.warnSize) {
    statuses.push('WARN');
    reasons.push(say(lang, 'docker.disk.overSize', { total, limit: formatSize(t.warnSize) }));
  }
  const share = fs && fs.size > 0 ? (100 * u.total) / fs.size : undefined;
  if (share !== undefined && fs) {
    const of = { share: share.toFixed(1), mount: fs.mount, fsSize: formatSize(fs.size) };
    if (share >= t.critShare) {
      statuses.push('CRIT');
      reasons.push(say(lang, 'docker.disk.overShare', { ...of, limit: t.critShare }));
    } else if (share >= t.warnShare) {
      statuses.push('WARN');
      reasons.push(say(lang, 'docker.disk.overShare', { ...of, limit: t.warnShare }));
    }
  }
  if (reasons.length > 0 && u.reclaimable > 0)
    reasons.push(say(lang, 'docker.disk.prune', { size: formatSize(u.reclaimable) }));
  return {
    status: worst(statuses),
    summary: say(lang, 'docker.disk.summary', {
      total,
      share: share !== undefined && fs ? share.toFixed(1) : '',
      mount: fs?.mount ?? '',
      reclaimable: formatSize(u.reclaimable),
    }),
    reasons,
    details: {
      ...u,
      filesystem: fs ?? null,
      sharePct: share === undefined ? null : Number(share.toFixed(2)),
    },
  };
}
