import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../../test/helpers/english.js';
import type { DnsResponse } from '../../../clients/dns/client.js';
import { DnsError } from '../../../clients/dns/client.js';
import { collectFindings, judgeFindings, mailDns } from './index.js';

// Answers of the Knot lab as our client decoded them (test/fixtures/dns/answers/README.md).
const captured = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/dns/answers/mail-dns.json', import.meta.url), 'utf8'),
  (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' ? Buffer.from(v.$b64, 'base64') : v),
) as { answers: Record<string, Pick<DnsResponse, 'rcode' | 'answers'>> };

const ask = async (name: string, type: string): Promise<DnsResponse> => {
  const r = captured.answers[`${name} ${type}`];
  if (!r) throw new DnsError(`not captured: ${name} ${type}`);
  return { ...r, aa: false, ad: false, authorities: [], server: '127.0.53.14' };
};
const findings = (o: Record<string, unknown>) =>
  collectFindings(ask, mailDns.options.parse({ dkim_selectors: ['s1'], ...o }));

describe('mail.dns on the answers Knot gave', () => {
  it('says every problem in French to a French team, details stay English', async () => {
    const f = await findings({ domains: ['bad.lab.test'], sending_ips: ['127.0.53.26', '127.0.53.99'] });
    const out = judgeFindings(f, 'fr');
    expect(out.status).toBe('CRIT');
    expect(out.summary).toBe(
      'bad.lab.test MX : MX 20 gone.bad.lab.test n’a pas d’adresse (A/AAAA) : les expéditeurs ne peuvent pas lui livrer (et 5 de plus)',
    );
    expect(out.reasons).toContain(
      'bad.lab.test DKIM s1 : sélecteur DKIM s1 : la clé est révoquée (p= vide) : le courrier signé avec lui échoue à DKIM',
    );
    expect(out.reasons).toContain(
      'bad.lab.test DMARC : politique DMARC p=none : les destinataires signalent seulement les contrefaçons, ils les livrent quand même (au moins quarantine attendu)',
    );
    for (const r of [out.summary, ...(out.reasons ?? [])]) expect(englishWords(r), r).toEqual([]);
    // details are machine facts: the English of the same findings, whatever the language.
    expect(out.details).toEqual(judgeFindings(f, 'en').details);
    expect((out.details!.findings as { text: string }[])[1]?.text).toBe(
      'MX 20 gone.bad.lab.test has no address (A/AAAA): senders cannot deliver to it',
    );
    expect(JSON.stringify(out.details)).not.toContain('"said"');
  });

  it('an SPF record over 10 lookups, its includes, a missing domain, all in French', async () => {
    const out = judgeFindings(await findings({ domains: ['many.bad.lab.test', 'nowhere.lab.test'] }), 'fr');
    expect(out.reasons).toContain(
      'many.bad.lab.test SPF : a.bad.lab.test (inclus par le domaine) ne publie pas d’enregistrement SPF : les destinataires le traitent comme une erreur',
    );
    expect(out.reasons).toContain(
      'nowhere.lab.test MX : nowhere.lab.test n’existe pas dans le DNS (NXDOMAIN) : aucun courrier ne peut l’atteindre',
    );
    for (const r of out.reasons ?? []) expect(englishWords(r), r).toEqual([]);
  });

  it('all OK, in French; a resolver that does not answer is said in French too', async () => {
    const ok = judgeFindings(
      await findings({ domains: ['mail.lab.test'], sending_ips: ['127.0.53.25'] }),
      'fr',
    );
    expect(ok.status).toBe('OK');
    expect(ok.summary).toBe('5 constats, tous OK (mail.lab.test, 127.0.53.25)');
    const dead = await collectFindings(
      async () => {
        throw new DnsError({
          say: (l) => (l === 'fr' ? 'délai dépassé après 100 ms' : 'timed out after 100 ms'),
        });
      },
      mailDns.options.parse({ domains: ['x.test'], dkim_selectors: [] }),
    );
    expect(judgeFindings(dead, 'fr').summary).toBe('x.test MX : délai dépassé après 100 ms (et 2 de plus)');
    expect(judgeFindings(dead, 'fr').details?.findings).toContainEqual({
      subject: 'x.test MX',
      status: 'UNKNOWN',
      text: 'timed out after 100 ms',
    });
  });
});
