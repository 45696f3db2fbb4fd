import type { Kysely } from 'kysely';
import type { Config } from '../config/schema.js';
import { resolveSecrets } from '../config/secrets.js';
import { enqueue, type Routing } from '../notify/outbox.js';
import { makeSource } from '../sources/index.js';
import { parseImage } from '../sources/oci.js';
import { type Release, type ReleaseSource, SourceError } from '../sources/types.js';
import { applyPolicy } from '../sources/version.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import { burstMessage, firstLookMessage, type NewRelease, releaseMessage } from './format.js';
import { hostsRunningOlder } from './hosts.js';
import type { ReleaseWatch } from './schema.js';

/*
 * The release bot (R3: "the update bot posts new releases to Mattermost").
 * Each tick asks every watch's source, then in ONE transaction records the
 * versions seen and enqueues the messages (outbox keys name watch+version):
 * a crash loses neither, a restart re-posts nothing. A watch's first look
 * records what exists silently; all first looks of a tick make one summary.
 */

/** More new versions than this at once are folded into one message. */
const BURST = 3;

export interface CheckReleasesOptions {
  /** The source of a watch (tests: a fake's base URL); default from the watch's settings. */
  sourceFor?: (w: ReleaseWatch) => ReleaseSource;
  signal?: AbortSignal;
}

export interface WatchReport {
  watch: string;
  outcome: 'first-look' | 'new' | 'unchanged' | 'rate-limited' | 'error';
  versions?: string[];
  error?: string;
  /** ISO time the source's rate limit resets. */
  resetAt?: string;
}

export function defaultSourceFor(w: ReleaseWatch): ReleaseSource {
  const token = w.token ? resolveSecrets(w.token).reveal() : undefined;
  const baseUrl = w.base_url ?? (w.source === 'oci' ? parseImage(w.repo).registry : undefined);
  return makeSource(w.source, {
    ...(baseUrl ? { baseUrl } : {}),
    ...(token ? { token } : {}),
    ...(w.username ? { username: w.username } : {}),
  });
}

type Fetched =
  | { w: ReleaseWatch; offered: Release[] }
  | { w: ReleaseWatch; report: WatchReport; resetAt?: number };

