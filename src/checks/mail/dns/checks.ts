import type { DnsResponse } from '../../../clients/dns/client.js';
import { normName, ptrName, txtText } from '../../../clients/dns/names.js';
import { type Said, said, saidIn } from '../../../core/said.js';
import type { Status } from '../../../core/status.js';
import type { MailDnsOptions } from './options.js';
import { parseDkim, parseDmarc } from './records.js';
import { isSpf, walkSpf } from './spf.js';

/**
 * One finding, in one line a newcomer understands: `text` in English (kept in
 * `details`, stable for scripts), `said` to say it in the team's language.
 */
export interface Finding {
  subject: string;
  status: Status;
  text: string;
  said?: Said;
}

/** A finding of `subject`: the English text for details, the Said for the summary and reasons. */
export const finding = (subject: string, status: Status, s: Said): Finding => ({
  subject,
  status,
  text: s.say('en'),
  said: s,
});

export type Ask = (name: string, type: 'MX' | 'A' | 'AAAA' | 'TXT' | 'PTR') => Promise<DnsResponse>;

const txts = (r: DnsResponse, name: string) =>
  r.answers.filter((a) => a.type === 'TXT' && normName(a.name) === normName(name)).map(txtText);

export async function checkMx(ask: Ask, domain: string): Promise<Finding[]> {
  const r = await ask(domain, 'MX');
  const f = (status: Status, s: Said) => finding(`${domain} MX`, status, s);
  if (r.rcode === 'NXDOMAIN') return [f('CRIT', said('mail.dns.mx.nxdomain', { domain }))];
  if (r.rcode !== 'NOERROR')
    return [f('UNKNOWN', said('mail.dns.rcode', { type: 'MX', name: '', rcode: r.rcode }))];
  const mx = r.answers.flatMap((a) => (a.type === 'MX' ? [a.data] : []));
  if (mx.length === 0) return [f('WARN', said('mail.dns.mx.none', { domain }))];
  if (mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.'))
    return [f('OK', said('mail.dns.mx.null', { domain }))];
  const out: Finding[] = [];
  for (const m of [...mx].sort((a, b) => (a.preference ?? 0) - (b.preference ?? 0))) {
    const [a4, a6] = await Promise.all([ask(m.exchange, 'A'), ask(m.exchange, 'AAAA')]);
    const addrs = [...a4.answers, ...a6.answers].flatMap((a) =>
      a.type === 'A' || a.type === 'AAAA' ? [a.data] : [],
    );
    out.push(
      addrs.length
        ? f(
            'OK',
            said('mail.dns.mx.ok', {
              pref: m.preference ?? 0,
              exchange: m.exchange,
              addrs: addrs.join(', '),
            }),
          )
        : f('CRIT', said('mail.dns.mx.noAddress', { pref: m.preference ?? 0, exchange: m.exchange })),
    );
  }
  return out;
}

export async function checkSpf(ask: Ask, domain: string): Promise<Finding[]> {
  const f = (status: Status, s: Said) => finding(`${domain} SPF`, status, s);
  const r = await ask(domain, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', said('mail.dns.rcode', { type: 'TXT', name: '', rcode: r.rcode }))];
  const spf = txts(r, domain).filter(isSpf);
  if (spf.length === 0) return [f('WARN', said('mail.dns.spf.none', { domain }))];
  if (spf.length > 1) return [f('CRIT', said('mail.dns.spf.many', { domain, n: spf.length }))];
  const fetch = async (d: string) => {
    const x = await ask(d, 'TXT').catch(() => null);
    return x && (x.rcode === 'NOERROR' || x.rcode === 'NXDOMAIN') ? txts(x, d).filter(isSpf) : null;
  };
  const w = await walkSpf(spf[0]!, fetch);
  const out = w.problems.map((p) => f('CRIT', p));
  if (w.lookups > 10) out.push(f('CRIT', said('mail.dns.spf.lookups', { n: w.lookups })));
  if (/(^|\s)\+?all(\s|$)/i.test(spf[0]!)) out.push(f('WARN', said('mail.dns.spf.plusAll')));
  if (out.length === 0) out.push(f('OK', said('mail.dns.spf.ok', { n: w.lookups })));
  return out;
}

const RANK = { none: 0, quarantine: 1, reject: 2 } as const;

export async function checkDmarc(ask: Ask, domain: string, o: MailDnsOptions): Promise<Finding[]> {
  const name = `_dmarc.${domain}`;
  const f = (status: Status, s: Said) => finding(`${domain} DMARC`, status, s);
  const r = await ask(name, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', said('mail.dns.rcode', { type: 'TXT', name, rcode: r.rcode }))];
  const recs = txts(r, name).filter((t) => /^v=DMARC1/i.test(t));
  if (recs.length === 0) return [f('WARN', said('mail.dns.dmarc.none', { domain, name }))];
  if (recs.length > 1) return [f('CRIT', said('mail.dns.dmarc.many', { name, n: recs.length }))];
  const d = parseDmarc(recs[0]!);
  if (!d.ok)
    return [
      f(
        'CRIT',
        saidIn('mail.dns.dmarc.invalid', (l) => [{ error: d.error.say(l) }]),
      ),
    ];
  const weak = RANK[d.policy as keyof typeof RANK] < RANK[o.dmarc_min_policy];
  return [
    f(
      weak ? 'WARN' : 'OK',
      said('mail.dns.dmarc.policy', { policy: d.policy, min: weak ? o.dmarc_min_policy : '' }),
    ),
  ];
}

export async function checkDkim(ask: Ask, domain: string, selector: string): Promise<Finding[]> {
  const name = `${selector}._domainkey.${domain}`;
  const f = (status: Status, s: Said) => finding(`${domain} DKIM ${selector}`, status, s);
  const r = await ask(name, 'TXT');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', said('mail.dns.rcode', { type: 'TXT', name, rcode: r.rcode }))];
  const recs = txts(r, name);
  if (recs.length === 0) return [f('CRIT', said('mail.dns.dkim.noKey', { selector, name }))];
  const k = parseDkim(recs.join(''));
  if (!k.ok)
    return [
      f(
        'CRIT',
        saidIn('mail.dns.dkim.invalid', (l) => [
          { selector, error: k.error.say(l), revoked: k.revoked === true },
        ]),
      ),
    ];
  if (k.bits !== undefined && k.bits < 1024)
    return [f('WARN', said('mail.dns.dkim.weak', { selector, bits: k.bits }))];
  return [f('OK', said('mail.dns.dkim.ok', { selector, type: k.type, bits: k.bits ?? 0 }))];
}

export async function checkFcrdns(ask: Ask, ip: string): Promise<Finding[]> {
  const f = (status: Status, s: Said) => finding(`${ip} PTR`, status, s);
  const name = ptrName(ip)!;
  const r = await ask(name, 'PTR');
  if (r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN')
    return [f('UNKNOWN', said('mail.dns.rcode', { type: 'PTR', name: '', rcode: r.rcode }))];
  const ptrs = r.answers.flatMap((a) => (a.type === 'PTR' ? [a.data] : []));
  if (ptrs.length === 0) return [f('CRIT', said('mail.dns.ptr.none', { ip }))];
  for (const host of ptrs) {
    const back = await ask(host, ip.includes(':') ? 'AAAA' : 'A');
    const addrs = back.answers.flatMap((a) => (a.type === 'A' || a.type === 'AAAA' ? [a.data] : []));
    if (addrs.includes(ip)) return [f('OK', said('mail.dns.ptr.ok', { ip, host }))];
  }
  return [f('CRIT', said('mail.dns.ptr.mismatch', { ip, ptrs: ptrs.join(', ') }))];
}
