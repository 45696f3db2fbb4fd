import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesBetween, mentionsSecurity, parseChangelog } from './changelog.js';

const fixture = (n: string) =>
  readFileSync(new URL(`../../../../test/fixtures/proxmox/${n}`, import.meta.url), 'utf8');

describe('parseChangelog', () => {
  it('reads pve-manager’s entries and keeps those between installed and candidate', () => {
    const all = parseChangelog(fixture('apt-changelog-pve-manager.txt'));
    expect(all.map((e) => e.version)).toEqual(['8.2.4', '8.2.3', '8.2.2', '8.2.1']);
    const between = entriesBetween(all, '8.2.2', '8.2.4');
    expect(between).toEqual([
      {
        version: '8.2.4',
        distribution: 'bookworm',
        urgency: 'medium',
        items: [
          'pvestatd: clear trailing newlines',
          "ui: backup job: fix showing the 'repeat-missed' option",
        ],
      },
      {
        version: '8.2.3',
        distribution: 'bookworm',
        urgency: 'medium',
        items: [
          'api: ceph: fix getting the OSD metadata',
          'fix #5467: ui: firewall: do not allow editing the comment of a group',
        ],
      },
    ]);
    expect(mentionsSecurity(between)).toBe(false);
  });

  it('joins continuation lines and sees a security fix', () => {
    const e = entriesBetween(
      parseChangelog(fixture('apt-changelog-openssl.txt')),
      '3.0.11-1~deb12u2',
      '3.0.13-1~deb12u1',
    );
    expect(e).toHaveLength(1);
    expect(e[0]?.items[0]).toBe(
      'Import 3.0.13 CVE-2024-0727 (PKCS12 Decoding crashes) CVE-2023-6237 (Excessive time spent checking invalid RSA public keys)',
    );
    expect(mentionsSecurity(e)).toBe(true);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => void entriesBetween(parseChangelog(s), '1', '2')),
    );
  });
});
