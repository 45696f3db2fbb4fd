import type { Answer } from 'dns-packet';
import type { DnsResponse } from '../../../clients/dns/client.js';
import { normName } from '../../../clients/dns/names.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Said, said, saidIn } from '../../../core/said.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { type DnsKey, type DsRecord, dsMatches, keyTag } from './keys.js';
import type { DnssecOptions } from './options.js';

const DAY_MS = 86_400_000;

/** The four answers a zone is judged from (each with the DO bit). */
export interface ZoneAnswers {
  zone: string;
  soa: Pick<DnsResponse, 'rcode' | 'answers'>;
  dnskey: Pick<DnsResponse, 'rcode' | 'answers'>;
  ns: Pick<DnsResponse, 'rcode' | 'answers'>;
  ds: Pick<DnsResponse, 'rcode' | 'answers'>;
}

export interface ZoneFacts {
  zone: string;
  status: Status;
  /** In English, for details; `said` holds the same, to say in the team's language. */
  problems: string[];
  said?: Said[];
  signed: boolean;
  /** The signature that expires first, among those over SOA, DNSKEY and NS. */
  earliest?: { covers: string; keyTag: number; expiration: string };
  daysLeft?: number;
  keys?: { keyTag: number; flags: number; algorithm: number }[];
  ds?: { keyTag: number; algorithm: number; digestType: number; matches: boolean }[];
}

interface Sig {
  typeCovered: string;
  keyTag: number;
  expiration: number;
  inception: number;
}

function rrsigs(r: ZoneAnswers['soa'], zone: string, type: string): Sig[] {
  return r.answers.flatMap((a: Answer) => {
    if (a.type !== 'RRSIG' || normName(a.name) !== normName(zone)) return [];
    const d = a.data as Partial<Sig> | undefined;
    if (!d || d.typeCovered !== type || typeof d.expiration !== 'number' || typeof d.inception !== 'number')
      return [];
    return [
      { typeCovered: type, keyTag: Number(d.keyTag), expiration: d.expiration, inception: d.inception },
    ];
  });
}

function records<T>(r: ZoneAnswers['soa'], zone: string, type: string): T[] {
  return r.answers.flatMap((a: Answer) => {
    const data = (a as { data?: unknown }).data;
    return a.type === type && normName(a.name) === normName(zone) && data ? [data as T] : [];
  });
}

