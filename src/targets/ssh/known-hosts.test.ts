import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatches,
  hostKeyAlgorithms,
  knownHostsName,
  parseKnownHosts,
} from './known-hosts.js';

/** A syntactically valid key blob of a type (content does not matter for matching). */
function blob(type: string, fill: number): string {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.alloc(32, fill)]).toString('base64');
}
const ED_A = blob('ssh-ed25519', 1);
const ED_B = blob('ssh-ed25519', 2);
const RSA = blob('ssh-rsa', 3);

function hashed(name: string, salt = Buffer.alloc(20, 7)): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('names non-22 ports as [host]:port, IPv6 included', () => {
    expect(knownHostsName('127.0.20.1')).toBe('127.0.20.1');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
    expect(knownHostsName('[::1]', 22)).toBe('::1');
  });

  it('matches comma lists, wildcards, negations and hashed names', () => {
    const [e] = parseKnownHosts(`web*,!web9,127.0.20.1 ssh-ed25519 ${ED_A}`);
    expect(entryMatches(e!, 'web1')).toBe(true);
    expect(entryMatches(e!, 'web9')).toBe(false);
    expect(entryMatches(e!, '127.0.20.1')).toBe(true);
    const [h] = parseKnownHosts(`${hashed('[127.0.20.2]:2222')} ssh-ed25519 ${ED_A}`);
    expect(entryMatches(h!, '[127.0.20.2]:2222')).toBe(true);
    expect(entryMatches(h!, '127.0.20.2')).toBe(false);
  });

  it('skips @cert-authority, comments and corrupt lines', () => {
    const text = `# c\n@cert-authority *.example ssh-ed25519 ${ED_A}\nhost ssh-rsa ${ED_A}\nhost ssh-ed25519 !!!\nhost\n`;
    expect(parseKnownHosts(text)).toEqual([]);
  });

  it('verdicts: known, changed (same type), unknown (other types), revoked', () => {
    const entries = parseKnownHosts(
      `h ssh-ed25519 ${ED_A}\ng ssh-rsa ${RSA}\n@revoked * ssh-ed25519 ${ED_B}\n`,
    );
    expect(checkHostKey(entries, 'h', Buffer.from(ED_A, 'base64')).kind).toBe('known');
    expect(checkHostKey(entries, 'g', Buffer.from(ED_A, 'base64'))).toMatchObject({
      kind: 'unknown',
      otherTypes: ['ssh-rsa'],
    });
    expect(checkHostKey(entries, 'h', Buffer.from(blob('ssh-ed25519', 9), 'base64')).kind).toBe('changed');
    expect(checkHostKey(entries, 'h', Buffer.from(ED_B, 'base64')).kind).toBe('revoked');
    expect(checkHostKey(entries, 'new', Buffer.from(ED_A, 'base64')).kind).toBe('unknown');
  });

  it('offers the known key types first (RSA host: rsa-sha2-* before ed25519)', () => {
    const entries = parseKnownHosts(`g ssh-rsa ${RSA}\n`);
    expect(hostKeyAlgorithms(entries, 'g').slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms(entries, 'other')[0]).toBe('ssh-ed25519');
  });
});
