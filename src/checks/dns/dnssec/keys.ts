import { createHash } from 'node:crypto';

/** A DNSKEY as dns-packet gives it. */
export interface DnsKey {
  flags: number;
  algorithm: number;
  key: Buffer;
}

/** A DS record as dns-packet gives it. */
export interface DsRecord {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Buffer;
}

/** DNSKEY RDATA: flags, protocol 3, algorithm, public key (RFC 4034 §2.1). */
export function dnskeyRdata(k: DnsKey): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(k.flags & 0xffff, 0);
  head[2] = 3;
  head[3] = k.algorithm & 0xff;
  return Buffer.concat([head, k.key]);
}

/** The key tag of a DNSKEY (RFC 4034 appendix B). */
export function keyTag(k: DnsKey): number {
  const rdata = dnskeyRdata(k);
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** A name in canonical wire form: lower-case labels, length-prefixed, root label last. */
export function canonicalName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .toLowerCase()
    .split('.')
    .filter((l) => l !== '');
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])),
    Buffer.from([0]),
  ]);
}

const HASH: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

/** The digest a DS of this type holds for this key (RFC 4034 §5.1.4), or null for an unknown type. */
export function dsDigest(zone: string, k: DnsKey, digestType: number): Buffer | null {
  const alg = HASH[digestType];
  if (!alg) return null;
  return createHash(alg).update(canonicalName(zone)).update(dnskeyRdata(k)).digest();
}

/** Whether a DS names one of the keys: same tag, algorithm and digest. */
export function dsMatches(zone: string, ds: DsRecord, keys: readonly DnsKey[]): boolean {
  return keys.some((k) => {
    if (k.algorithm !== ds.algorithm || keyTag(k) !== ds.keyTag) return false;
    const d = dsDigest(zone, k, ds.digestType);
    return d?.equals(ds.digest);
  });
}
