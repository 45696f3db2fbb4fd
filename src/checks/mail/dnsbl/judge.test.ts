import { describe, expect, it } from 'vitest';
import type { Lookup } from './classify.js';
import { judgeLookups } from './judge.js';
import { reusable } from './lookup.js';

const at = '2026-12-05T10:00:00.000Z';
const clean = (zone: string, subject = '192.0.2.25'): Lookup => ({ zone, subject, result: 'clean', at });

describe('judgeLookups', () => {
  it('OK names what was asked', () => {
    const o = judgeLookups([clean('zen.spamhaus.org'), clean('bl.spamcop.net')], ['127.0.0.1'], 'en');
    expect(o.status).toBe('OK');
    expect(o.summary).toBe('192.0.2.25: not listed on 2 lists');
  });
  it('a listing is CRIT with the zone, meaning, TXT reason and where to delist', () => {
    const o = judgeLookups(
      [
        clean('bl.spamcop.net'),
        {
          zone: 'zen.spamhaus.org',
          subject: '192.0.2.25',
          result: 'refused',
          meanings: ['use your own resolver'],
          at,
        },
        {
          zone: 'zen.spamhaus.org',
          subject: '192.0.2.26',
          result: 'listed',
          codes: ['127.0.0.2'],
          meanings: ['SBL: a known spam source'],
          txt: ['https://www.spamhaus.org/sbl/query/SBL2'],
          at,
        },
      ],
      [],
      'en',
    );
    expect(o.status).toBe('CRIT');
    expect(o.summary).toMatch(
      /^192\.0\.2\.26 is listed on zen\.spamhaus\.org: SBL: a known spam source \(reason: https:\/\/www\.spamhaus\.org\/sbl\/query\/SBL2\); fix the cause, then ask for delisting at https:\/\/check\.spamhaus\.org\/ \(and 1 more\)$/,
    );
    expect(o.reasons?.[1]).toMatch(/could not say whether 192\.0\.2\.25 is listed: use your own resolver/);
  });
  it('says it in French to a French team, the lists’ own meanings quoted', () => {
    const listed: Lookup = {
      zone: 'zen.spamhaus.org',
      subject: '192.0.2.26',
      result: 'listed',
      codes: ['127.0.0.2'],
      meanings: ['SBL: a known spam source'],
      txt: ['https://www.spamhaus.org/sbl/query/SBL2'],
      at,
    };
    const o = judgeLookups([clean('bl.spamcop.net'), listed], [], 'fr');
    expect(o.summary).toBe(
      '192.0.2.26 figure sur zen.spamhaus.org : SBL: a known spam source (motif : https://www.spamhaus.org/sbl/query/SBL2)' +
        ' ; corrigez la cause, puis demandez le retrait sur https://check.spamhaus.org/',
    );
    expect(judgeLookups([clean('zen.spamhaus.org'), clean('bl.spamcop.net')], [], 'fr').summary).toBe(
      '192.0.2.25 : ne figure sur aucune liste (2 listes interrogées)',
    );
    expect(judgeLookups([], [], 'fr').summary).toBe(
      'rien à demander : aucune adresse pour les listes `ip` et aucun domaine pour les listes `domain`',
    );
  });
  it('a refusal alone is UNKNOWN, never OK', () => {
    const o = judgeLookups(
      [{ ...clean('zen.spamhaus.org'), result: 'refused', meanings: ['fix'] }],
      [],
      'en',
    );
    expect(o.status).toBe('UNKNOWN');
  });
  it('nothing to ask is UNKNOWN', () => {
    expect(judgeLookups([], [], 'en').status).toBe('UNKNOWN');
  });
});

describe('reusable', () => {
  const now = new Date('2026-12-05T10:30:00Z');
  it('keeps answers younger than min_interval, not errors nor older ones', () => {
    const prev = {
      lookups: [
        clean('zen.spamhaus.org'),
        { ...clean('bl.spamcop.net'), result: 'error' },
        { ...clean('psbl.surriel.com'), at: '2026-12-05T09:00:00.000Z' },
        { ...clean('x.example'), result: 'refused' },
        { garbage: true },
      ],
    };
    const r = reusable(prev, now, 3600);
    expect([...r.keys()].map((k) => k.split('\0')[0])).toEqual(['zen.spamhaus.org', 'x.example']);
    expect(r.get('zen.spamhaus.org\u0000192.0.2.25')?.reused).toBe(true);
    expect(reusable(undefined, now, 3600).size).toBe(0);
    expect(reusable({ lookups: 'x' }, now, 3600).size).toBe(0);
  });
});
