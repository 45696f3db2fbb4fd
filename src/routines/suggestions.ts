import type { Kysely } from 'kysely';
import { resultKey } from '../core/check.js';
import { type Suggestion, suggestionsOf } from '../core/suggestions.js';
import type { Database } from '../store/schema.js';

/**
 * What the latest results of a routine's linked checks suggest (pages to
 * write, forgotten issues), by `resultKey(target, check)`: the routine's page
 * and `ronde routines show` list them under each check (R12, R13).
 */
export async function linkedSuggestions(
  db: Kysely<Database>,
  linked: readonly { target: string; check: string }[],
): Promise<Map<string, Suggestion[]>> {
  const out = new Map<string, Suggestion[]>();
  for (const l of linked) {
    const row = await db
      .selectFrom('check_state')
      .innerJoin('results', 'results.id', 'check_state.last_result_id')
      .select('results.data')
      .where('check_state.target', '=', l.target)
      .where('check_state.check_name', '=', l.check)
      .executeTakeFirst();
    let details: Record<string, unknown> | undefined;
    try {
      details = row ? (JSON.parse(row.data) as { details?: Record<string, unknown> }).details : undefined;
    } catch {
      details = undefined;
    }
    const list = suggestionsOf(details);
    if (list.length > 0) out.set(resultKey(l.target, l.check), list);
  }
  return out;
}
