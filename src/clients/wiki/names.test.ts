import { describe, expect, it } from 'vitest';
import { DokuwikiClient } from './dokuwiki.js';
import { MediawikiClient } from './mediawiki.js';

describe('page names as each wiki writes them', () => {
  it('DokuWiki: lower case, `_` for spaces and odd characters, `:` namespaces', () => {
    const d = new DokuwikiClient({ url: 'https://wiki.example.org' });
    expect(d.normalise('infra:Annuaire LDAP')).toBe('infra:annuaire_ldap');
    expect(d.normalise('Services/Mattermost')).toBe('services:mattermost');
    expect(d.normalise(' web1.example.org ')).toBe('web1.example.org');
    expect(d.pageUrl('services:lab')).toBe('https://wiki.example.org/doku.php?id=services%3Alab');
  });

  it('MediaWiki: first letter up, underscores as spaces', () => {
    const m = new MediawikiClient({ url: 'https://wiki.example.org/w/api.php' });
    expect(m.normalise('etherpad')).toBe('Etherpad');
    expect(m.normalise('Host_web1')).toBe('Host web1');
    expect(m.pageUrl('Host web1')).toBe('https://wiki.example.org/w/index.php?title=Host_web1');
  });
});
