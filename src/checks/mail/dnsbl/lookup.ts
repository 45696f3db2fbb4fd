import { type DnsClient, DnsError } from '../../../clients/dns/client.js';
import { reversedLabels, txtText } from '../../../clients/dns/names.js';
import { said, sayError } from '../../../core/said.js';
import { t } from '../../../i18n/index.js';
import { classify, type Lookup, saidOf, withSaid, type ZoneSpec } from './classify.js';

export interface Plan {
  specs: ZoneSpec[];
  addresses: string[];
  domains: string[];
}

/** The (zone, subject) pairs to ask: addresses of the `ip` lists, domains of the `domain` lists. */
export function pairs(p: Plan): { spec: ZoneSpec; subject: string }[] {
  return p.specs.flatMap((spec) =>
    (spec.type === 'ip' ? p.addresses : p.domains).map((subject) => ({ spec, subject })),
  );
}

/** Answers of the previous result young enough to be reused, keyed `zone\0subject`. */
export function reusable(previous: unknown, now: Date, minIntervalSec: number): Map<string, Lookup> {
  const out = new Map<string, Lookup>();
  const list = (previous as { lookups?: unknown } | undefined)?.lookups;
  if (!Array.isArray(list)) return out;
  for (const l of list as Partial<Lookup>[]) {
    if (typeof l?.zone !== 'string' || typeof l.subject !== 'string' || typeof l.at !== 'string') continue;
    // A failed query (timeout) is asked again; a refusal is not: asking again is what got us refused.
    if (l.result !== 'listed' && l.result !== 'clean' && l.result !== 'refused') continue;
    const age = now.getTime() - Date.parse(l.at);
    if (!(age >= 0 && age < minIntervalSec * 1000)) continue;
    out.set(`${l.zone}\0${l.subject}`, { ...(l as Lookup), reused: true });
  }
  return out;
}

/**
 * Asks every pair not answered recently: one A query, plus one TXT query (the reason)
 * when listed. Never more than that per zone, subject and `min_interval`.
 */
export async function lookupAll(
  plan: Plan,
  client: DnsClient,
  previous: Map<string, Lookup>,
  now: Date,
): Promise<Lookup[]> {
  return Promise.all(
    pairs(plan).map(async ({ spec, subject }): Promise<Lookup> => {
      const old = previous.get(`${spec.zone}\0${subject}`);
      if (old) return old;
      const at = now.toISOString();
      const base = { zone: spec.zone, subject, at };
      const label = spec.type === 'ip' ? reversedLabels(subject) : subject.replace(/\.$/, '');
      if (label === null)
        return withSaid(
          { ...base, result: 'error', meanings: [t('en', 'mail.dnsbl.notIp')] },
          said('mail.dnsbl.notIp'),
        );
      const name = `${label}.${spec.dqsZone ?? spec.zone}`;
      try {
        const r = await client.query(name, 'A');
        const c = classify(spec, r);
        if (c.result !== 'listed') return withSaid({ ...base, ...c }, saidOf(c));
        const t = await client.query(name, 'TXT').catch(() => null);
        const txt = t?.answers.map(txtText).filter((s) => s !== '') ?? [];
        return { ...base, ...c, ...(txt.length ? { txt } : {}) };
      } catch (e) {
        // The query name holds the DQS key: never let it into a stored or shown message.
        const scrub = (msg: string) =>
          spec.dqsZone ? msg.replaceAll(spec.dqsZone, `${spec.zone} (DQS)`) : msg;
        const msg = e instanceof DnsError ? e.message : String(e);
        return withSaid(
          { ...base, result: 'error', meanings: [scrub(msg)] },
          { say: (lang) => scrub(e instanceof DnsError ? sayError(lang, e) : msg) },
        );
      }
    }),
  );
}
