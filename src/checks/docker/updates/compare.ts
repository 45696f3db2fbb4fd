import { resolveSecrets, SecretError } from '../../../config/secrets.js';
import { makeSource } from '../../../sources/index.js';
import { describeFailure, lookupReleases } from '../../../sources/lookup.js';
import { OciSource, parseImage, splitImage } from '../../../sources/oci.js';
import {
  applyPolicy,
  extractVersion,
  lagOf,
  parseVersion,
  sameVariantExtract,
} from '../../../sources/version.js';
import type { ImageFacts, Levels } from './judge.js';
import type { DockerUpdatesOptions, Service } from './options.js';
import type { RunningImage } from './running.js';

/** Compares one running image with upstream. Never throws for a source failure: that is UNKNOWN. */
export async function compare(
  svc: Service | undefined,
  group: RunningImage[],
  o: DockerUpdatesOptions,
  now: Date,
  signal: AbortSignal,
): Promise<ImageFacts> {
  const first = group[0]!;
  const ref = parseImage(first.image, o.insecure_registries);
  const tag = ref.tag ?? 'latest';
  const levels: Levels = { ...o.levels, ...svc?.levels };
  const facts: ImageFacts = {
    service: svc?.name ?? splitImage(first.image).repository,
    image: first.image,
    containers: group.map((g) => g.container),
    levels,
  };
  let token: string | undefined;
  try {
    token = svc?.token ? resolveSecrets(svc.token).reveal() : undefined;
  } catch (err) {
    if (err instanceof SecretError) return { ...facts, unknown: err.message };
    throw err;
  }
  const labelSource = first.labels['org.opencontainers.image.source'];
  const fromLabel = /^https:\/\/(?<host>github\.com|gitlab\.com)\/(?<repo>[^/]+\/[^/#?]+?)(\.git)?\/?$/.exec(
    labelSource ?? '',
  );
  const sourceId =
    svc?.source ?? (fromLabel ? (fromLabel.groups!.host === 'github.com' ? 'github' : 'gitlab') : 'oci');
  const http = { timeoutMs: o.request_timeout * 1000, now: () => now };
  const registry = new OciSource({
    ...http,
    baseUrl: svc?.base_url && sourceId === 'oci' ? svc.base_url : ref.registry,
    ...(svc?.username ? { username: svc.username, password: token ?? '' } : {}),
  });
  const running =
    // A service's `extract` is for upstream tags; for a registry source those are the running tags too.
    extractVersion(tag, {
      extract: (sourceId === 'oci' ? svc?.extract : undefined) ?? sameVariantExtract(tag) ?? '^$',
    }) ?? extractVersion(first.labels['org.opencontainers.image.version'] ?? '', {});
  const source =
    sourceId === 'oci'
      ? registry
      : makeSource(sourceId, {
          ...http,
          ...(svc?.base_url ? { baseUrl: svc.base_url } : {}),
          ...(token ? { token } : {}),
        });
  try {
    const repo = sourceId === 'oci' ? ref.name : (svc?.repo ?? fromLabel?.groups?.repo ?? '');
    const digestTags = sourceId === 'oci' && first.digest ? [tag] : [];
    const list = await lookupReleases(
      source,
      { repo, useTags: svc?.use_tags ?? false, digestTags },
      { now, signal },
    );
    if (!list) return { ...facts, unknown: `${repo} not found at ${source.baseUrl}` };
    if (first.digest) {
      const upstream =
        sourceId === 'oci'
          ? list.releases.find((r) => r.tag === tag)?.digest
          : await registry.digest(ref.name, tag, signal);
      if (upstream && !group.some((g) => g.digest === upstream)) facts.rebuilt = true;
    }
    if (running === null) {
      if (first.digest) return facts; // a moving tag (`latest`): the digest is all there is to compare
      return {
        ...facts,
        unknown: `cannot tell the running version of ${first.image} (no version tag, label or digest)`,
      };
    }
    const extract = svc?.extract ?? (sourceId === 'oci' ? sameVariantExtract(tag) : undefined);
    const offered = applyPolicy(list.releases, {
      ...(extract ? { extract } : {}),
      prerelease: svc?.prerelease ?? false,
      ignore: svc?.ignore ?? [],
    });
    const latest = offered[0];
    if (!latest)
      return { ...facts, running, unknown: `no upstream release of ${repo} matches the version policy` };
    const lag = lagOf(parseVersion(running)!, parseVersion(latest.version)!);
    return {
      ...facts,
      running,
      latest: latest.version,
      ...(lag ? { lag } : {}),
      ...(latest.url ? { url: latest.url } : {}),
    };
  } catch (err) {
    const { why, resetAt } = describeFailure(err);
    const limitedOrigin = new URL(source.baseUrl).origin;
    return {
      ...facts,
      unknown: resetAt ? `${why} (rate-limited until ${resetAt})` : why,
      ...(resetAt ? { resetAt, limitedOrigin } : {}),
    };
  }
}
