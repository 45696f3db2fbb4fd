import type { ContainerSummary, ImageSummary } from '../../../clients/docker/client.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';

export interface RunningImage {
  id: string;
  /** Tags of the image, else the reference the containers were started from. */
  name: string;
  created: Date;
  containers: string[];
}

/** The images of running containers, with their creation date; images the engine no longer lists are skipped. */
export function runningImages(
  containers: readonly ContainerSummary[],
  images: readonly ImageSummary[],
  ignore: readonly string[],
): RunningImage[] {
  const byId = new Map(images.map((i) => [i.Id, i]));
  const out = new Map<string, RunningImage>();
  for (const c of containers) {
    if (c.State !== 'running') continue;
    const img = byId.get(c.ImageID);
    if (!img) continue;
    const name = img.RepoTags[0] ?? c.Image;
    if (ignore.some((p) => name === p || name.startsWith(`${p}:`) || name.startsWith(`${p}/`))) continue;
    const seen = out.get(img.Id);
    const who = (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    if (seen) seen.containers.push(who);
    else out.set(img.Id, { id: img.Id, name, created: new Date(img.Created * 1000), containers: [who] });
  }
  return [...out.values()].sort((a, b) => a.created.getTime() - b.created.getTime());
}

/** Each running image's age against max_age (WARN) and crit_age (CRIT). */
export function judgeImageAge(
  images: readonly RunningImage[],
  now: Date,
  maxAgeSec: number,
  critAgeSec: number | undefined,
  lang: Lang,
): CheckOutcome {
  const days = (s: number) => Math.floor(s / 86_400);
  const rows = images.map((i) => {
    const age = Math.max(0, (now.getTime() - i.created.getTime()) / 1000);
    const status: Status =
      critAgeSec !== undefined && age >= critAgeSec ? 'CRIT' : age >= maxAgeSec ? 'WARN' : 'OK';
    return { ...i, ageDays: days(age), status };
  });
  const old = rows.filter((r) => r.status !== 'OK');
  const oldest = rows[0];
  const summary =
    rows.length === 0
      ? t(lang, 'docker.image_age.none')
      : old.length === 0
        ? t(lang, 'docker.image_age.ok', { n: rows.length, days: oldest!.ageDays })
        : t(lang, 'docker.image_age.old', { k: old.length, n: rows.length, days: days(maxAgeSec) });
  return {
    status: worst(rows.map((r) => r.status)),
    summary,
    reasons: old.map((r) =>
      t(lang, 'docker.image_age.reason', {
        name: r.name,
        date: r.created.toISOString().slice(0, 10),
        days: r.ageDays,
        containers: r.containers.join(', '),
      }),
    ),
    details: {
      images: rows.map((r) => ({
        image: r.name,
        id: r.id,
        created: r.created.toISOString(),
        ageDays: r.ageDays,
        containers: r.containers,
        status: r.status,
      })),
    },
  };
}
