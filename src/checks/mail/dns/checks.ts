import type { DnsResponse } from '../../../clients/dns/client.js';
import { normName, ptrName, txtText } from '../../../clients/dns/names.js';
import type { Status } from '../../../core/status.js';
import type { MailDnsOptions } from './options.js';
import { parseDkim, parseDmarc } from './records.js';
import { isSpf, walkSpf } from './spf.js';

/** One finding, in one line a newcomer understands. */
export interface Finding {
  subject: string;
  status: Status;
  text: string;
}

type Ask = (name: string, type: 'MX' | 'A' | 'AAAA' | 'TXT' | 'PTR') => Promise<DnsResponse>;

const txts = (r: DnsResponse, name: string) =>
  r.answers.filter((a) => a.type === 'TXT' && normName(a.name) === normName(name)).map(txtText);

export async function checkMx(ask: Ask, domain: string): Promise<Finding[]> {
  const r = await ask(domain, 'MX');
  const f = (status: Status, text: string): Finding => ({ subject: `${domain} MX`, status, text });
  if (r.rcode === 'NXDOMAIN')
    return [f('CRIT', `${domain} does not exist in DNS (NXDOMAIN): no mail can reach it`)];
  if (r.rcode !== 'NOERROR') return [f('UNKNOWN', `the MX query answered ${r.rcode}`)];
  const mx = r.answers.flatMap((a) => (a.type === 'MX' ? [a.data] : []));
  if (mx.length === 0)
    return [
      f(
        'WARN',
        `${domain} has no MX record: senders fall back to its A record, which is rarely what you want`,
      ),
    ];
  if (mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.'))
    return [f('OK', `${domain} accepts no mail (null MX)`)];
  const out: Finding[] = [];
  for (const m of [...mx].sort((a, b) => (a.preference ?? 0) - (b.preference ?? 0))) {
    const [a4, a6] = await Promise.all([ask(m.exchange, 'A'), ask(m.exchange, 'AAAA')]);
    const addrs = [...a4.answers, ...a6.answers].flatMap((a) =>
      a.type === 'A' || a.type === 'AAAA' ? [a.data] : [],
    );
    out.push(
      addrs.length
        ? f('OK', `MX ${m.preference} ${m.exchange} → ${addrs.join(', ')}`)
        : f('CRIT', `MX ${m.preference} ${m.exchange} has no address (A/AAAA): senders cannot deliver to it`),
    );
  }
  return out;
}

export async function checkSpf(ask: Ask, domain: string): Promise<Finding[]> {
  const f = (status: Status, text: string): Finding => ({ subject: `${domain} SPF`, status, text });
  const r = await ask(domain, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', `the TXT query answered ${r.rcode}`)];
  const spf = txts(r, domain).filter(isSpf);
  if (spf.length === 0)
    return [f('WARN', `${domain} publishes no SPF record: receivers cannot tell your mail from forgeries`)];
  if (spf.length > 1)
    return [
      f(
        'CRIT',
        `${domain} publishes ${spf.length} SPF records: receivers treat that as an error (permerror); merge them into one`,
      ),
    ];
  const fetch = async (d: string) => {
    const x = await ask(d, 'TXT').catch(() => null);
    return x && (x.rcode === 'NOERROR' || x.rcode === 'NXDOMAIN') ? txts(x, d).filter(isSpf) : null;
  };
  const w = await walkSpf(spf[0]!, fetch);
  const out = w.problems.map((p) => f('CRIT', p));
  if (w.lookups > 10)
    out.push(
      f(
        'CRIT',
        `the SPF record needs ${w.lookups} DNS lookups (includes counted): more than 10 is an error (permerror) for receivers; flatten includes`,
      ),
    );
  if (/(^|\s)\+?all(\s|$)/i.test(spf[0]!))
    out.push(f('WARN', 'the SPF record ends in +all: it allows anyone to send as you'));
  if (out.length === 0)
    out.push(f('OK', `SPF record valid, ${w.lookups} DNS lookup${w.lookups === 1 ? '' : 's'} of 10`));
  return out;
}

const RANK = { none: 0, quarantine: 1, reject: 2 } as const;

export async function checkDmarc(ask: Ask, domain: string, o: MailDnsOptions): Promise<Finding[]> {
  const name = `_dmarc.${domain}`;
  const f = (status: Status, text: string): Finding => ({ subject: `${domain} DMARC`, status, text });
  const r = await ask(name, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', `the TXT query for ${name} answered ${r.rcode}`)];
  const recs = txts(r, name).filter((t) => /^v=DMARC1/i.test(t));
  if (recs.length === 0)
    return [
      f(
        'WARN',
        `${domain} publishes no DMARC record (${name}): receivers apply no policy to forgeries, and you get no reports`,
      ),
    ];
  if (recs.length > 1)
    return [f('CRIT', `${name} holds ${recs.length} DMARC records: receivers ignore them all`)];
  const d = parseDmarc(recs[0]!);
  if (!d.ok) return [f('CRIT', `the DMARC record is invalid: ${d.error}`)];
  const weak = RANK[d.policy as keyof typeof RANK] < RANK[o.dmarc_min_policy];
  const what =
    d.policy === 'none'
      ? 'receivers only report forgeries, they still deliver them'
      : d.policy === 'quarantine'
        ? 'forgeries go to spam'
        : 'forgeries are refused';
  return [
    f(
      weak ? 'WARN' : 'OK',
      `DMARC policy p=${d.policy}: ${what}${weak ? ` (expected at least ${o.dmarc_min_policy})` : ''}`,
    ),
  ];
}

export async function checkDkim(ask: Ask, domain: string, selector: string): Promise<Finding[]> {
  const name = `${selector}._domainkey.${domain}`;
  const f = (status: Status, text: string): Finding => ({
    subject: `${domain} DKIM ${selector}`,
    status,
    text,
  });
  const r = await ask(name, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', `the TXT query for ${name} answered ${r.rcode}`)];
  const recs = txts(r, name);
  if (recs.length === 0)
    return [
      f('CRIT', `DKIM selector ${selector} publishes no key at ${name}: mail signed with it fails DKIM`),
    ];
  const k = parseDkim(recs.join(''));
  if (!k.ok)
    return [
      f(
        'CRIT',
        `DKIM selector ${selector}: ${k.error}${k.revoked ? ': mail signed with it fails DKIM' : ''}`,
      ),
    ];
  if (k.bits !== undefined && k.bits < 1024)
    return [f('WARN', `DKIM selector ${selector}: RSA ${k.bits} bits, receivers ignore keys under 1024`)];
  return [f('OK', `DKIM selector ${selector} publishes a ${k.type}${k.bits ? ` ${k.bits}-bit` : ''} key`)];
}

export async function checkFcrdns(ask: Ask, ip: string): Promise<Finding[]> {
  const f = (status: Status, text: string): Finding => ({ subject: `${ip} PTR`, status, text });
  const name = ptrName(ip)!;
  const r = await ask(name, 'PTR');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', `the PTR query answered ${r.rcode}`)];
  const ptrs = r.answers.flatMap((a) => (a.type === 'PTR' ? [a.data] : []));
  if (ptrs.length === 0)
    return [f('CRIT', `${ip} has no reverse DNS (PTR): many receivers refuse mail from it`)];
  for (const host of ptrs) {
    const back = await ask(host, ip.includes(':') ? 'AAAA' : 'A');
    const addrs = back.answers.flatMap((a) => (a.type === 'A' || a.type === 'AAAA' ? [a.data] : []));
    if (addrs.includes(ip)) return [f('OK', `${ip} → ${host} → ${ip} (forward-confirmed reverse DNS)`)];
  }
  return [
    f(
      'CRIT',
      `${ip}'s PTR says ${ptrs.join(', ')}, but that name does not resolve back to ${ip}: receivers see a forged-looking sender`,
    ),
  ];
}
