import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { ProbeResult } from '../../../clients/tls/probe.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
import { type Key, type Lang, t } from '../../../i18n/index.js';
import type { Endpoint, TlsEndpointOptions } from './options.js';
import { signatureAlgorithm, WEAK_SIGNATURES } from './parse.js';

const DAY_MS = 86_400_000;

export interface Problem {
  status: Status;
  why: string;
}

/** What one endpoint showed, as stored in details (and compared with the next run). */
export interface EndpointFacts {
  endpoint: string;
  starttls: string;
  status: Status;
  problems: Problem[];
  subject?: string;
  issuer?: string;
  serial?: string;
  fingerprint?: string;
  names?: string;
  notBefore?: string;
  notAfter?: string;
  daysLeft?: number;
  key?: string;
  signature?: string;
  protocol?: string | null;
  verified?: boolean;
}

/** OpenSSL's verification errors, said for a newcomer. */
const VERIFY: Record<string, Key> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls.endpoint.verify.issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls.endpoint.verify.issuer',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls.endpoint.verify.untrustedRoot',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls.endpoint.verify.selfSigned',
  CERT_HAS_EXPIRED: 'tls.endpoint.verify.expired',
  CERT_NOT_YET_VALID: 'tls.endpoint.verify.notYetValid',
  CERT_SIGNATURE_FAILURE: 'tls.endpoint.verify.signature',
  CERT_REVOKED: 'tls.endpoint.verify.revoked',
};

function keyText(c: X509Certificate, lang: Lang): { text: string; weak?: string } {
  const k = c.publicKey;
  const d = k.asymmetricKeyDetails ?? {};
  if (k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss') {
    const bits = d.modulusLength ?? 0;
    return { text: `RSA ${bits}` };
  }
  if (k.asymmetricKeyType === 'ec') return { text: `EC ${d.namedCurve ?? '?'}` };
  if (k.asymmetricKeyType === 'dsa')
    return { text: `DSA ${d.modulusLength ?? '?'}`, weak: t(lang, 'tls.endpoint.dsa') };
  return { text: String(k.asymmetricKeyType ?? 'unknown').toUpperCase() };
}

