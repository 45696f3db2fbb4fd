/** OpenSSH's `match_pattern`: `*` any run, `?` one character, case-insensitive on host names. */
export function matchPattern(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
    'is',
  );
  return re.test(name);
}

/**
 * A whitespace- or comma-separated pattern list as in ssh_config `Host`: true
 * when one pattern matches and no negated (`!`) pattern does.
 */
export function matchPatternList(patterns: readonly string[], name: string): boolean {
  let hit = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (matchPattern(p.slice(1), name)) return false;
    } else if (matchPattern(p, name)) hit = true;
  }
  return hit;
}
