import { type Alias, type Document, isAlias, isCollection, isPair, isScalar, type Node, visit } from 'yaml';

/*
 * Checks on the YAML document before it becomes data, linear in its size.
 *
 * Anchors and aliases under hostile input. ronde.yaml often lives in a
 * shared repository, so whoever can push to it can hand ronde a file crafted
 * against it: an "alias bomb" (billion laughs: nine aliases of nine aliases of
 * … stand for billions of values, and validation walks every one), an alias
 * to its own ancestor (an endless structure), an alias to no anchor. Each is
 * a configuration problem at the alias that causes it — never a crash, never
 * minutes of CPU. Checked on the document before it is turned into data.
 */

/**
 * How many values aliases may add to a file, in total: far above any real
 * configuration (a hundred hosts sharing a 50-value block add 5,000), far
 * below what makes validation slow.
 */
export const MAX_ALIAS_VALUES = 100_000;

export interface AliasProblem {
  /** Offset of the alias in the text. */
  offset: number;
  message: string;
}

/** The aliases of `doc` that cannot be expanded safely; [] when every alias is fine. */
export function aliasProblems(doc: Document): AliasProblem[] {
  const targets = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Document order: an alias stands for the last node with its anchor before it.
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  if (targets.size === 0) return [];

  const problems: AliasProblem[] = [];
  const at = (a: Alias) => a.range?.[0] ?? 0;
  for (const [alias, target] of targets)
    if (!target)
      problems.push({
        offset: at(alias),
        message: `alias *${alias.source} refers to no anchor: define &${alias.source} before using it`,
      });

  // Values a node stands for once its aliases are expanded, memoized per node (a DAG, not a tree).
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  const cyclic = new Set<Alias>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) return 1;
      if (open.has(target)) {
        cyclic.add(node);
        return 1;
      }
      return size(target);
    }
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let n = 1;
    for (const item of node.items) n += isPair(item) ? size(item.key) + size(item.value) : size(item);
    open.delete(node);
    // Capped: a bomb of a few more levels would overflow to Infinity, the verdict is the same.
    const capped = Math.min(n, Number.MAX_SAFE_INTEGER);
    sizes.set(node, capped);
    return capped;
  };
  let added = 0;
  let largest: { alias: Alias; values: number } | undefined;
  for (const [alias, target] of targets) {
    if (!target) continue;
    const values = size(alias);
    added = Math.min(added + values, Number.MAX_SAFE_INTEGER);
    if (!largest || values > largest.values) largest = { alias, values };
  }
  for (const alias of cyclic)
    problems.push({
      offset: at(alias),
      message: `alias *${alias.source} is inside its own anchor &${alias.source}: it stands for an endless structure`,
    });
  if (added > MAX_ALIAS_VALUES && largest)
    problems.push({
      offset: at(largest.alias),
      message:
        `aliases would add ${count(added)} values to the file, more than the ${count(MAX_ALIAS_VALUES)} allowed ` +
        `(an alias bomb?); the largest, *${largest.alias.source}, stands for ${count(largest.values)}`,
    });
  return problems;
}

function count(n: number): string {
  return n >= 1e15 ? 'more than 10^15' : n.toLocaleString('en-US');
}

/**
 * Offsets of the keys that repeat an earlier key of the same map. The YAML
 * library's own check compares each key with every earlier one (n² — minutes
 * for 100,000 keys), so it is turned off (`uniqueKeys: false`) and done here
 * with one set per map, with the same rule: scalar keys of equal value.
 */
export function duplicateKeys(doc: Document): number[] {
  const out: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) out.push(pair.key.range?.[0] ?? 0);
        else seen.add(pair.key.value);
      }
    },
  });
  return out;
}

/** Flow collections (`[…]`, `{…}`) nested deeper than this are refused before parsing. */
export const MAX_FLOW_DEPTH = 500;

/**
 * Offset of the bracket that nests flow collections past MAX_FLOW_DEPTH, or
 * undefined. The YAML parser recurses per level: a thousand levels exhaust its
 * stack (a parse error), ten thousand crash the process out of memory, which
 * no try/catch can turn into a problem. So the text is scanned first, linearly,
 * skipping quoted scalars and comments (a bracket in a plain scalar still
 * counts: close enough, no real file nests 500 deep).
 */
export function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === "'") {
      // '' inside is a quote: the loop ends on it and the next turn reopens the string.
      for (i++; i < text.length && text[i] !== "'"; i++);
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    }
  }
  return undefined;
}
