/**
 * DNS blocklists ronde knows, each with its documented return codes. A code not listed
 * here is still "listed" (any 127.0.0.0/8 answer but the refusal codes), named by its value.
 * Sources: each list's own documentation (URL in `docs`), read 2026-12.
 */
export interface KnownZone {
  zone: string;
  /** `ip`: reversed addresses are asked; `domain`: domain names. */
  type: 'ip' | 'domain';
  /** With a Spamhaus DQS key, the zone is asked as `<key>.<dqs>` instead. */
  dqs?: string;
  /** Return code → what the listing means. */
  listed: Record<string, string>;
  /** Return code → why the list refused to answer, and how to fix it. Never "not listed". */
  refused: Record<string, string>;
  /** Where a listed address or domain is looked up and delisting is asked. */
  lookup: string;
  docs: string;
}

const SPAMHAUS_REFUSED: Record<string, string> = {
  '127.255.255.252':
    'Spamhaus says the list name is mistyped (127.255.255.252): check the zone, and the DQS key if you use one',
  '127.255.255.254':
    "Spamhaus refused the query (127.255.255.254): it came through a public or open resolver (8.8.8.8, 1.1.1.1, an ISP's shared one) or one without reverse DNS. Point `resolver` at your own recursive resolver, or use a free Spamhaus DQS key (`dqs_key`)",
  '127.255.255.255':
    'Spamhaus refused the query (127.255.255.255): too many queries from your resolver. Ask less often (`min_interval`) or use a DQS key',
};

export const KNOWN_ZONES: readonly KnownZone[] = [
  {
    zone: 'zen.spamhaus.org',
    type: 'ip',
    dqs: 'zen.dq.spamhaus.net',
    listed: {
      '127.0.0.2': 'SBL: a known spam source or spam operation (Spamhaus Blocklist)',
      '127.0.0.3': 'SBL CSS: low-reputation sender, typically snowshoe spam',
      '127.0.0.4': 'XBL: the address sends from infected or exploited machines (botnet, open proxy)',
      '127.0.0.5': 'XBL: the address sends from infected or exploited machines',
      '127.0.0.6': 'XBL: the address sends from infected or exploited machines',
      '127.0.0.7': 'XBL: the address sends from infected or exploited machines',
      '127.0.0.9': "DROP: a hijacked or criminal network (Don't Route Or Peer)",
      '127.0.0.10': "PBL (ISP): the network's owner says this range should not send mail directly",
      '127.0.0.11': 'PBL (Spamhaus): an end-user range that should not send mail directly',
    },
    refused: SPAMHAUS_REFUSED,
    lookup: 'https://check.spamhaus.org/',
    docs: 'https://docs.spamhaus.com/datasets/docs/source/40-real-world-usage/PublicMirrors/MTAs/020-Postfix.html',
  },
  {
    zone: 'dbl.spamhaus.org',
    type: 'domain',
    dqs: 'dbl.dq.spamhaus.net',
    listed: {
      '127.0.1.2': 'DBL: a spam domain',
      '127.0.1.4': 'DBL: a phishing domain',
      '127.0.1.5': 'DBL: a malware domain',
      '127.0.1.6': 'DBL: a botnet command-and-control domain',
      '127.0.1.102': 'DBL: an abused legitimate domain used in spam',
      '127.0.1.103': 'DBL: an abused legitimate redirector or URL shortener used in spam',
      '127.0.1.104': 'DBL: an abused legitimate domain used for phishing',
      '127.0.1.105': 'DBL: an abused legitimate domain used for malware',
      '127.0.1.106': 'DBL: an abused legitimate domain used for botnet command and control',
    },
    refused: {
      ...SPAMHAUS_REFUSED,
      '127.0.1.255':
        'the DBL was asked about an IP address (127.0.1.255): list it under `domains`, not `addresses`',
    },
    lookup: 'https://check.spamhaus.org/',
    docs: 'https://docs.spamhaus.com/datasets/docs/source/10-data-type-documentation/datasets/030-datasets.html',
  },
  {
    zone: 'bl.spamcop.net',
    type: 'ip',
    listed: {
      '127.0.0.2': 'SpamCop: reported as a spam source by SpamCop users (expires 24 h after reports stop)',
    },
    refused: {},
    lookup: 'https://www.spamcop.net/bl.shtml',
    docs: 'https://www.spamcop.net/fom-serve/cache/291.html',
  },
  {
    zone: 'psbl.surriel.com',
    type: 'ip',
    listed: { '127.0.0.2': 'PSBL: sent mail to a spam trap (Passive Spam Block List)' },
    refused: {},
    lookup: 'https://psbl.org/',
    docs: 'https://psbl.org/',
  },
  {
    zone: 'b.barracudacentral.org',
    type: 'ip',
    listed: { '127.0.0.2': 'Barracuda Reputation Block List: poor sending reputation' },
    refused: {},
    lookup: 'https://www.barracudacentral.org/lookups',
    docs: 'https://www.barracudacentral.org/rbl/how-to-use',
  },
];

/** Asked when `zones` is not given: widely used, free for low-volume use from one's own resolver. */
export const DEFAULT_ZONES = ['zen.spamhaus.org', 'bl.spamcop.net', 'psbl.surriel.com', 'dbl.spamhaus.org'];

export function knownZone(zone: string): KnownZone | undefined {
  const z = zone.toLowerCase().replace(/\.$/, '');
  return KNOWN_ZONES.find((k) => k.zone === z);
}

/**
 * What an answer means for a zone ronde does not know: any 127.0.0.0/8 code is a listing,
 * except 127.0.0.1 and 127.255.255.0/24, which many lists (URIBL, SURBL, Spamhaus) use to
 * say they refused the query.
 */
export function genericMeaning(code: string): { kind: 'listed' | 'refused' | 'foreign'; text: string } {
  if (!code.startsWith('127.')) return { kind: 'foreign', text: code };
  if (code === '127.0.0.1' || code.startsWith('127.255.255.'))
    return {
      kind: 'refused',
      text: `the list answered ${code}, which lists use to refuse a query (public resolver, rate limit): see the list's usage policy`,
    };
  return { kind: 'listed', text: `listed (code ${code})` };
}
