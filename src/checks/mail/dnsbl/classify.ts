import type { DnsResponse } from '../../../clients/dns/client.js';
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
      meanings: [
        "your resolver refused the query (REFUSED): it does not recurse for ronde's machine; set `resolver` to one that does",
      ],
    };
  if (r.rcode !== 'NOERROR')
    return {
      result: 'error',
      meanings: [`the resolver answered ${r.rcode}: it could not reach the list, or the list is down`],
    };
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
    return {
      result: 'error',
      codes,
      meanings: [
        `the answer ${foreign.join(', ')} is not a blocklist code (127.x): your resolver rewrites answers (an ISP's "NXDOMAIN" redirection?); use your own resolver`,
      ],
    };
  return { result: 'listed', codes, meanings: listed };
}
