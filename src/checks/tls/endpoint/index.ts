import { ProbeError, probeTls } from '../../../clients/tls/probe.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { sayError } from '../../../core/said.js';
import { type Lang, t } from '../../../i18n/index.js';
import { changes, type EndpointFacts, judgeEndpoint, outcome } from './judge.js';
import { type Endpoint, endpoints, Options, type TlsEndpointOptions } from './options.js';

async function probeOne(
  ep: Endpoint,
  o: TlsEndpointOptions,
  now: () => Date,
  signal: AbortSignal,
  lang: Lang,
): Promise<EndpointFacts> {
  try {
    const probe = await probeTls({
      host: ep.connect,
      port: ep.port,
      servername: ep.expect,
      starttls: ep.starttls,
      ...(o.ca_file ? { caFile: o.ca_file } : {}),
      timeoutMs: o.timeout * 1000,
      signal,
    });
    return judgeEndpoint(ep, probe, o, now(), lang);
  } catch (e) {
    const base = { endpoint: ep.id, starttls: ep.starttls };
    if (e instanceof ProbeError && e.notOffered)
      return {
        ...base,
        status: 'CRIT',
        problems: [{ status: 'CRIT', why: `${ep.id}: ${sayError(lang, e)}` }],
      };
    const what =
      e instanceof ProbeError
        ? t(lang, 'tls.endpoint.stageFailed', { stage: e.stage, error: sayError(lang, e) })
        : t(lang, 'tls.endpoint.cannotProbe', { error: (e as Error).message });
    // A handshake refused is what clients see too: CRIT. Not reaching the service: UNKNOWN.
    const status = e instanceof ProbeError && e.stage === 'handshake' ? 'CRIT' : 'UNKNOWN';
    return { ...base, status, problems: [{ status, why: `${ep.id}: ${what}` }] };
  }
}

export async function evaluateTlsEndpoint(
  ctx: Pick<CheckContext<TlsEndpointOptions>, 'options' | 'now' | 'signal' | 'previous' | 'lang'>,
): Promise<CheckOutcome> {
  const o = ctx.options;
  const facts = await Promise.all(
    endpoints(o).map((ep) => probeOne(ep, o, () => ctx.now, ctx.signal, ctx.lang)),
  );
  return outcome(facts, changes(facts, ctx.previous?.details), ctx.lang);
}

export const tlsEndpoint = defineCheck({
  id: 'tls.endpoint',
  title: 'TLS certificate of a service (HTTPS, SMTP, IMAP, POP3, LDAP, PostgreSQL)',
  options: Options,
  zeroConfig: false,
  required: ['endpoints'],
  timeoutSec: 60,
  // Probed from ronde's machine, as a client would: nothing runs on the target.
  commands: () => [],
  evaluate: (ctx) => evaluateTlsEndpoint(ctx),
});