async function fetchWatch(
  w: ReleaseWatch,
  limitedUntil: number | undefined,
  now: Date,
  o: CheckReleasesOptions,
): Promise<Fetched> {
  // Rate-limited before (maybe before a restart): do not ask before the reset.
  if (limitedUntil && limitedUntil > now.getTime()) {
    const resetAt = new Date(limitedUntil).toISOString();
    return { w, report: { watch: w.name, outcome: 'rate-limited', resetAt }, resetAt: limitedUntil };
  }
  try {
    const source = (o.sourceFor ?? defaultSourceFor)(w);
    const repo = w.source === 'oci' ? parseImage(w.repo).name : w.repo;
    const list = await source.getReleases({ repo, useTags: w.use_tags }, o.signal);
    if (!list) return { w, report: { watch: w.name, outcome: 'error', error: `${w.repo} not found` } };
    const policy = {
      prerelease: w.prerelease,
      ignore: w.ignore,
      ...(w.extract ? { extract: w.extract } : {}),
    };
    return { w, offered: applyPolicy(list.releases, policy) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (e instanceof SourceError && e.kind === 'rate-limited' && e.resetAt)
      return {
        w,
        report: {
          watch: w.name,
          outcome: 'rate-limited',
          error: e.message,
          resetAt: e.resetAt.toISOString(),
        },
        resetAt: e.resetAt.getTime(),
      };
    return { w, report: { watch: w.name, outcome: 'error', error: e.message } };
  }
}

function routingFor(w: ReleaseWatch | undefined, config: Config): Routing {
  const notifierNames = config.notifiers.map((n) => n.name);
  if (w?.notify) return { notifierNames, routes: [{ events: ['release.new'], notifiers: w.notify }] };
  return { notifierNames, routes: config.routes };
}

/**
 * One tick of the release bot. Call it from the daemon every few hours (and
 * once at start): `await checkReleases(store, config, new Date())`; then the
 * outbox sender delivers. Safe to call again at any time: nothing is posted twice.
 */
export async function checkReleases(
  store: Pick<Store, 'conn'>,
  config: Pick<Config, 'releases' | 'notifiers' | 'routes'> & { language?: Config['language'] },
  now: Date,
  o: CheckReleasesOptions = {},
): Promise<WatchReport[]> {
  if (config.releases.length === 0) return [];
  const t = now.getTime();
  const watchRows = await store.conn.db.selectFrom('release_watch').selectAll().execute();
  const known = new Map(watchRows.map((r) => [r.watch, r]));
  const fetched = await Promise.all(
    config.releases.map((w) => {
      const until = known.get(w.name)?.rate_limited_until;
      return fetchWatch(w, until == null ? undefined : Number(until), now, o);
    }),
  );
  return store.conn.write(async (trx) => {
    const reports: WatchReport[] = [];
    const firstLooks: { name: string; latest?: string }[] = [];
    for (const f of fetched) {
      if ('report' in f) {
        reports.push(f.report);
        if (known.has(f.w.name) || f.resetAt)
          await upsertWatch(
            trx,
            f.w.name,
            t,
            { limitedUntil: f.resetAt ?? null, error: f.report.error ?? null },
            !known.has(f.w.name),
          );
        continue;
      }
      const report = await recordWatch(
        trx,
        f.w,
        f.offered,
        known.has(f.w.name) && Number(known.get(f.w.name)!.initialized_at) > 0,
        config as Config,
        now,
      );
      reports.push(report);
      if (report.outcome === 'first-look')
        firstLooks.push({ name: f.w.name, ...(f.offered[0] ? { latest: f.offered[0].version } : {}) });
    }
    if (firstLooks.length > 0) {
      const names = firstLooks.map((w) => w.name).sort();
      await enqueue(
        trx,
        `releases:first-look:${names.join(',')}:${t}`,
        firstLookMessage(config.language ?? 'en', firstLooks),
        routingFor(undefined, config as Config),
        now,
      );
    }
    return reports;
  });
}

async function recordWatch(
  trx: Kysely<Database>,
  w: ReleaseWatch,
  offered: Release[],
  initialized: boolean,
  config: Config,
  now: Date,
): Promise<WatchReport> {
  const t = now.getTime();
  const seenRows = await trx
    .selectFrom('release_seen')
    .select('version')
    .where('watch', '=', w.name)
    .execute();
  const seen = new Set(seenRows.map((r) => r.version));
  const fresh = offered.filter((r) => !seen.has(r.version));
  const announce = initialized && fresh.length > 0;
  for (const r of fresh)
    await trx
      .insertInto('release_seen')
      .values({
        watch: w.name,
        version: r.version,
        tag: r.tag,
        url: r.url ?? null,
        seen_at: t,
        announced: announce ? 1 : 0,
      })
      .onConflict((oc) => oc.columns(['watch', 'version']).doNothing())
      .execute();
  // Uninitialized = first look (or a watch that only errored so far): record silently.
  await upsertWatch(trx, w.name, t, { limitedUntil: null, error: null }, !initialized);
  if (!initialized) return { watch: w.name, outcome: 'first-look', versions: offered.map((r) => r.version) };
  if (!announce) return { watch: w.name, outcome: 'unchanged' };
  const images = w.images.length > 0 ? w.images : w.source === 'oci' ? [w.repo] : [];
  const older = await hostsRunningOlder(trx, images, fresh[0]!.version);
  const routing = routingFor(w, config);
  const asNew = (r: Release): NewRelease => ({
    version: r.version,
    tag: r.tag,
    ...(r.url ? { url: r.url } : {}),
  });
  if (fresh.length > BURST) {
    const identity = `release:${w.name}:burst:${fresh.map((r) => r.version).join(',')}`;
    await enqueue(
      trx,
      identity,
      burstMessage(config.language, w.name, fresh.map(asNew), older),
      routing,
      now,
    );
  } else {
    for (const r of fresh)
      await enqueue(
        trx,
        `release:${w.name}:${r.version}`,
        releaseMessage(config.language, w.name, asNew(r), older),
        routing,
        now,
      );
  }
  return { watch: w.name, outcome: 'new', versions: fresh.map((r) => r.version) };
}

async function upsertWatch(
  trx: Kysely<Database>,
  watch: string,
  t: number,
  s: { limitedUntil: number | null; error: string | null },
  fresh: boolean,
): Promise<void> {
  // initialized_at 0: the row only remembers a rate limit or error; the first look is still to come.
  const initialized = fresh ? (s.error === null && s.limitedUntil === null ? t : 0) : undefined;
  await trx
    .insertInto('release_watch')
    .values({
      watch,
      initialized_at: initialized ?? 0,
      checked_at: t,
      rate_limited_until: s.limitedUntil,
      last_error: s.error,
    })
    .onConflict((oc) =>
      oc.column('watch').doUpdateSet({
        checked_at: t,
        rate_limited_until: s.limitedUntil,
        last_error: s.error,
        ...(initialized ? { initialized_at: initialized } : {}),
      }),
    )
    .execute();
}
