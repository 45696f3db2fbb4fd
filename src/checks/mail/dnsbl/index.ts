import { DnsError, formatServer } from '../../../clients/dns/client.js';
import { makeClient, resolverServers } from '../../../clients/dns/resolver.js';
import { resolveSecrets, SecretError } from '../../../config/secrets.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { type Lang, t } from '../../../i18n/index.js';
import { zoneSpec } from './classify.js';
import { judgeLookups } from './judge.js';
import { lookupAll, reusable } from './lookup.js';
import { type DnsblOptions, Options } from './options.js';

export async function evaluateDnsbl(
  ctx: Pick<CheckContext<DnsblOptions>, 'options' | 'now' | 'signal' | 'previous'> & { lang?: Lang },
): Promise<CheckOutcome> {
  const o = ctx.options;
  const lang = ctx.lang ?? 'en';
  let key: string | undefined;
  try {
    key = o.dqs_key ? resolveSecrets(o.dqs_key).reveal() : undefined;
  } catch (e) {
    if (e instanceof SecretError) return unknown(t(lang, 'mail.dnsbl.dqsKey', { error: sayError(lang, e) }));
    throw e;
  }
  const servers = resolverServers(o.resolver);
  if (servers.length === 0) return unknown(t(lang, 'mail.dnsbl.noResolver'));
  try {
    const client = makeClient(o.resolver, o.timeout, ctx.signal);
    const plan = { specs: o.zones.map((z) => zoneSpec(z, key)), addresses: o.addresses, domains: o.domains };
    const lookups = await lookupAll(
      plan,
      client,
      reusable(ctx.previous?.details, ctx.now, o.min_interval),
      ctx.now,
    );
    return judgeLookups(lookups, servers.map(formatServer), lang);
  } catch (e) {
    if (e instanceof DnsError) return unknown(sayError(lang, e));
    throw e;
  }
}

export const mailDnsbl = defineCheck({
  id: 'mail.dnsbl',
  title: 'Mail server on DNS blocklists',
  options: Options,
  zeroConfig: false,
  required: ['addresses|domains'],
  // Lists rate-limit: hourly is what their usage policies expect of a mail server's check.
  intervalSec: 3600,
  timeoutSec: 60,
  // Asked from ronde's machine, through the configured resolver: nothing runs on the target.
  commands: () => [],
  evaluate: (ctx) => evaluateDnsbl(ctx),
});