/** Judges one endpoint from what the probe saw. Pure (the clock is given). */
export function judgeEndpoint(
  ep: Endpoint,
  probe: ProbeResult,
  o: TlsEndpointOptions,
  now: Date,
  lang: Lang,
): EndpointFacts {
  const base = { endpoint: ep.id, starttls: ep.starttls };
  const der = probe.chain[0];
  if (!der)
    return {
      ...base,
      status: 'CRIT',
      problems: [{ status: 'CRIT', why: `${ep.id}: ${t(lang, 'tls.endpoint.noCert')}` }],
    };
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(der);
  } catch (e) {
    return {
      ...base,
      status: 'UNKNOWN',
      problems: [
        {
          status: 'UNKNOWN',
          why: `${ep.id}: ${t(lang, 'tls.endpoint.unreadable', { error: (e as Error).message })}`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const add = (status: Status, why: string) => problems.push({ status, why: `${ep.id}: ${why}` });
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  const left = (to - now.getTime()) / DAY_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const cert = (why: string) => t(lang, 'tls.endpoint.cert', { why });
  const expires = () => cert(t(lang, 'tls.expires', { days: Math.floor(left), date: day(to) }));
  if (now.getTime() < from) add('CRIT', cert(t(lang, 'tls.notYetValid', { date: day(from) })));
  else if (left < 0) add('CRIT', cert(t(lang, 'tls.expired', { date: day(to) })));
  else if (left < o.crit_days) add('CRIT', expires());
  else if (left < o.warn_days) add('WARN', expires());
  // Node adds its own name check to the verification; names are judged below, with the expected name.
  const err =
    probe.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : probe.authorizationError;
  const verified = probe.authorized || err === undefined;
  if (!verified && err && err !== 'CERT_HAS_EXPIRED' && err !== 'CERT_NOT_YET_VALID')
    add('CRIT', `${t(lang, VERIFY[err] ?? 'tls.endpoint.chain')} (${err})`);
  const nameOk = isIP(ep.expect) ? leaf.checkIP(ep.expect) : leaf.checkHost(ep.expect);
  if (!nameOk)
    add(
      'CRIT',
      t(lang, 'tls.endpoint.wrongName', {
        expect: ep.expect,
        names: leaf.subjectAltName ?? leaf.subject.replaceAll('\n', ', '),
      }),
    );
  const key = keyText(leaf, lang);
  if (key.weak) add('WARN', t(lang, 'tls.endpoint.weakKey', { key: key.weak }));
  const bits = leaf.publicKey.asymmetricKeyDetails?.modulusLength;
  if (/^RSA/.test(key.text) && bits !== undefined && bits < o.min_rsa_bits)
    add('WARN', t(lang, 'tls.endpoint.weakRsa', { bits, min: o.min_rsa_bits }));
  const signature = signatureAlgorithm(der);
  // The root's own signature does not matter (it is trusted by presence); the others do.
  probe.chain.forEach((c, i) => {
    const alg = signatureAlgorithm(c);
    if (alg && WEAK_SIGNATURES.has(alg) && !(i > 0 && i === probe.chain.length - 1))
      add(
        'WARN',
        t(lang, 'tls.endpoint.weakSignature', {
          alg,
          on: i === 0 ? t(lang, 'tls.endpoint.leaf') : t(lang, 'tls.endpoint.chainCert', { i }),
        }),
      );
  });
  return {
    ...base,
    status: worst(problems.map((p) => p.status)),
    problems,
    subject: leaf.subject.replaceAll('\n', ', '),
    issuer: leaf.issuer.replaceAll('\n', ', '),
    serial: leaf.serialNumber,
    fingerprint: leaf.fingerprint256,
    ...(leaf.subjectAltName ? { names: leaf.subjectAltName } : {}),
    notBefore: new Date(from).toISOString(),
    notAfter: new Date(to).toISOString(),
    daysLeft: Math.floor(left),
    key: key.text,
    ...(signature ? { signature } : {}),
    protocol: probe.protocol,
    verified,
  };
}

export interface Change {
  endpoint: string;
  from: { serial?: string; notAfter?: string; fingerprint?: string };
  to: { serial?: string; notAfter?: string; fingerprint?: string };
}

/** Certificates that differ from the previous result's (a renewal, or an unexpected swap). */
export function changes(facts: readonly EndpointFacts[], previous: unknown): Change[] {
  const prev = (previous as { endpoints?: unknown } | undefined)?.endpoints;
  if (!Array.isArray(prev)) return [];
  const out: Change[] = [];
  for (const f of facts) {
    const p = prev.find((x: Partial<EndpointFacts>) => x?.endpoint === f.endpoint) as
      | Partial<EndpointFacts>
      | undefined;
    if (!p?.fingerprint || !f.fingerprint || p.fingerprint === f.fingerprint) continue;
    const pick = (x: Partial<EndpointFacts>) => ({
      serial: x.serial,
      notAfter: x.notAfter,
      fingerprint: x.fingerprint,
    });
    out.push({ endpoint: f.endpoint, from: pick(p), to: pick(f) });
  }
  return out;
}

export function outcome(
  facts: readonly EndpointFacts[],
  changed: readonly Change[],
  lang: Lang,
): CheckOutcome {
  const problems = facts.flatMap((f) => f.problems);
  const status = worst(facts.map((f) => f.status));
  const notices = changed.map((c) =>
    t(lang, 'tls.endpoint.changed', {
      endpoint: c.endpoint,
      from: c.from.serial ?? '?',
      fromUntil: c.from.notAfter?.slice(0, 10) ?? '?',
      to: c.to.serial ?? '?',
      toUntil: c.to.notAfter?.slice(0, 10) ?? '?',
    }),
  );
  const details = { endpoints: facts, ...(changed.length ? { changed } : {}) };
  if (facts.length === 0) {
    const why = t(lang, 'tls.endpoint.none');
    return { status: 'UNKNOWN', summary: why, reasons: [why], details };
  }
  const worstFirst = problems.filter((p) => p.status === status);
  const soonest = facts.filter((f) => f.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
  const summary =
    status === 'OK'
      ? t(lang, 'tls.endpoint.ok', {
          n: facts.length,
          days: soonest?.daysLeft ?? 0,
          endpoint: soonest?.endpoint ?? '',
        })
      : worstFirst
          .slice(0, 2)
          .map((p) => p.why)
          .join('; ') + (worstFirst.length > 2 ? t(lang, 'tls.andMore', { n: worstFirst.length - 2 }) : '');
  return {
    status,
    summary: notices.length
      ? `${summary}; ${notices.length === 1 ? notices[0] : t(lang, 'tls.endpoint.changedMany', { n: notices.length })}`
      : summary,
    reasons: [...problems.map((p) => p.why), ...notices],
    details,
  };
}
