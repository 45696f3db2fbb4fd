import { GithubSource } from './github.js';
import { GitlabSource } from './gitlab.js';
import type { HttpOptions } from './http.js';
import { OciSource } from './oci.js';
import type { ReleaseSource, SourceId } from './types.js';

export { GithubSource } from './github.js';
export { GitlabSource } from './gitlab.js';
export { OciSource, parseImage } from './oci.js';
export * from './types.js';

/** Every source kind, one line each: the registry the config schema and docs read. */
export const SOURCE_IDS = ['oci', 'github', 'gitlab'] as const satisfies readonly SourceId[];

export interface SourceSettings extends HttpOptions {
  baseUrl?: string;
  /** GitHub/GitLab token; OCI password (with `username`). Already resolved. */
  token?: string;
  username?: string;
}

/** A source from settings; the default base URL is the public service of each kind. */
export function makeSource(id: SourceId, s: SourceSettings = {}): ReleaseSource {
  if (id === 'github') return new GithubSource(s);
  if (id === 'gitlab') return new GitlabSource(s);
  const { token, ...rest } = s;
  return new OciSource(token !== undefined ? { ...rest, password: token } : rest);
}
