import { type Lang, t } from '../i18n/index.js';

/*
 * "Did you mean …?" for every name a person types (hosts, checks, routines,
 * config keys). One rule everywhere, so a typo gets the same hint from
 * `ronde check`, `ronde history` and `config validate`.
 */

/**
 * Edit distance counting an adjacent transposition as one edit (optimal
 * string alignment, the restricted Damerau–Levenshtein distance): `apt.pendign`
 * is one typo away from `apt.pending`, not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Three rows: the one before the previous row is needed for transpositions.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` (ignoring case) when it is near enough to be
 * a typo of it: at most 2 edits, or a third of the word's length for long
 * names. Ties go to the first candidate. Undefined when nothing is that close.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/** ` — did you mean "x"?` (` — vouliez-vous dire « x » ?`) or nothing: the hint as every message shows it. */
export function didYouMean(word: string, candidates: Iterable<string>, lang: Lang = 'en'): string {
  const guess = suggest(word, candidates);
  return guess === undefined ? '' : t(lang, 'config.didYouMean', { guess });
}
