import { DnsError } from '../../../clients/dns/client.js';
import { makeClient, resolverServers } from '../../../clients/dns/resolver.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { worst } from '../../../core/status.js';
import { checkDkim, checkDmarc, checkFcrdns, checkMx, checkSpf, type Finding } from './checks.js';
import { type MailDnsOptions, Options } from './options.js';

export function judgeFindings(findings: readonly Finding[]): CheckOutcome {
  if (findings.length === 0) {
    const why = 'nothing to check: set options.domains (and sending_ips, dkim_selectors)';
    return { status: 'UNKNOWN', summary: why, reasons: [why], details: { findings } };
  }
  const status = worst(findings.map((f) => f.status));
  const bad = findings.filter((f) => f.status !== 'OK');
  const first = bad.find((f) => f.status === status);
  const summary =
    status === 'OK'
      ? `${findings.length} findings, all OK (${[...new Set(findings.map((f) => f.subject.split(' ')[0]))].join(', ')})`
      : `${first!.subject}: ${first!.text}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`;
  return { status, summary, reasons: bad.map((f) => `${f.subject}: ${f.text}`), details: { findings } };
}

export async function evaluateMailDns(
  ctx: Pick<CheckContext<MailDnsOptions>, 'options' | 'signal'>,
): Promise<CheckOutcome> {
  const o = ctx.options;
  if (resolverServers(o.resolver).length === 0)
    return unknown('no resolver: set `resolver`, or give the machine one in /etc/resolv.conf');
  const client = makeClient(o.resolver, o.timeout, ctx.signal);
  const ask = (name: string, type: 'MX' | 'A' | 'AAAA' | 'TXT' | 'PTR') => client.query(name, type);
  const guard = (subject: string, p: Promise<Finding[]>): Promise<Finding[]> =>
    p.catch((e: unknown) => {
      if (!(e instanceof DnsError)) throw e;
      return [{ subject, status: 'UNKNOWN', text: e.message }];
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
  return judgeFindings((await Promise.all(jobs)).flat());
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