/** Judges one zone. Pure: the clock and the previous result's view of the zone are given. */
export function judgeZone(
  a: ZoneAnswers,
  o: Pick<DnssecOptions, 'warn_days' | 'crit_days' | 'require_ds'>,
  now: Date,
  wasSigned?: { at: string },
): ZoneFacts {
  const zone = normName(a.zone);
  const problems: { status: Status; why: Said }[] = [];
  const add = (status: Status, why: Said) =>
    problems.push({ status, why: saidIn('dns.dnssec.zone', (l) => [{ zone, why: why.say(l) }]) });
  const done = (facts: Omit<ZoneFacts, 'status' | 'problems'>): ZoneFacts => ({
    ...facts,
    status: worst(problems.map((p) => p.status)),
    problems: problems.map((p) => p.why.say('en')),
    said: problems.map((p) => p.why),
  });
  if (a.soa.rcode !== 'NOERROR') {
    add('UNKNOWN', said('dns.dnssec.soaRcode', { rcode: a.soa.rcode }));
    return done({ zone, signed: false });
  }
  const keys = records<DnsKey>(a.dnskey, zone, 'DNSKEY').filter((k) => Buffer.isBuffer(k.key));
  const sigs = [
    ...rrsigs(a.soa, zone, 'SOA'),
    ...rrsigs(a.dnskey, zone, 'DNSKEY'),
    ...rrsigs(a.ns, zone, 'NS'),
  ];
  const ds =
    a.ds.rcode === 'NOERROR'
      ? records<DsRecord>(a.ds, zone, 'DS').filter((d) => Buffer.isBuffer(d.digest))
      : [];
  const signed = keys.length > 0 || sigs.length > 0;
  const dsFacts = ds.map((d) => ({
    keyTag: d.keyTag,
    algorithm: d.algorithm,
    digestType: d.digestType,
    matches: dsMatches(zone, d, keys),
  }));
  if (!signed) {
    if (ds.length)
      add('CRIT', said('dns.dnssec.dsButUnsigned', { tags: dsFacts.map((d) => d.keyTag).join(', ') }));
    if (wasSigned)
      add('CRIT', said('dns.dnssec.noLongerSigned', { at: wasSigned.at.slice(0, 16).replace('T', ' ') }));
    else if (!ds.length) add('WARN', said('dns.dnssec.unsigned'));
    return done({ zone, signed: false, ...(ds.length ? { ds: dsFacts } : {}) });
  }
  for (const [type, r] of [
    ['SOA', a.soa],
    ['DNSKEY', a.dnskey],
    ['NS', a.ns],
  ] as const)
    if (rrsigs(r, zone, type).length === 0) add('CRIT', said('dns.dnssec.noSignature', { type }));
  if (keys.length === 0) add('CRIT', said('dns.dnssec.noKey'));
  const t = now.getTime() / 1000;
  const first = [...sigs].sort((x, y) => x.expiration - y.expiration)[0];
  let daysLeft: number | undefined;
  if (first) {
    const left = (first.expiration - t) / 86_400;
    daysLeft = Math.floor(left);
    const when = new Date(first.expiration * 1000).toISOString().slice(0, 16).replace('T', ' ');
    const sig = { covers: first.typeCovered, tag: first.keyTag, when };
    if (left < 0) add('CRIT', said('dns.dnssec.expired', sig));
    else if (left < o.crit_days) add('CRIT', said('dns.dnssec.expires', { ...sig, days: daysLeft }));
    else if (left < o.warn_days) add('WARN', said('dns.dnssec.expires', { ...sig, days: daysLeft }));
  }
  const future = sigs.find((s) => s.inception > t);
  if (future)
    add(
      'CRIT',
      said('dns.dnssec.future', {
        covers: future.typeCovered,
        at: new Date(future.inception * 1000).toISOString(),
      }),
    );
  if (a.ds.rcode !== 'NOERROR' && a.ds.rcode !== 'NXDOMAIN')
    add('UNKNOWN', said('dns.dnssec.dsRcode', { rcode: a.ds.rcode }));
  else if (ds.length === 0) {
    if (o.require_ds) add('WARN', said('dns.dnssec.noDs'));
  } else if (!dsFacts.some((d) => d.matches))
    add(
      'CRIT',
      said('dns.dnssec.dsMismatch', {
        ds: dsFacts.map((d) => d.keyTag).join(', '),
        keys: keys.map(keyTag).join(', '),
      }),
    );
  return done({
    zone,
    signed: true,
    ...(first
      ? {
          earliest: {
            covers: first.typeCovered,
            keyTag: first.keyTag,
            expiration: new Date(first.expiration * 1000).toISOString(),
          },
        }
      : {}),
    ...(daysLeft !== undefined ? { daysLeft } : {}),
    keys: keys.map((k) => ({ keyTag: keyTag(k), flags: k.flags, algorithm: k.algorithm })),
    ds: dsFacts,
  });
}

/** Zones the previous result saw signed, with when. */
export function previouslySigned(
  details: unknown,
  startedAt: string | undefined,
): Map<string, { at: string }> {
  const out = new Map<string, { at: string }>();
  const zones = (details as { zones?: unknown } | undefined)?.zones;
  if (!Array.isArray(zones)) return out;
  for (const z of zones as Partial<ZoneFacts & { signedAt: string }>[]) {
    if (typeof z?.zone !== 'string') continue;
    if (z.signed === true) out.set(z.zone, { at: startedAt ?? '' });
    // An unsigned result that already carried the memory keeps it: the alarm stays until re-signed.
    else if (typeof z.signedAt === 'string') out.set(z.zone, { at: z.signedAt });
  }
  return out;
}

/** The zones as an outcome: summary and reasons in `lang`, details (the facts, problems in English) as they are. */
export function outcome(
  facts: readonly (ZoneFacts & { signedAt?: string })[],
  lang: Lang = 'en',
): CheckOutcome {
  const details = { zones: facts.map(({ said: _, ...f }) => f) };
  if (facts.length === 0) {
    const why = t(lang, 'dns.dnssec.noZones');
    return { status: 'UNKNOWN', summary: why, reasons: [why], details };
  }
  const say = (f: ZoneFacts) => f.said?.map((s) => s.say(lang)) ?? f.problems;
  const status = worst(facts.map((f) => f.status));
  const reasons = facts.flatMap(say);
  const soonest = facts.filter((f) => f.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
  const worstZone = facts.find((f) => f.status === status);
  const summary =
    status === 'OK'
      ? t(lang, 'dns.dnssec.ok', { n: facts.length, days: soonest?.daysLeft ?? 0, zone: soonest?.zone ?? '' })
      : ((worstZone && say(worstZone)[0]) ?? status) +
        (reasons.length > 1 ? t(lang, 'dns.dnssec.andMore', { n: reasons.length - 1 }) : '');
  return { status, summary, reasons, details };
}

export const DAY = DAY_MS;
