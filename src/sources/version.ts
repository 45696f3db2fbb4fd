import type { Release } from './types.js';

/*
 * Versions and the per-service policy. Tags are not all semver (`1.25`,
 * `v2`, `8.1.2-debian`, `2024.04.1`): a version here is 1 to 4 numeric
 * parts, an optional semver pre-release, an optional build. Kept in-house
 * rather than npm `semver`, whose strict parse refuses `1.25` and whose
 * `coerce` silently drops the pre-release we must see to ignore it.
 */

export interface Version {
  nums: number[];
  /** Pre-release identifiers (`rc`, `1`); empty for a release. */
  pre: string[];
}

const VERSION_RE = /^v?(?<nums>\d+(?:\.\d+){0,3})(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(s: string): Version | null {
  const m = VERSION_RE.exec(s.trim());
  if (!m?.groups) return null;
  const nums = m.groups.nums!.split('.').map(Number);
  if (nums.some((n) => !Number.isSafeInteger(n))) return null;
  return { nums, pre: m.groups.pre ? m.groups.pre.split('.') : [] };
}

/** Negative when a < b. Missing parts count as 0 (`1.2` = `1.2.0`); a pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 4; i++) {
    const d = (a.nums[i] ?? 0) - (b.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export type Lag = 'major' | 'minor' | 'patch' | 'build' | 'pre';

/** How far `running` is behind `latest`; undefined when it is not behind. */
export function lagOf(running: Version, latest: Version): Lag | undefined {
  if (compareVersions(running, latest) >= 0) return undefined;
  const names: Lag[] = ['major', 'minor', 'patch', 'build'];
  for (let i = 0; i < 4; i++) if ((running.nums[i] ?? 0) !== (latest.nums[i] ?? 0)) return names[i];
  return 'pre';
}

export interface VersionPolicy {
  /** Regex run on each tag; the version is its `version` group, else group 1, else the match. */
  extract?: string;
  /** Offer pre-releases (default false). */
  prerelease?: boolean;
  /** Versions or tags never offered; `*` is a wildcard (`2.*`, `*-rc*`). */
  ignore?: readonly string[];
}

/** Extracts the version of one tag under a policy; null when the tag is not a version there. */
export function extractVersion(tag: string, policy: VersionPolicy): string | null {
  if (!policy.extract) return parseVersion(tag) ? tag.replace(/^v(?=\d)/, '') : null;
  const m = new RegExp(policy.extract).exec(tag);
  if (!m) return null;
  const v = m.groups?.version ?? m[1] ?? m[0];
  return parseVersion(v) ? v.replace(/^v(?=\d)/, '') : null;
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
}

/**
 * The releases a policy offers, newest first: tags that are versions under
 * `extract`, without drafts' kin (pre-releases, unless asked) or ignored ones.
 */
export function applyPolicy(releases: readonly Release[], policy: VersionPolicy = {}): Release[] {
  const ignore = (policy.ignore ?? []).map(glob);
  const out: { r: Release; v: Version }[] = [];
  for (const r of releases) {
    const version = extractVersion(r.tag, policy);
    const v = version === null ? null : parseVersion(version);
    if (version === null || !v) continue;
    const pre = r.prerelease || v.pre.length > 0;
    if (pre && !policy.prerelease) continue;
    if (ignore.some((g) => g.test(version) || g.test(r.tag))) continue;
    out.push({ r: { ...r, version, prerelease: pre }, v });
  }
  out.sort((a, b) => compareVersions(b.v, a.v) || a.r.tag.length - b.r.tag.length);
  // One entry per version (`v1.2.0` and `1.2.0` tags of the same release).
  const seen = new Set<string>();
  return out.filter(({ r }) => !seen.has(r.version) && seen.add(r.version)).map(({ r }) => r);
}

/**
 * For a running tag with a variant suffix (`8.1.2-debian`, `1.25-alpine`):
 * the policy that offers only tags of the same variant and shape, so
 * `-alpine` is never compared with `-bookworm` nor `1.25` with `1.25.3`.
 */
export function sameVariantExtract(tag: string): string | undefined {
  const m = /^(?<v>v?)(?<nums>\d+(?:\.\d+){0,3})(?<rest>-[A-Za-z][0-9A-Za-z.-]*)?$/.exec(tag);
  if (!m?.groups) return undefined;
  const parts = m.groups.nums!.split('.').length;
  const esc = (m.groups.rest ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return `^${m.groups.v}(?<version>\\d+${'(?:\\.\\d+)'.repeat(parts - 1)})${esc}$`;
}
