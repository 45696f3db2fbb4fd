/**
 * Shell-style globs for mount points, unit names and file paths: `*` and `?`
 * stay within one path segment, `**` crosses segments, `[abc]`/`[!a-z]` are classes.
 * Kept tiny and ours because node's `path.matchesGlob` is still experimental on Node 20.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replaceAll('\\', '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\]/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, 's');
  } catch {
    // A malformed class such as `[z-a]`: match the glob literally rather than throw.
    return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 's');
  }
}

export function matchesAny(subject: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(subject));
}

/** True when a glob segment contains a wildcard. */
export function hasWildcard(segment: string): boolean {
  return /[*?[]/.test(segment);
}
