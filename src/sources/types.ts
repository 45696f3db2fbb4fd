import { attachSaid, englishOf, type Said } from '../core/said.js';
/*
 * One small contract for every release source (style guide §2, after
 * Renovate's datasources): `getReleases(ref)` returns what upstream offers,
 * `null` when the repository or image does not exist, and throws SourceError
 * when it could not tell. A source never decides what is "newest": the
 * version policy (version.ts) does, so every source is judged the same way.
 */

/** One published version as upstream names it. */
export interface Release {
  /** The version as compared (`8.1.2`), extracted from the tag by the policy. */
  version: string;
  /** The tag or release name upstream (`v8.1.2`, `8.1.2-debian`). */
  tag: string;
  /** OCI manifest digest (`sha256:…`), when asked for this tag. */
  digest?: string;
  /** ISO 8601, when upstream says. */
  publishedAt?: string;
  /** Release notes or the tag's page. */
  url?: string;
  /** Upstream marks it a pre-release (GitHub flag, GitLab upcoming release). */
  prerelease: boolean;
}

export interface ReleaseList {
  releases: Release[];
  /** Validator of the first page, for the next conditional request. */
  etag?: string;
}

/** What to look up. `repo` is `owner/name` (GitHub), a project path (GitLab) or an image (OCI). */
export interface ReleaseRef {
  repo: string;
  /** GitHub/GitLab: read tags instead of releases (projects that only tag). */
  useTags?: boolean;
  /** OCI: tags whose manifest digest is wanted (the moving tags a host runs, e.g. `latest`). */
  digestTags?: readonly string[];
}

export type SourceId = 'oci' | 'github' | 'gitlab';

export interface ReleaseSource {
  readonly id: SourceId;
  /** Where it asks (`https://api.github.com`); tests point it at a fake on 127.0.0.1. */
  readonly baseUrl: string;
  getReleases(ref: ReleaseRef, signal?: AbortSignal): Promise<ReleaseList | null>;
}

export type SourceFailure = 'rate-limited' | 'transient' | 'permanent';

/**
 * Why a lookup could not tell (style guide §4): `rate-limited` carries when
 * asking again makes sense; `transient` (network, 5xx) may be retried later;
 * `permanent` (refused token, unknown answer shape) needs a person. Never
 * read as "up to date".
 */
export class SourceError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly kind: SourceFailure,
    readonly resetAt?: Date,
  ) {
    super(englishOf(message));
    this.name = 'SourceError';
    attachSaid(this, message);
  }
}
