import { DnsError } from '../../../clients/dns/client.js';
import { makeClient, resolverServers } from '../../../clients/dns/resolver.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { errorSaid } from '../../../core/said.js';
import { worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { type Ask, checkDkim, checkDmarc, checkFcrdns, checkMx, checkSpf, type Finding } from './checks.js';
import { type MailDnsOptions, Options } from './options.js';

/**
 * The findings as an outcome: summary and reasons said in `lang`; `details.findings`
 * keep the English text (machine facts, the same whatever the team's language).
 */
export function judgeFindings(findings: readonly Finding[], lang: Lang = 'en'): CheckOutcome {
  const facts = findings.map(({ subject, status, text }) => ({ subject, status, text }));
  if (findings.length === 0) {
    const why = t(lang, 'mail.dns.nothing');
    return { status: 'UNKNOWN', summary: why, reasons: [why], details: { findings: facts } };
  }
  const say = (f: Finding) =>
    t(lang, 'mail.dns.finding', { subject: f.subject, text: f.said?.say(lang) ?? f.text });
  const status = worst(findings.map((f) => f.status));
  const bad = findings.filter((f) => f.status !== 'OK');
  const first = bad.find((f) => f.status === status);
  const summary =
    status === 'OK'
      ? t(lang, 'mail.dns.allOk', {
          n: findings.length,
          domains: [...new Set(findings.map((f) => f.subject.split(' ')[0]))].join(', '),
        })
      : say(first!) + (bad.length > 1 ? t(lang, 'mail.dns.andMore', { n: bad.length - 1 }) : '');
  return { status, summary, reasons: bad.map(say), details: { findings: facts } };
}

/** Every finding for the options, asking through `ask` (a resolver, or recorded answers in tests). */
export async function collectFindings(ask: Ask, o: MailDnsOptions): Promise<Finding[]> {
  const guard = (subject: string, p: Promise<Finding[]>): Promise<Finding[]> =>
    p.catch((e: unknown) => {
      if (!(e instanceof DnsError)) throw e;
      return [{ subject, status: 'UNKNOWN', text: e.message, said: errorSaid(e) }];
    });
  const jobs: Promise<Finding[]>[] = [];
  for (const d of o.domains.map((x) => x.replace(/\.$/, '').toLowerCase())) {
    jobs.push(
      guard(`${d} MX`, checkMx(ask, d)),
      guard(`${d} SPF`, checkSpf(ask, d)),
      guard(`${d} DMARC`, checkDmarc(ask, d, o)),
    );
    for (const s of o.dkim_selectors) jobs.push(guard(`${d} DKIM ${s}`, checkDkim(ask, d, s)));
  }
  for (const ip of o.sending_ips) jobs.push(guard(`${ip} PTR`, checkFcrdns(ask, ip)));
  return (await Promise.all(jobs)).flat();
}

export async function evaluateMailDns(
  ctx: Pick<CheckContext<MailDnsOptions>, 'options' | 'signal'> & { lang?: Lang },
): Promise<CheckOutcome> {
  const o = ctx.options;
  const lang = ctx.lang ?? 'en';
  if (resolverServers(o.resolver).length === 0) return unknown(t(lang, 'mail.dnsbl.noResolver'));
  const client = makeClient(o.resolver, o.timeout, ctx.signal);
  return judgeFindings(await collectFindings((name, type) => client.query(name, type), o), lang);
}

export const mailDns = defineCheck({
  id: 'mail.dns',
  title: 'Mail DNS: MX, reverse DNS, SPF, DMARC, DKIM',
  options: Options,
  zeroConfig: false,
  required: ['domains|sending_ips'],
  timeoutSec: 60,
  // Asked from ronde's machine, through the configured resolver: nothing runs on the target.
  commands: () => [],
  evaluate: (ctx) => evaluateMailDns(ctx),
});
