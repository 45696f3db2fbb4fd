import type { Kysely } from 'kysely';
import { type Suggestion, suggestionsOf } from '../core/suggestions.js';
import { type Lang, t } from '../i18n/index.js';
import type { Database } from '../store/schema.js';
import { md } from './format.js';

/*
 * The digest's "when you have time" section: what checks suggest (forgotten
 * issues, wiki pages to write — `details.suggestions` of their latest
 * result), whatever their status. They reach people once a week, here, and
 * are never announced on their own: an idle issue is not an alert (seed R13).
 */

export interface CheckSuggestions {
  check: string;
  target: string;
  summary: string;
  items: Suggestion[];
}

/** Suggestions listed per check: the kind already limits its own list. */
const MAX_PER_CHECK = 15;

/** The latest suggestions of each check seen since `since` (epoch ms), by host then check. */
export async function latestSuggestions(trx: Kysely<Database>, since: number): Promise<CheckSuggestions[]> {
  const rows = await trx
    .selectFrom('check_state')
    .innerJoin('results', 'results.id', 'check_state.last_result_id')
    .select(['check_state.check_name', 'check_state.target', 'check_state.summary', 'results.data'])
    .where('check_state.last_at', '>=', since)
    // Only results that carry suggestions are parsed (a week's digest, but a fleet may have thousands of checks).
    .where('results.data', 'like', '%"suggestions":[{%')
    .orderBy('check_state.target')
    .orderBy('check_state.check_name')
    .execute();
  return rows.flatMap((r) => {
    let details: Record<string, unknown> | undefined;
    try {
      details = (JSON.parse(r.data) as { details?: Record<string, unknown> }).details;
    } catch {
      return [];
    }
    const items = suggestionsOf(details).slice(0, MAX_PER_CHECK);
    return items.length > 0 ? [{ check: r.check_name, target: r.target, summary: r.summary, items }] : [];
  });
}

/** The markdown section, or undefined when nothing is suggested. */
export function suggestionsSection(lang: Lang, list: readonly CheckSuggestions[]): string | undefined {
  if (list.length === 0) return undefined;
  const lines = [t(lang, 'digest.suggestions')];
  for (const c of list) {
    lines.push(`- \`${c.check.replaceAll('`', "'")}\` (${md(c.target)}) — ${md(c.summary)}`);
    // Grouped (by label, assignee, "page to write"), groups in order of first appearance
    // (the kind lists the oldest first), each item once.
    const groups = new Map<string, Suggestion[]>();
    for (const s of c.items) groups.set(s.group ?? '', [...(groups.get(s.group ?? '') ?? []), s]);
    for (const [group, items] of groups) {
      const indent = group ? '    ' : '  ';
      if (group) lines.push(`  - **${md(group)}**`);
      for (const s of items) {
        const text = s.url ? `[${md(s.text)}](${s.url.replace(/[()\s]/g, encodeURIComponent)})` : md(s.text);
        const since = s.since ? ` — ${t(lang, 'digest.suggestion.since', { date: s.since })}` : '';
        lines.push(`${indent}- ${text}${since}`);
      }
    }
  }
  return lines.join('\n');
}
