import { type Said, said, saidIn } from '../../../core/said.js';

/**
 * SPF (RFC 7208) as far as a sysadmin needs it checked: one record, that parses, within the
 * limit of 10 DNS-querying terms (include, a, mx, ptr, exists, redirect), counted through
 * the includes. Pure: the caller fetches the records of included domains.
 */
export interface SpfTerm {
  qualifier: '+' | '-' | '~' | '?';
  name: string;
  value?: string;
}

export type SpfParse = { ok: true; terms: SpfTerm[] } | { ok: false; error: Said };

const MECHANISMS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const LOOKUPS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

export function isSpf(txt: string): boolean {
  return /^v=spf1(\s|$)/i.test(txt);
}

export function parseSpf(txt: string): SpfParse {
  if (!isSpf(txt)) return { ok: false, error: said('mail.dns.spf.notSpf') };
  const terms: SpfTerm[] = [];
  for (const word of txt.trim().split(/\s+/).slice(1)) {
    const mod = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(word);
    if (mod) {
      terms.push({ qualifier: '+', name: mod[1]!.toLowerCase(), value: mod[2]! });
      continue;
    }
    const m = /^([+\-~?]?)([a-z0-9]+)(?:[:/](.*))?$/i.exec(word);
    const name = m?.[2]?.toLowerCase();
    if (!m || !name || !MECHANISMS.has(name))
      return { ok: false, error: said('mail.dns.spf.unknownTerm', { word }) };
    if ((name === 'include' || name === 'exists') && !m[3])
      return { ok: false, error: said('mail.dns.spf.needsDomain', { word }) };
    if ((name === 'ip4' || name === 'ip6') && !m[3])
      return { ok: false, error: said('mail.dns.spf.needsAddress', { word }) };
    terms.push({
      qualifier: (m[1] || '+') as SpfTerm['qualifier'],
      name,
      ...(m[3] !== undefined ? { value: m[3] } : {}),
    });
  }
  const redirects = terms.filter((t) => t.name === 'redirect').length;
  if (redirects > 1) return { ok: false, error: said('mail.dns.spf.redirects') };
  return { ok: true, terms };
}

/** Terms of this record that cost a DNS lookup, and the domains to follow (include, redirect). */
export function lookupTerms(terms: readonly SpfTerm[]): { count: number; follow: string[] } {
  const counted = terms.filter((t) => LOOKUPS.has(t.name));
  const follow = counted
    .filter((t) => (t.name === 'include' || t.name === 'redirect') && t.value && !t.value.includes('%'))
    .map((t) => t.value!.replace(/\.$/, '').toLowerCase());
  return { count: counted.length, follow };
}

export interface SpfWalk {
  lookups: number;
  problems: Said[];
}

/**
 * Counts the lookups of a record and of everything it includes (depth-first, each domain once),
 * with `fetch(domain)` giving the SPF records a domain publishes.
 */
export async function walkSpf(
  record: string,
  fetch: (domain: string) => Promise<string[] | null>,
  maxDomains = 30,
): Promise<SpfWalk> {
  const problems: Said[] = [];
  let lookups = 0;
  const seen = new Set<string>();
  const visit = async (txt: string, from: string): Promise<void> => {
    const p = parseSpf(txt);
    if (!p.ok) {
      problems.push(saidIn('mail.dns.spf.invalid', (l) => [{ domain: from, error: p.error.say(l) }]));
      return;
    }
    const { count, follow } = lookupTerms(p.terms);
    lookups += count;
    for (const d of follow) {
      if (seen.has(d) || seen.size >= maxDomains) continue;
      seen.add(d);
      const recs = await fetch(d);
      if (recs === null) problems.push(said('mail.dns.spf.unreadable', { domain: d, by: from }));
      else if (recs.length === 0) problems.push(said('mail.dns.spf.includedNone', { domain: d, by: from }));
      else if (recs.length > 1)
        problems.push(said('mail.dns.spf.includedMany', { domain: d, by: from, n: recs.length }));
      else await visit(recs[0]!, d);
    }
  };
  // '' is the domain's own record ("the domain" in the sentences).
  await visit(record, '');
  return { lookups, problems };
}
