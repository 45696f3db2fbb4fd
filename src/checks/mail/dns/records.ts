import { createPublicKey } from 'node:crypto';
import { type Said, said } from '../../../core/said.js';

/** `k=v; k=v` tag lists of DMARC (RFC 7489) and DKIM (RFC 6376). */
export function tags(txt: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of txt.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim().toLowerCase();
    if (k && !m.has(k)) m.set(k, part.slice(i + 1).trim());
  }
  return m;
}

export type Dmarc =
  | { ok: true; policy: string; subdomainPolicy?: string; pct?: string; rua?: string }
  | { ok: false; error: Said };

export function parseDmarc(txt: string): Dmarc {
  const t = tags(txt);
  if (t.get('v') !== 'DMARC1') return { ok: false, error: said('mail.dns.dmarc.notDmarc') };
  const p = t.get('p')?.toLowerCase();
  if (!p) return { ok: false, error: said('mail.dns.dmarc.noPolicy') };
  if (!['none', 'quarantine', 'reject'].includes(p))
    return { ok: false, error: said('mail.dns.dmarc.unknownPolicy', { policy: p }) };
  return {
    ok: true,
    policy: p,
    ...(t.get('sp') ? { subdomainPolicy: t.get('sp')! } : {}),
    ...(t.get('pct') ? { pct: t.get('pct')! } : {}),
    ...(t.get('rua') ? { rua: t.get('rua')! } : {}),
  };
}

export type DkimKey =
  | { ok: true; type: string; bits?: number }
  | { ok: false; error: Said; revoked?: boolean };

/** Reads a DKIM key record: its type, and the key itself (an empty p= means revoked). */
export function parseDkim(txt: string): DkimKey {
  const t = tags(txt);
  const v = t.get('v');
  if (v !== undefined && v !== 'DKIM1') return { ok: false, error: said('mail.dns.dkim.version', { v }) };
  const p = t.get('p');
  if (p === undefined) return { ok: false, error: said('mail.dns.dkim.noP') };
  if (p.replace(/\s/g, '') === '') return { ok: false, error: said('mail.dns.dkim.revoked'), revoked: true };
  const type = (t.get('k') ?? 'rsa').toLowerCase();
  const der = Buffer.from(p.replace(/\s/g, ''), 'base64');
  try {
    if (type === 'ed25519') {
      if (der.length !== 32)
        return { ok: false, error: said('mail.dns.dkim.ed25519Size', { n: der.length }) };
      return { ok: true, type };
    }
    if (type !== 'rsa') return { ok: false, error: said('mail.dns.dkim.unknownType', { type }) };
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return { ok: true, type, bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
  } catch {
    return { ok: false, error: said('mail.dns.dkim.badKey') };
  }
}
