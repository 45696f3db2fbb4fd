import { describe, expect, it } from 'vitest';
import { chainFindArgv, chainGlobs, lineageName, parseChainFind } from './chain.js';

describe('the chain beside a certificate', () => {
  it('looks for chain.pem and fullchain.pem in the directories the glob matches', () => {
    expect(chainGlobs('/etc/letsencrypt/live/*/cert.pem')).toEqual([
      '/etc/letsencrypt/live/*/chain.pem',
      '/etc/letsencrypt/live/*/fullchain.pem',
    ]);
    const argv = chainFindArgv('/etc/letsencrypt/live/*/cert.pem');
    expect(argv.slice(0, 7)).toEqual([
      'find',
      '-L',
      '/etc/letsencrypt/live',
      '-mindepth',
      '2',
      '-maxdepth',
      '2',
    ]);
    // Certificate blocks only: a key in the same file never leaves the machine.
    expect(argv).toContain('/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p');
  });

  it('reads the NUL-framed records, keeping each file whole', () => {
    const out = '\0ronde-file\0/l/a/chain.pem\0PEM1\nPEM2\n\0ronde-file\0/l/b/fullchain.pem\0\0';
    expect([...parseChainFind(out)]).toEqual([
      ['/l/a/chain.pem', 'PEM1\nPEM2\n'],
      ['/l/b/fullchain.pem', ''],
    ]);
  });

  it("names a lineage after certbot's directory, suffix dropped; not a DNS name: none", () => {
    expect(lineageName('/etc/letsencrypt/live/example.org/cert.pem')).toBe('example.org');
    expect(lineageName('/etc/letsencrypt/live/example.org-0001/cert.pem')).toBe('example.org');
    expect(lineageName('/etc/letsencrypt/live/README/cert.pem')).toBeUndefined();
    expect(lineageName('/etc/ssl/mycert/cert.pem')).toBeUndefined();
  });
});
