import { sharedGate } from './http.js';
import { type ReleaseList, type ReleaseRef, type ReleaseSource, SourceError } from './types.js';

/*
 * Memoised lookups: a fleet where fifty hosts run `redis` asks upstream once
 * per round, not fifty times (quota matters: Docker Hub gives anonymous
 * clients 100 pulls per 6 h). A failure is remembered for a minute, so a
 * broken upstream is not hammered by every host of the round either.
 */

const OK_TTL_MS = 10 * 60_000;
const FAIL_TTL_MS = 60_000;

type Entry = { at: number; value: Promise<ReleaseList | null> };
const memo = new Map<string, Entry>();

export function lookupReleases(
  source: ReleaseSource,
  ref: ReleaseRef,
  o: { now?: Date; signal?: AbortSignal } = {},
): Promise<ReleaseList | null> {
  const t = (o.now ?? new Date()).getTime();
  const key = [
    source.id,
    source.baseUrl,
    ref.repo,
    ref.useTags ? 'tags' : '',
    ...(ref.digestTags ?? []),
  ].join(' ');
  const hit = memo.get(key);
  if (hit && t - hit.at < OK_TTL_MS) return hit.value;
  const value = source.getReleases(ref, o.signal);
  memo.set(key, { at: t, value });
  value.catch(() => {
    // Keep a failure only a minute (and a rate limit until its reset, through the gate).
    memo.set(key, { at: t - OK_TTL_MS + FAIL_TTL_MS, value });
  });
  if (memo.size > 2000) memo.delete(memo.keys().next().value!);
  return value;
}

/** Forgets every memoised answer (tests; a config reload). */
export function clearLookups(): void {
  memo.clear();
}

/** A rate limit remembered in a previous result (across restarts): block that origin until then. */
export function rememberRateLimit(origin: string, until: Date, now: Date): void {
  if (until > now) sharedGate.block(origin, until);
}

export function describeFailure(err: unknown): { why: string; resetAt?: string } {
  if (err instanceof SourceError)
    return err.resetAt ? { why: err.message, resetAt: err.resetAt.toISOString() } : { why: err.message };
  throw err;
}
