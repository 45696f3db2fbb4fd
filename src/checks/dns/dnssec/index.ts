import { DnsError } from '../../../clients/dns/client.js';
import { makeClient, resolverServers } from '../../../clients/dns/resolver.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { saidIn, sayError } from '../../../core/said.js';
import { type Lang, t } from '../../../i18n/index.js';
import { judgeZone, outcome, previouslySigned, type ZoneAnswers } from './judge.js';
import { type DnssecOptions, Options } from './options.js';

export async function evaluateDnssec(
  ctx: Pick<CheckContext<DnssecOptions>, 'options' | 'now' | 'signal' | 'previous'> & { lang?: Lang },
): Promise<CheckOutcome> {
  const o = ctx.options;
  const lang = ctx.lang ?? 'en';
  if (resolverServers(o.resolver).length === 0) return unknown(t(lang, 'dns.noResolver'));
  const client = makeClient(o.resolver, o.timeout, ctx.signal);
  const was = previouslySigned(ctx.previous?.details, ctx.previous?.startedAt);
  const facts = await Promise.all(
    o.zones.map(async (z) => {
      const zone = z.replace(/\.$/, '').toLowerCase();
      try {
        const ask = (type: 'SOA' | 'DNSKEY' | 'NS' | 'DS') => client.query(zone, type, { dnssec: true });
        const [soa, dnskey, ns, ds] = await Promise.all([ask('SOA'), ask('DNSKEY'), ask('NS'), ask('DS')]);
        const answers: ZoneAnswers = { zone, soa, dnskey, ns, ds };
        const f = judgeZone(answers, o, ctx.now, was.get(zone));
        // Remember a zone that was signed until it is signed again.
        const memory = !f.signed && was.get(zone) ? { signedAt: was.get(zone)!.at } : {};
        return { ...f, ...memory };
      } catch (e) {
        if (!(e instanceof DnsError)) throw e;
        return {
          zone,
          status: 'UNKNOWN' as const,
          problems: [`${zone}: ${e.message}`],
          said: [saidIn('dns.dnssec.zone', (l) => [{ zone, why: sayError(l, e) }])],
          signed: false,
          ...(was.get(zone) ? { signedAt: was.get(zone)!.at } : {}),
        };
      }
    }),
  );
  return outcome(facts, lang);
}

export const dnsDnssec = defineCheck({
  id: 'dns.dnssec',
  title: 'DNSSEC of signed zones: signature expiry, DS at the parent',
  options: Options,
  zeroConfig: false,
  required: ['zones'],
  timeoutSec: 60,
  // Asked from ronde's machine, through the configured resolver: nothing runs on the target.
  commands: () => [],
  evaluate: (ctx) => evaluateDnssec(ctx),
});
