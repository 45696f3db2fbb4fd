import type { DnsResponse } from '../../../clients/dns/client.js';
import { type Said, type Sayable, said } from '../../../core/said.js';
import { t } from '../../../i18n/index.js';
import { genericMeaning, knownZone } from './zones.js';

/** One list asked about one address or domain: what ronde stores and shows (never a DQS key). */
export interface Lookup {
  /** The list's public name (`zen.spamhaus.org`), also when asked through DQS. */
  zone: string;
  subject: string;
  result: 'listed' | 'clean' | 'refused' | 'error';
  /** The A records the list answered. */
  codes?: string[];
  /** Listed: what each code means. Refused: how to fix it. Error: what went wrong. */
  meanings?: string[];
  /** The list's TXT reason (often a lookup URL), when listed. */
  txt?: string[];
  /** When the list was asked (a reused answer keeps its time). */
  at: string;
  reused?: boolean;
}

/** A zone as asked: its codes, and the name queries go to (with the DQS key, if any). */
export interface ZoneSpec {
  zone: string;
  type: 'ip' | 'domain';
  listed: Record<string, string>;
  refused: Record<string, string>;
  lookup?: string;
  /** Set when asked through DQS: `<key>.zen.dq.spamhaus.net` (secret: never shown). */
  dqsZone?: string;
}

export function zoneSpec(
  z:
    | string
    | {
        zone: string;
        type: 'ip' | 'domain';
        listed: Record<string, string>;
        refused: Record<string, string>;
      },
  dqsKey: string | undefined,
): ZoneSpec {
  if (typeof z !== 'string') return { ...z, zone: z.zone.toLowerCase().replace(/\.$/, '') };
  const k = knownZone(z);
  if (!k) return { zone: z.toLowerCase().replace(/\.$/, ''), type: 'ip', listed: {}, refused: {} };
  return {
    zone: k.zone,
    type: k.type,
    listed: k.listed,
    refused: k.refused,
    lookup: k.lookup,
    ...(k.dqs && dqsKey ? { dqsZone: `${dqsKey}.${k.dqs}` } : {}),
  };
}

type Classified = Omit<Lookup, 'zone' | 'subject' | 'at' | 'txt'>;

/** What one answer means. Pure: unit-tested and fuzzed. */
export function classify(spec: ZoneSpec, r: Pick<DnsResponse, 'rcode' | 'answers'>): Classified {
  if (r.rcode === 'NXDOMAIN') return { result: 'clean' };
  if (r.rcode === 'REFUSED')
    return {
      result: 'refused',
      meanings: [t('en', 'mail.dnsbl.resolverRefused')],
    };
  if (r.rcode !== 'NOERROR')
    return withSaid(
      { result: 'error', meanings: [t('en', 'mail.dnsbl.rcode', { rcode: r.rcode })] },
      said('mail.dnsbl.rcode', { rcode: r.rcode }),
    );
  const codes = r.answers.flatMap((a) => (a.type === 'A' && typeof a.data === 'string' ? [a.data] : []));
  if (codes.length === 0) return { result: 'clean' };
  const refused: string[] = [];
  const foreign: string[] = [];
  const listed: string[] = [];
  for (const c of codes) {
    const g = genericMeaning(c);
    if (spec.refused[c]) refused.push(spec.refused[c]);
    else if (spec.listed[c]) listed.push(spec.listed[c]);
    else if (g.kind === 'refused') refused.push(g.text);
    else if (g.kind === 'foreign') foreign.push(c);
    else listed.push(g.text);
  }
  if (refused.length) return { result: 'refused', codes, meanings: refused };
  if (foreign.length)
    return withSaid(
      { result: 'error', codes, meanings: [t('en', 'mail.dnsbl.foreign', { codes: foreign.join(', ') })] },
      said('mail.dnsbl.foreign', { codes: foreign.join(', ') }),
    );
  return { result: 'listed', codes, meanings: listed };
}

/**
 * Gives a lookup that could not tell our words for why, not enumerable: details
 * (and the stored lookups) keep the English `meanings`, the reasons say it in
 * the team's language (`whyOf`).
 */
export function withSaid<T extends object>(l: T, s: Said | undefined): T {
  return s ? Object.defineProperty(l, 'said', { value: s, enumerable: false }) : l;
}

/** The words of a lookup's failure, when we have them (a fresh lookup; a stored one has only its English). */
export function saidOf(l: object): Said | undefined {
  return (l as Sayable).said;
}
