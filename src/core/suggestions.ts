/**
 * Something a person may pick up when they have time — a forgotten issue, a
 * wiki page to write. A kind lists them in its outcome's
 * `details.suggestions`; the weekly digest and the dashboard show them
 * whatever the status, and they are never announced on their own (seed R13:
 * suggestions, not alerts).
 */
export interface Suggestion {
  /** One line, e.g. `team/infra#12 Renew the wildcard certificate`. */
  text: string;
  /** Where to act (the issue, the page). */
  url?: string;
  /** Date (YYYY-MM-DD) of the last activity, when it matters. */
  since?: string;
  /** What it is grouped under (a label, an assignee, "missing page"). */
  group?: string;
}

/** The suggestions of stored details, keeping only well-formed ones (details are untyped JSON). */
export function suggestionsOf(details: Record<string, unknown> | undefined): Suggestion[] {
  const list = details?.suggestions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((s): Suggestion[] => {
    if (!s || typeof s !== 'object' || typeof (s as Suggestion).text !== 'string') return [];
    const { text, url, since, group } = s as Record<string, unknown>;
    return [
      {
        text: text as string,
        ...(typeof url === 'string' && /^https?:\/\//.test(url) ? { url } : {}),
        ...(typeof since === 'string' ? { since } : {}),
        ...(typeof group === 'string' ? { group } : {}),
      },
    ];
  });
}
