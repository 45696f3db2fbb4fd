import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { type Lang, t } from '../i18n/index.js';

/** One mistake in the configuration. `line`/`col` are 1-based; 0 when the problem has no position. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  /** `hosts[2].address`; empty for the whole file. */
  path: string;
  message: string;
}

/** The configuration is wrong; `problems` lists every mistake found, in file order. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  /** `lang`: the language the messages were said in (the count of unlisted ones follows it). */
  constructor(
    problems: ConfigProblem[],
    readonly lang: Lang = 'en',
  ) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
    super(formatProblems(sorted, lang));
    this.name = 'ConfigError';
    this.problems = sorted;
  }

  /** One line per problem: `ronde.yaml:12:5: hosts[2].address: expected string, received number`. */
  format(): string {
    return formatProblems(this.problems, this.lang);
  }
}

/** Problems listed; past these, a count: the first ones are what to fix, and a hostile file lists 100,000. */
export const MAX_LISTED_PROBLEMS = 50;

function formatProblems(problems: readonly ConfigProblem[], lang: Lang): string {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
    return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
  });
  const rest = problems.length - lines.length;
  if (rest > 0) lines.push(t(lang, 'config.moreProblems', { n: rest }));
  return lines.join('\n');
}

/** `['hosts', 2, 'address']` → `hosts[2].address`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const k = String(key);
      out += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? (out ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
    }
  }
  return out;
}

export interface Location {
  line: number;
  col: number;
  /** Byte range of the node the problem points at, to tell whether it overlaps a YAML syntax error. */
  range: [number, number];
}

/**
 * Where a schema issue's path is in the YAML: the deepest node that exists
 * (a missing key points at its parent object). With `key`, the key itself of
 * that entry in the map at `path` (for unknown keys).
 */
export function locate(doc: Document, lc: LineCounter, path: readonly PropertyKey[], key?: string): Location {
  let node: unknown = doc.contents;
  let found: Node | null = isNodeLike(node) ? node : null;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    let next: unknown;
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(step));
      if (pair && key !== undefined && i === steps.length - 1 && isNodeLike(pair.key)) {
        found = pair.key;
        break;
      }
      next = pair?.value;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    if (!isNodeLike(next)) break;
    node = next;
    found = next;
  }
  const range: [number, number] = found?.range ? [found.range[0], found.range[2]] : [0, 0];
  const pos = lc.linePos(range[0]);
  return { line: pos.line, col: pos.col, range };
}

/*
 * The pairs of a map by key, built once per map: locating each of n problems
 * in a map of n keys by a scan would be n² (100,000 unknown keys: minutes).
 * Weak, so a document's index goes with it.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = isPair(p) ? scalarKey(p.key) : undefined;
      // The first of duplicate keys, as a scan would find it.
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function scalarKey(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

function isNodeLike(n: unknown): n is Node {
  return typeof n === 'object' && n !== null && 'range' in n;
}
