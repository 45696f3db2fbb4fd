import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../../test/helpers/english.js';
import { dnsDnssec } from './index.js';
import { judgeZone, outcome, type ZoneAnswers } from './judge.js';

// Answers of the Knot lab as our client decoded them (test/fixtures/dns/answers/README.md).
const captured = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/dns/answers/dnssec.json', import.meta.url), 'utf8'),
  (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' ? Buffer.from(v.$b64, 'base64') : v),
) as { captured: string; zones: Record<string, ZoneAnswers> };
const now = new Date(captured.captured);
const o = dnsDnssec.options.parse({ zones: ['x.test'] });
const judge = (zones: string[], lang: 'en' | 'fr', was?: { at: string }) =>
  outcome(
    zones.map((z) => judgeZone(captured.zones[z]!, o, now, was)),
    lang,
  );

describe('dns.dnssec on the answers Knot gave', () => {
  it('says expiring signatures and a wrong DS in French, details in English', () => {
    const fr = judge(['expiring.lab.test', 'wrongds.lab.test'], 'fr');
    const en = judge(['expiring.lab.test', 'wrongds.lab.test'], 'en');
    expect(fr.status).toBe('CRIT');
    expect(fr.summary).toMatch(
      /^expiring\.lab\.test : la signature \w+ \(clé \d+\) expire dans 3 jours \(\S+ \S+ UTC\) : le signataire re-signe-t-il \? \(et 1 de plus\)$/,
    );
    expect(fr.reasons?.[1]).toMatch(
      /^wrongds\.lab\.test : aucun DS du parent ne correspond à une DNSKEY de la zone \(DS \d+ ; clés \d+, \d+\) : les résolveurs validants refusent la zone$/,
    );
    for (const r of [fr.summary, ...(fr.reasons ?? [])]) expect(englishWords(r), r).toEqual([]);
    expect(fr.details).toEqual(en.details);
    expect(JSON.stringify(fr.details)).toContain('expires in 3 days');
    expect(JSON.stringify(fr.details)).not.toContain('"said"');
  });

  it('a signed zone OK, an unsigned one, one no longer signed: French', () => {
    expect(judge(['signed.lab.test'], 'fr').summary).toBe(
      '1 zone signée, DS concordant ; première expiration de signature dans 13 jours (signed.lab.test)',
    );
    expect(judge(['unsigned.lab.test'], 'fr').summary).toBe(
      'unsigned.lab.test : la zone n’est pas signée (ni DNSKEY, ni RRSIG) : rien ne protège ses réponses',
    );
    const gone = judge(['unsigned.lab.test'], 'fr', { at: '2026-12-01T08:00:00.000Z' });
    expect(gone.status).toBe('CRIT');
    expect(gone.summary).toBe(
      'unsigned.lab.test : la zone était signée (vue signée pour la dernière fois le 2026-12-01 08:00) et ne l’est plus : ni DNSKEY, ni RRSIG',
    );
    expect(englishWords(gone.summary)).toEqual([]);
  });
});
