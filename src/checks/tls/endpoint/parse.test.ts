import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oidText, signatureAlgorithm } from './parse.js';

const der = (name: string): Buffer =>
  new X509Certificate(
    readFileSync(new URL(`../../../../test/fixtures/tls/endpoint/${name}`, import.meta.url)),
  ).raw;

describe('signatureAlgorithm (certificates made by openssl)', () => {
  it('names the algorithm as openssl x509 -text does', () => {
    expect(signatureAlgorithm(der('ec-sha256-mail.pem'))).toBe('ecdsa-with-SHA256');
    expect(signatureAlgorithm(der('rsa2048-sha256.pem'))).toBe('sha256WithRSAEncryption');
    expect(signatureAlgorithm(der('weak-rsa1024-sha1.pem'))).toBe('sha1WithRSAEncryption');
  });
  it('decodes OIDs', () => {
    expect(oidText(Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]))).toBe(
      '1.2.840.10045.4.3.2',
    );
  });
  it('never throws on malformed or cut DER', () => {
    const good = der('ec-sha256-mail.pem');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length }),
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (cut, i, b) => {
          const bad = Buffer.from(good.subarray(0, cut));
          if (i < bad.length) bad[i] = b;
          const r = signatureAlgorithm(bad);
          expect(r === null || typeof r === 'string').toBe(true);
        },
      ),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => void signatureAlgorithm(Buffer.from(b))));
  });
});
