import { DnsError, formatServer } from '../../../clients/dns/client.js';
import { makeClient, resolverServers } from '../../../clients/dns/resolver.js';
import { resolveSecrets, SecretError } from '../../../config/secrets.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { zoneSpec } from './classify.js';
import { judgeLookups } from './judge.js';
import { lookupAll, reusable } from './lookup.js';
import { type DnsblOptions, Options } from './options.js';

const unknown = (why: string): CheckOutcome => ({ status: 'UNKNOWN', summary: why, reasons: [why] });

export async function evaluateDnsbl(
  ctx: Pick<CheckContext<DnsblOptions>, 'options' | 'now' | 'signal' | 'previous'>,
): Promise<CheckOutcome> {
  const o = ctx.options;
  let key: string | undefined;
  try {
    key = o.dqs_key ? resolveSecrets(o.dqs_key).reveal() : undefined;
  } catch (e) {
    if (e instanceof SecretError) return unknown(`dqs_key: ${e.message}`);
    throw e;
  }
  const servers = resolverServers(o.resolver);
  if (servers.length === 0)
    return unknown('no resolver: set `resolver`, or give the machine one in /etc/resolv.conf');
  try {
    const client = makeClient(o.resolver, o.timeout, ctx.signal);
    const plan = { specs: o.zones.map((z) => zoneSpec(z, key)), addresses: o.addresses, domains: o.domains };
    const lookups = await lookupAll(
      plan,
      client,
      reusable(ctx.previous?.details, ctx.now, o.min_interval),
      ctx.now,
    );
    return judgeLookups(lookups, servers.map(formatServer));
  } catch (e) {
    if (e instanceof DnsError) return unknown(e.message);
    throw e;
  }
}

export const mailDnsbl = defineCheck({
  id: 'mail.dnsbl',
  title: 'Mail server on DNS blocklists',
  options: Options,
  zeroConfig: false,
  timeoutSec: 60,
  // Asked from ronde's machine, through the configured resolver: nothing runs on the target.
  commands: () => [],
  evaluate: (ctx) => evaluateDnsbl(ctx),
  docs: {
    observes:
      "Whether your mail server's addresses (and sending domains) are on DNS blocklists (Spamhaus ZEN and DBL, SpamCop, PSBL by default): a listing makes other servers refuse or junk your mail.",
    privileges:
      'None on the target. A resolver of your own that the lists accept (not a public one), or a Spamhaus DQS key.',
    statuses: {
      OK: 'no list lists any address or domain',
      CRIT: 'a list lists one: the list, what its code means and its TXT reason are given',
      UNKNOWN:
        'a list refused the query (public resolver, rate limit, DQS key problem: the fix is given), the resolver failed or rewrote the answer, or a query timed out — never "not listed"',
    },
    example:
      'checks:\n  - kind: mail.dnsbl\n    on: local\n    options:\n      addresses: ["192.0.2.25", "2001:db8::25"]\n      domains: ["example.org"]\n      resolver: ["127.0.0.1"]\n',
  },
});
