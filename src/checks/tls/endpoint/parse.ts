/**
 * The signature algorithm of a DER certificate (node 20's X509Certificate does not expose
 * it): Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID … }, … }.
 * Returns null on anything malformed (fuzzed: never throws).
 */
const NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

/** Signatures a forger can produce (collisions): MD5, SHA-1. */
export const WEAK_SIGNATURES = new Set([
  'md5WithRSAEncryption',
  'sha1WithRSAEncryption',
  'ecdsa-with-SHA1',
  'dsa-with-SHA1',
]);

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function tlv(b: Buffer, at: number): Tlv | null {
  const tag = b[at];
  const first = b[at + 1];
  if (tag === undefined || first === undefined) return null;
  let start = at + 2;
  let len = first;
  if (first >= 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || at + 2 + n > b.length) return null;
    len = b.readUIntBE(at + 2, n);
    start = at + 2 + n;
  }
  return start + len > b.length ? null : { tag, start, end: start + len };
}

export function oidText(b: Buffer): string | null {
  if (b.length === 0) return null;
  const parts: number[] = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) return null;
    if (!(b[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

export function signatureAlgorithm(der: Buffer): string | null {
  const cert = tlv(der, 0);
  if (cert?.tag !== 0x30) return null;
  const tbs = tlv(der, cert.start);
  if (tbs?.tag !== 0x30) return null;
  const alg = tlv(der, tbs.end);
  if (alg?.tag !== 0x30) return null;
  const oid = tlv(der, alg.start);
  if (oid?.tag !== 0x06 || oid.end > alg.end) return null;
  const text = oidText(der.subarray(oid.start, oid.end));
  return text === null ? null : (NAMES[text] ?? text);
}
