import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { ProbeResult } from '../../../clients/tls/probe.js';
import type { CheckOutcome } from '../../../core/check.js';
import { type Status, worst } from '../../../core/status.js';
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
const VERIFY: Record<string, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the chain does not lead to a trusted CA: the server may not send its intermediate certificate (use the fullchain)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'the chain does not lead to a trusted CA: the server may not send its intermediate certificate (use the fullchain)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a CA that is not trusted (a private CA? give it as ca_file)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed: clients will refuse it',
  CERT_HAS_EXPIRED: 'a certificate of the chain has expired',
  CERT_NOT_YET_VALID: 'a certificate of the chain is not yet valid',
  CERT_SIGNATURE_FAILURE: 'a signature of the chain does not verify',
  CERT_REVOKED: 'a certificate of the chain is revoked',
};

function keyText(c: X509Certificate): { text: string; weak?: string } {
  const k = c.publicKey;
  const d = k.asymmetricKeyDetails ?? {};
  if (k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss') {
    const bits = d.modulusLength ?? 0;
    return { text: `RSA ${bits}` };
  }
  if (k.asymmetricKeyType === 'ec') return { text: `EC ${d.namedCurve ?? '?'}` };
  if (k.asymmetricKeyType === 'dsa') return { text: `DSA ${d.modulusLength ?? '?'}`, weak: 'a DSA key' };
  return { text: String(k.asymmetricKeyType ?? 'unknown').toUpperCase() };
}

/** Judges one endpoint from what the probe saw. Pure (the clock is given). */
export function judgeEndpoint(
  ep: Endpoint,
  probe: ProbeResult,
  o: TlsEndpointOptions,
  now: Date,
): EndpointFacts {
  const base = { endpoint: ep.id, starttls: ep.starttls };
  const der = probe.chain[0];
  if (!der)
    return {
      ...base,
      status: 'CRIT',
      problems: [{ status: 'CRIT', why: `${ep.id}: the server sent no certificate` }],
    };
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(der);
  } catch (e) {
    return {
      ...base,
      status: 'UNKNOWN',
      problems: [{ status: 'UNKNOWN', why: `${ep.id}: unreadable certificate (${(e as Error).message})` }],
    };
  }
  const problems: Problem[] = [];
  const add = (status: Status, why: string) => problems.push({ status, why: `${ep.id}: ${why}` });
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  const left = (to - now.getTime()) / DAY_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (now.getTime() < from) add('CRIT', `certificate not valid before ${day(from)}`);
  else if (left < 0) add('CRIT', `certificate expired on ${day(to)}`);
  else if (left < o.crit_days) add('CRIT', `certificate expires in ${Math.floor(left)} days (${day(to)})`);
  else if (left < o.warn_days) add('WARN', `certificate expires in ${Math.floor(left)} days (${day(to)})`);
  // Node adds its own name check to the verification; names are judged below, with the expected name.
  const err =
    probe.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : probe.authorizationError;
  const verified = probe.authorized || err === undefined;
  if (!verified && err && err !== 'CERT_HAS_EXPIRED' && err !== 'CERT_NOT_YET_VALID')
    add('CRIT', `${VERIFY[err] ?? 'the chain does not verify'} (${err})`);
  const nameOk = isIP(ep.expect) ? leaf.checkIP(ep.expect) : leaf.checkHost(ep.expect);
  if (!nameOk)
    add(
      'CRIT',
      `the certificate is not for ${ep.expect} (it names ${leaf.subjectAltName ?? leaf.subject.replaceAll('\n', ', ')})`,
    );
  const key = keyText(leaf);
  if (key.weak) add('WARN', `weak key: ${key.weak}`);
  const bits = leaf.publicKey.asymmetricKeyDetails?.modulusLength;
  if (/^RSA/.test(key.text) && bits !== undefined && bits < o.min_rsa_bits)
    add('WARN', `weak key: RSA ${bits} bits (fewer than ${o.min_rsa_bits})`);
  const signature = signatureAlgorithm(der);
  // The root's own signature does not matter (it is trusted by presence); the others do.
  probe.chain.forEach((c, i) => {
    const alg = signatureAlgorithm(c);
    if (alg && WEAK_SIGNATURES.has(alg) && !(i > 0 && i === probe.chain.length - 1))
      add('WARN', `weak signature: ${alg} on ${i === 0 ? 'the certificate' : `chain certificate ${i}`}`);
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

export function outcome(facts: readonly EndpointFacts[], changed: readonly Change[]): CheckOutcome {
  const problems = facts.flatMap((f) => f.problems);
  const status = worst(facts.map((f) => f.status));
  const notices = changed.map(
    (c) =>
      `${c.endpoint}: certificate changed since the last result (serial ${c.from.serial} until ${c.from.notAfter?.slice(0, 10)} → serial ${c.to.serial} until ${c.to.notAfter?.slice(0, 10)})`,
  );
  const details = { endpoints: facts, ...(changed.length ? { changed } : {}) };
  if (facts.length === 0) {
    const why = 'no endpoint given: set options.endpoints (`mail.example.org:25`)';
    return { status: 'UNKNOWN', summary: why, reasons: [why], details };
  }
  const worstFirst = problems.filter((p) => p.status === status);
  const soonest = facts.filter((f) => f.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
  const summary =
    status === 'OK'
      ? `${facts.length} endpoint${facts.length === 1 ? '' : 's'}, next expiry in ${soonest?.daysLeft} days (${soonest?.endpoint})`
      : worstFirst
          .slice(0, 2)
          .map((p) => p.why)
          .join('; ') + (worstFirst.length > 2 ? ` and ${worstFirst.length - 2} more` : '');
  return {
    status,
    summary: notices.length
      ? `${summary}; ${notices.length === 1 ? notices[0] : `${notices.length} certificates changed`}`
      : summary,
    reasons: [...problems.map((p) => p.why), ...notices],
    details,
  };
}
