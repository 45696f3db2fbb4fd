import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalName, dsDigest, dsMatches, keyTag } from './keys.js';

// RFC 4034 §5.4 and RFC 4509 §2.3: dskey.example.com's key and its DS records.
const key = {
  flags: 256,
  algorithm: 5,
  key: Buffer.from(
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==',
    'base64',
  ),
};

describe('DNSSEC key arithmetic (RFC vectors)', () => {
  it('key tag 60485', () => {
    expect(keyTag(key)).toBe(60485);
  });
  it('DS digests of RFC 4034 (SHA-1) and RFC 4509 (SHA-256)', () => {
    expect(dsDigest('dskey.example.com.', key, 1)?.toString('hex').toUpperCase()).toBe(
      '2BB183AF5F22588179A53B0A98631FAD1A292118',
    );
    expect(dsDigest('DSKEY.example.com', key, 2)?.toString('hex').toUpperCase()).toBe(
      'D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A',
    );
    expect(dsDigest('dskey.example.com', key, 99)).toBeNull();
  });
  it('a DS matches only its key', () => {
    const digest = dsDigest('dskey.example.com', key, 2)!;
    const ds = { keyTag: 60485, algorithm: 5, digestType: 2, digest };
    expect(dsMatches('dskey.example.com', ds, [key])).toBe(true);
    expect(dsMatches('other.example.com', ds, [key])).toBe(false);
    const bad = Buffer.from(digest);
    bad[0]! ^= 1;
    expect(dsMatches('dskey.example.com', { ...ds, digest: bad }, [key])).toBe(false);
  });
  it('canonical names and any key never throw', () => {
    expect(canonicalName('Example.ORG.').toString('hex')).toBe('076578616d706c65036f726700');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65535 }),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 300 }),
        (flags, algorithm, k) => {
          const t = keyTag({ flags, algorithm, key: Buffer.from(k) });
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThan(65536);
        },
      ),
    );
  });
});
