import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDkim, parseDmarc } from './records.js';

describe('parseDmarc', () => {
  it('reads the policy', () => {
    expect(parseDmarc('v=DMARC1; p=reject; rua=mailto:d@example.org')).toMatchObject({
      ok: true,
      policy: 'reject',
      rua: 'mailto:d@example.org',
    });
    const en = (d: ReturnType<typeof parseDmarc>) => (d.ok ? d : { ok: false, error: d.error.say('en') });
    expect(en(parseDmarc('v=DMARC1; rua=mailto:d@example.org'))).toEqual({
      ok: false,
      error: 'no policy (p=)',
    });
    expect(en(parseDmarc('v=DMARC1; p=block'))).toEqual({ ok: false, error: 'unknown policy p=block' });
  });
});

describe('parseDkim', () => {
  it('reads the RFC 8463 ed25519 key and an RSA key', () => {
    expect(parseDkim('v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=')).toEqual({
      ok: true,
      type: 'ed25519',
    });
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(parseDkim(`v=DKIM1; k=rsa; p=${p.slice(0, 40)} ${p.slice(40)}`)).toEqual({
      ok: true,
      type: 'rsa',
      bits: 1024,
    });
  });
  it('an empty p= is a revoked key; garbage is not a key', () => {
    expect(parseDkim('v=DKIM1; k=rsa; p=')).toMatchObject({ ok: false, revoked: true });
    const garbage = parseDkim('v=DKIM1; p=bm90IGEga2V5');
    expect(!garbage.ok && garbage.error.say('en')).toBe('the key (p=) is not a valid public key');
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseDkim(s)));
    fc.assert(fc.property(fc.string(), (s) => void parseDmarc(s)));
  });
});
