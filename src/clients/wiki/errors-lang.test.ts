import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../test/helpers/english.js';
import { sayError } from '../../core/said.js';
import { DokuwikiClient } from './dokuwiki.js';
import { MediawikiClient } from './mediawiki.js';
import type { FetchFn } from './types.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../test/fixtures/docs/coverage', name), 'utf8');

const answering =
  (status: number, body: string): FetchFn =>
  async () =>
    new Response(body, { status });

async function thrown(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('no error thrown');
}

const base = 'http://127.0.74.1:8080/';
const doku = (fetch: FetchFn) => new DokuwikiClient({ url: base, user: 'ronde', password: 'x', fetch });

/* docs.coverage shows these in its reasons with sayError(ctx.lang, err): English message, French words. */
describe("wiki clients' errors in the team's language", () => {
  it('DokuWiki refusing the user: English message unchanged, French said', async () => {
    const err = await thrown(doku(answering(401, '')).pages());
    expect(err.message).toBe('DokuWiki refused the user ronde: wrong user or password (HTTP 401)');
    const fr = sayError('fr', err);
    expect(fr).toBe("DokuWiki refuse l'utilisateur ronde : utilisateur ou mot de passe erroné (HTTP 401)");
    expect(englishWords(fr)).toEqual([]);
  });

  it('DokuWiki 2022-07-31 swallowing a failure (captured empty struct)', async () => {
    const err = await thrown(doku(answering(200, fixture('dokuwiki-fault-unknown-method.xml'))).pages());
    expect(err.message).toMatch(/^DokuWiki dokuwiki.getPagelist failed on the server without saying why/);
    expect(englishWords(sayError('fr', err))).toEqual([]);
  });

  it("a <fault>: the server's faultString kept as it came, our hint in French", async () => {
    const xml =
      '<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32604</int></value></member><member><name>faultString</name><value><string>Remote API is disabled</string></value></member></struct></value></fault></methodResponse>';
    const err = await thrown(doku(answering(200, xml)).pages());
    expect(err.message).toBe(
      "DokuWiki dokuwiki.getPagelist: Remote API is disabled (fault -32604) (set remote = 1 and remoteuser in DokuWiki's configuration)",
    );
    const fr = sayError('fr', err);
    expect(fr).toBe(
      "DokuWiki dokuwiki.getPagelist : Remote API is disabled (code d'erreur -32604) (régler remote = 1 et remoteuser dans la configuration de DokuWiki)",
    );
    expect(englishWords(fr, { raw: ['Remote API is disabled'] })).toEqual([]);
  });

  it('a malformed XML-RPC answer and an unreachable wiki', async () => {
    const bad = await thrown(doku(answering(200, '<methodResponse><params>')).pages());
    expect(bad.message).toBe('DokuWiki dokuwiki.getPagelist: not XML: truncated');
    expect(sayError('fr', bad)).toBe('DokuWiki dokuwiki.getPagelist : pas du XML : tronqué');
    const refused: FetchFn = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    const down = await thrown(doku(refused).pages());
    expect(down.message).toBe('http://127.0.74.1:8080: ECONNREFUSED');
    expect(sayError('fr', down)).toBe('http://127.0.74.1:8080 : ECONNREFUSED');
  });

  it('MediaWiki: an answer that is not JSON', async () => {
    const api = 'http://127.0.74.1:8080/api.php';
    const html = await thrown(new MediawikiClient({ url: api, fetch: answering(200, '<html>') }).pages());
    expect(html.message).toBe(`${api}: the answer is not JSON (is it the wiki's api.php?)`);
    const fr = sayError('fr', html);
    expect(fr).toBe(`${api} : la réponse n'est pas du JSON (est-ce bien l'api.php du wiki ?)`);
    expect(englishWords(fr)).toEqual([]);
  });
});
