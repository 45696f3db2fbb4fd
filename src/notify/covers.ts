/*
 * What an acknowledgement, a silence or a maintenance window covers. Pure:
 * the page shows the cover beside the state (never instead of it), the
 * announcer holds back the messages of what is covered.
 */

import { type Lang, t } from '../i18n/index.js';

/** Every given field must match; an empty selector matches nothing (never "everything" by accident). */
export interface Selector {
  host?: string;
  tag?: string;
  kind?: string;
  check?: string;
}

export type CoverType = 'ack' | 'silence' | 'maintenance';

export interface Cover {
  type: CoverType;
  id: string;
  reason: string;
  by: string;
  at: Date;
  /** null: an acknowledgement until recovery. */
  until: Date | null;
  /** Acknowledgement: the check and target it names. */
  check?: string;
  target?: string;
  selector?: Selector;
  /** Maintenance from the configuration (`maintenance:`), not ended from the page. */
  recurring?: boolean;
  endWhenOk?: boolean;
}

export interface Subject {
  target: string;
  check: string;
  kind: string;
}

export function isEmptySelector(s: Selector): boolean {
  return !s.host && !s.tag && !s.kind && !s.check;
}

export function selectorMatches(
  s: Selector,
  x: Subject,
  hostTags: ReadonlyMap<string, readonly string[]>,
): boolean {
  if (isEmptySelector(s)) return false;
  if (s.host !== undefined && s.host !== x.target) return false;
  if (s.check !== undefined && s.check !== x.check) return false;
  if (s.kind !== undefined && s.kind !== x.kind) return false;
  if (s.tag !== undefined && !(hostTags.get(x.target) ?? []).includes(s.tag)) return false;
  return true;
}

/** The covers in force for one check on one target, acknowledgements first. */
export function coversOf(
  covers: readonly Cover[],
  x: Subject,
  hostTags: ReadonlyMap<string, readonly string[]>,
): Cover[] {
  return covers
    .filter((c) =>
      c.type === 'ack'
        ? c.target === x.target && c.check === x.check
        : c.selector !== undefined && selectorMatches(c.selector, x, hostTags),
    )
    .sort((a, b) => ORDER[a.type] - ORDER[b.type]);
}

const ORDER: Record<CoverType, number> = { ack: 0, maintenance: 1, silence: 2 };

/** `host=web1,tag=db` ⇄ selector; the CLI's and the page's way to write one. A refusal is said in `lang`. */
export function parseSelector(text: string, lang: Lang = 'en'): Selector | string {
  const out: Selector = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(host|tag|kind|check)=(.+)$/.exec(part);
    if (!m) return t(lang, 'cover.error.selector', { part });
    out[m[1] as keyof Selector] = m[2]!.trim();
  }
  if (isEmptySelector(out)) return t(lang, 'cover.error.emptySelector');
  return out;
}

export function formatSelector(s: Selector): string {
  return (['host', 'tag', 'kind', 'check'] as const)
    .filter((k) => s[k] !== undefined)
    .map((k) => `${k}=${s[k]}`)
    .join(',');
}
