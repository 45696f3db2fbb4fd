/** Host selection: `all`, a host name, `tag:NAME`, each optionally prefixed with `!` to exclude. */
export interface Selectable {
  name: string;
  tags: readonly string[];
}

export function matches(selector: string, host: Selectable): boolean {
  if (selector === 'all') return true;
  if (selector.startsWith('tag:')) return host.tags.includes(selector.slice(4));
  return host.name === selector;
}

/** The union of the positive selectors (all when there is none) minus the excluded ones. */
export function select<H extends Selectable>(hosts: readonly H[], selectors: readonly string[]): H[] {
  const include = selectors.filter((s) => !s.startsWith('!'));
  const exclude = selectors.filter((s) => s.startsWith('!')).map((s) => s.slice(1));
  return hosts.filter(
    (h) =>
      (include.length === 0 || include.some((s) => matches(s, h))) && !exclude.some((s) => matches(s, h)),
  );
}
