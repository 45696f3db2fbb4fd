import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../test/helpers/english.js';
import { sayError } from '../../core/said.js';
import type { FetchFn } from '../../sources/http.js';
import { GitlabIssuesClient } from './issues.js';

async function thrown(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('no error thrown');
}

const before = new Date('2026-12-01T00:00:00Z');
const client = (port: number, fetch: FetchFn) =>
  new GitlabIssuesClient({ baseUrl: `http://127.0.74.2:${port}`, fetch, now: () => before });

/* gitlab.issues (and access.review) show a SourceError with sayError(ctx.lang, err). */
describe("GitLab and sources' errors in the team's language", () => {
  it('a project not found: English message unchanged, French said', async () => {
    const err = await thrown(
      client(1, async () => new Response('{}', { status: 404 })).staleIssues('team/infra', before),
    );
    expect(err.message).toBe('project team/infra not found (or not visible to the token)');
    const fr = sayError('fr', err);
    expect(fr).toBe('projet team/infra introuvable (ou invisible pour le jeton)');
    expect(englishWords(fr)).toEqual([]);
  });

  it('a group answering something else than a list', async () => {
    const err = await thrown(client(2, async () => new Response('{"a":1}')).staleGroupIssues('team', before));
    expect(err.message).toBe('issues of team: unexpected answer');
    expect(sayError('fr', err)).toBe('tickets de team : réponse inattendue');
  });

  it('rate limit, HTTP error and unreachable server', async () => {
    const limited = await thrown(
      client(3, async () => new Response('', { status: 429, headers: { 'retry-after': '60' } })).staleIssues(
        'a/b',
        before,
      ),
    );
    expect(limited.message).toBe('127.0.74.2:3 rate limit reached; resets at 2026-12-01T00:01:00Z');
    const frLimited = sayError('fr', limited);
    expect(frLimited).toBe(
      '127.0.74.2:3 : limite de requêtes atteinte ; remise à zéro à 2026-12-01T00:01:00Z',
    );
    expect(englishWords(frLimited)).toEqual([]);
    const again = await thrown(client(3, async () => new Response('[]')).staleIssues('a/b', before));
    expect(englishWords(sayError('fr', again))).toEqual([]);
    const down = await thrown(
      client(4, async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      }).staleIssues('a/b', before),
    );
    expect(down.message).toBe('http://127.0.74.2:4/api/v4/projects/a%2Fb/issues: ECONNREFUSED');
    const http = await thrown(
      client(5, async () => new Response('', { status: 502 })).staleIssues('a/b', before),
    );
    expect(http.message).toBe('http://127.0.74.2:5/api/v4/projects/a%2Fb/issues: HTTP 502');
    expect(sayError('fr', http)).toBe('http://127.0.74.2:5/api/v4/projects/a%2Fb/issues : HTTP 502');
  });
});
