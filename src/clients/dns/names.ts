import { isIP } from 'node:net';
import type { Answer } from 'dns-packet';

/**
 * The labels of an address in reverse order, as DNSBLs and reverse DNS want them:
 * `192.0.2.1` → `1.2.0.192`, `2001:db8::1` → 32 nibbles, last first. Null when not an address.
 */
export function reversedLabels(ip: string): string | null {
  const v = isIP(ip);
  if (v === 4) return ip.split('.').reverse().join('.');
  if (v !== 6) return null;
  return expandV6(ip).split('').reverse().join('.');
}

/** The PTR name of an address: `1.2.0.192.in-addr.arpa`, `….ip6.arpa`. */
export function ptrName(ip: string): string | null {
  const r = reversedLabels(ip);
  return r === null ? null : `${r}.${isIP(ip) === 4 ? 'in-addr' : 'ip6'}.arpa`;
}

/** 32 hex digits of an IPv6 address (an embedded IPv4 tail is converted). */
function expandV6(ip: string): string {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    text = `${text.slice(0, -v4[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g: string) => g.padStart(4, '0')).join('');
}

/** The text of a TXT record: its character-strings joined (SPF and DKIM split long ones). */
export function txtText(a: Answer): string {
  if (a.type !== 'TXT') return '';
  const d = a.data;
  const parts = Array.isArray(d) ? d : [d];
  return parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
}

/** A name in the lower-case, no-trailing-dot form dns-packet gives. */
export function normName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}
