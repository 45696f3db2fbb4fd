import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Served, sendJson, serve } from './serve.js';

/*
 * A fake of MediaWiki's Action API (api.php) for what docs.coverage reads,
 * after www.mediawiki.org/wiki/API:Allpages, API:Revisions, API:Info,
 * API:Continue and API:Login, in `formatversion=2` JSON:
 * - `action=query&generator=allpages` (`gapnamespace`, `gaplimit` — `max` is
 *   500 —, `gapcontinue`) with `prop=revisions&rvprop=timestamp` (latest
 *   revision) and/or `prop=info` (`touched`, `lastrevid`); `list=allpages`;
 *   batches end with `continue: { gapcontinue|apcontinue, continue: '…||' }`;
 * - `meta=tokens&type=login`, then POST `action=login` (bot passwords), the
 *   session in a cookie; a private wiki answers `readapidenied` without it.
 */

export interface FakePage {
  title: string;
  ns?: number;
  /** ISO 8601 of the latest revision. */
  timestamp: string;
  /** page_touched: moves with edits and cache purges (template edits). */
  touched?: string;
}

export interface MediawikiFake extends Served {
  /** `http://127.0.0.1:PORT/w/api.php` */
  api: string;
  pages: FakePage[];
  /** Largest batch (MediaWiki's `max` is 500 for users); small in tests to exercise continuation. */
  maxLimit: number;
  /** When set, reading needs a login with this bot password (`user`, `password`). */
  login?: { user: string; password: string };
}

const SESSION = 'fakewiki_session';

export async function startMediawikiFake(): Promise<MediawikiFake> {
  const fake = { pages: [], maxLimit: 500 } as unknown as MediawikiFake;
  const sessions = new Set<string>();
  let tokens = 0;
  const served = await serve((req, res, url) => {
    if (url.pathname !== '/w/api.php') return sendJson(res, 404, { error: 'not found' });
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (b: Buffer) => {
        body += b.toString();
      });
      req.on('end', () => answer(new URLSearchParams(body), req, res));
      return;
    }
    answer(url.searchParams, req, res);
  });

  function answer(q: URLSearchParams, req: IncomingMessage, res: ServerResponse) {
    const err = (code: string, info: string) =>
      sendJson(res, 200, { error: { code, info }, servedby: 'fake' });
    if (q.get('format') !== 'json') return err('badformat', 'This fake answers format=json only.');
    const cookie = /fakewiki_session=([^;\s]+)/.exec(req.headers.cookie ?? '')?.[1];
    const action = q.get('action');
    if (action === 'query' && q.get('meta') === 'tokens' && q.get('type') === 'login') {
      const session = `s${++tokens}`;
      sessions.add(`pending:${session}`);
      res.setHeader('set-cookie', `${SESSION}=${session}; path=/; HttpOnly`);
      return sendJson(res, 200, {
        batchcomplete: true,
        query: { tokens: { logintoken: `tok${session}+\\` } },
      });
    }
    if (action === 'login') {
      if (req.method !== 'POST') return err('mustbeposted', 'The "login" module requires a POST request.');
      if (!cookie || q.get('lgtoken') !== `tok${cookie}+\\` || !sessions.has(`pending:${cookie}`))
        return sendJson(res, 200, {
          login: {
            result: 'Failed',
            reason: 'Unable to continue login. Your session most likely timed out.',
          },
        });
      const ok =
        fake.login && q.get('lgname') === fake.login.user && q.get('lgpassword') === fake.login.password;
      if (!ok)
        return sendJson(res, 200, {
          login: { result: 'Failed', reason: 'Incorrect username or password entered. Please try again.' },
        });
      sessions.add(cookie);
      return sendJson(res, 200, {
        login: { result: 'Success', lguserid: 2, lgusername: q.get('lgname')!.split('@')[0] },
      });
    }
    if (action !== 'query') return err('badvalue', `Unrecognized value for parameter "action": ${action}.`);
    if (fake.login && !(cookie && sessions.has(cookie)))
      return err('readapidenied', 'You need read permission to use this module.');
    const generator = q.get('generator') === 'allpages';
    const list = q.get('list') === 'allpages';
    if (!generator && !list)
      return err('invalidparammix', 'This fake serves generator=allpages and list=allpages.');
    const p = generator ? 'gap' : 'ap';
    const ns = Number(q.get(`${p}namespace`) ?? 0);
    const raw = q.get(`${p}limit`) ?? '10';
    const limit = raw === 'max' ? fake.maxLimit : Math.min(fake.maxLimit, Number(raw));
    // Titles sort as MediaWiki's page_title (underscores, binary order); continue from a title.
    const key = (t: string) => t.replaceAll(' ', '_');
    const from = q.get(`${p}continue`);
    const all = fake.pages
      .filter((x) => (x.ns ?? 0) === ns)
      .sort((a, b) => (key(a.title) < key(b.title) ? -1 : key(a.title) > key(b.title) ? 1 : 0))
      .filter((x) => from === null || key(x.title) >= from);
    const batch = all.slice(0, limit);
    const next = all[limit];
    const props = (q.get('prop') ?? '').split('|');
    const page = (x: FakePage, i: number) => ({
      pageid: fake.pages.indexOf(x) + 1,
      ns,
      title: x.title,
      ...(generator && props.includes('info')
        ? { contentmodel: 'wikitext', touched: x.touched ?? x.timestamp, lastrevid: 1000 + i, length: 100 }
        : {}),
      ...(generator && props.includes('revisions') && (q.get('rvprop') ?? '').split('|').includes('timestamp')
        ? { revisions: [{ timestamp: x.timestamp }] }
        : {}),
    });
    const body: Record<string, unknown> = { batchcomplete: true };
    if (next) body.continue = { [`${p}continue`]: key(next.title), continue: `${p}continue||` };
    body.query = generator ? { pages: batch.map(page) } : { allpages: batch.map(page) };
    sendJson(res, 200, body);
  }

  return Object.assign(fake, served, { api: `${served.url}/w/api.php` });
}
