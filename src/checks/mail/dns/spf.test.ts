import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupTerms, parseSpf, walkSpf } from './spf.js';

describe('parseSpf', () => {
  it('reads mechanisms and modifiers with their qualifiers', () => {
    const p = parseSpf('v=spf1 mx ip4:192.0.2.0/24 include:_spf.google.com ~all redirect=_spf.example.org');
    expect(p.ok && p.terms.map((t) => `${t.qualifier}${t.name}${t.value ? `:${t.value}` : ''}`)).toEqual([
      '+mx',
      '+ip4:192.0.2.0/24',
      '+include:_spf.google.com',
      '~all',
      '+redirect:_spf.example.org',
    ]);
  });
  it('refuses what receivers refuse (permerror)', () => {
    const bad = parseSpf('v=spf1 ipv4:192.0.2.1 -all');
    expect(!bad.ok && bad.error.say('en')).toBe('unknown term "ipv4:192.0.2.1"');
    expect(!bad.ok && bad.error.say('fr')).toBe('terme inconnu « ipv4:192.0.2.1 »');
    expect(parseSpf('v=spf1 include -all')).toMatchObject({ ok: false });
    expect(parseSpf('spf1 -all')).toMatchObject({ ok: false });
  });
  it('counts the terms that cost a lookup', () => {
    const p = parseSpf('v=spf1 a mx ptr exists:%{i}.x.example include:a.example ip4:192.0.2.1 -all');
    expect(p.ok && lookupTerms(p.terms)).toEqual({ count: 5, follow: ['a.example'] });
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseSpf(`v=spf1 ${s}`)));
  });
});

describe('walkSpf', () => {
  const zone: Record<string, string[]> = {
    'a.example': ['v=spf1 include:b.example include:c.example -all'],
    'b.example': ['v=spf1 a mx -all'],
    'c.example': ['v=spf1 include:a.example -all'], // a loop: each domain once
    'two.example': ['v=spf1 -all', 'v=spf1 ~all'],
  };
  const fetch = async (d: string) => zone[d] ?? [];
  it('counts through includes, each domain once', async () => {
    expect(await walkSpf('v=spf1 mx include:a.example -all', fetch)).toEqual({ lookups: 7, problems: [] });
  });
  it('an include without SPF, or with two, is a problem', async () => {
    const w = await walkSpf('v=spf1 include:none.example include:two.example -all', fetch);
    expect(w.problems.map((p) => p.say('en'))).toEqual([
      'none.example (included by the domain) publishes no SPF record: receivers treat that as an error',
      'two.example (included by the domain) publishes 2 SPF records',
    ]);
  });
});
