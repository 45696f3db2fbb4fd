import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsCoverage } from '../../src/checks/docs/coverage/index.js';
import type { CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { suggestionsOf } from '../../src/core/suggestions.js';
import { LocalTarget } from '../../src/targets/local.js';
import { type MediawikiFake, startMediawikiFake } from '../fakes/mediawiki-fake.js';
import { type DockerLab, LAB_PROJECT, startDockerLab } from '../lab/dockerd.js';
import { type DokuwikiLab, READER, startDokuwikiLab } from '../lab/dokuwiki.js';

/*
 * docs.coverage through the real runner: a real DokuWiki (Debian's, php-fpm
 * behind nginx on 127.0.63.1) read over XML-RPC by a read-only user, the
 * Compose projects of a real Docker engine, and the MediaWiki Action API fake.
 */

let wiki: DokuwikiLab;
let docker: DockerLab;
let mediawiki: MediawikiFake;
const DAY = 86_400_000;

beforeAll(async () => {
  [wiki, docker, mediawiki] = await Promise.all([startDokuwikiLab(), startDockerLab(), startMediawikiFake()]);
  process.env.RONDE_TEST_WIKI_PASSWORD = READER.password;
  process.env.RONDE_TEST_WIKI_WRONG = 'not-the-password';
}, 120_000);
afterAll(async () => {
  await Promise.all([wiki?.stop(), docker?.stop(), mediawiki?.close()]);
}, 60_000);

async function run(options: Record<string, unknown>, now = new Date()): Promise<CheckResult> {
  const parsed = docsCoverage.options.parse(options);
  const { results } = await runRound(
    [
      {
        target: new LocalTarget('lab'),
        checks: [
          { instance: 'docs.coverage', kind: docsCoverage, options: parsed, timeoutSec: 60, explicit: true },
        ],
      },
    ],
    { now: () => now },
  );
  return results[0]!;
}

const dokuwiki = (more: Record<string, unknown> = {}) =>
  run({
    url: wiki.url,
    user: READER.user,
    password: '${env:RONDE_TEST_WIKI_PASSWORD}',
    host_page: 'hosts:{name}',
    compose_page: 'services:{name}',
    docker: { socket: docker.socket },
    ...more,
  });

describe('docs.coverage on a real DokuWiki and a real Docker engine', () => {
  it('a Compose project without a page is listed; a stale page is said; writing it clears both', async () => {
    wiki.writePage('hosts:lab', '====== lab ======\nThe lab host.\n');
    const missing = await dokuwiki();
    expect(missing.status).toBe('WARN');
    expect(missing.summary).toBe('1 without a page (services:lab)');
    expect(missing.reasons).toEqual([`Compose project ${LAB_PROJECT}: no page services:lab`]);
    expect(suggestionsOf(missing.details)).toEqual([
      {
        text: 'services:lab (Compose project lab)',
        url: `${wiki.url}doku.php?id=services%3Alab`,
        group: 'page to write',
      },
    ]);

    // A page restored from an old backup: written before the containers were created.
    wiki.writePage('services:lab', 'old text', new Date(Date.now() - 30 * DAY));
    const stale = await dokuwiki();
    expect(stale.status).toBe('WARN');
    expect(stale.reasons?.[0]).toMatch(
      /^Compose project lab: page services:lab last edited \d{4}-\d\d-\d\d, before its containers were recreated \d{4}-\d\d-\d\d$/,
    );

    // Someone documents it in the wiki: the next round is OK.
    await wiki.putPage('services:lab', '====== lab ======\nHow the lab project runs.\n');
    const ok = await dokuwiki();
    expect(ok.status).toBe('OK');
    expect(ok.summary).toBe('every page is there and current: 1 host, 1 Compose project');
    // Asked as the read-only user, never as the editor.
    expect(wiki.accessLog()).toMatch(/ - ronde \[/);
  });

  it('max_age, services with their own page names, and ignore', async () => {
    wiki.writePage('hosts:lab', 'ancient', new Date(Date.now() - 400 * DAY));
    const r = await dokuwiki({
      max_age: '365d',
      services: ['ldap', 'mail'],
      pages: { ldap: 'infra:Annuaire LDAP' },
      ignore: ['mail'],
    });
    expect(r.status).toBe('WARN');
    expect(r.reasons).toEqual([
      'service ldap: no page infra:annuaire_ldap',
      'host lab: page hosts:lab not edited for 400 days (max_age 365 days)',
    ]);
    wiki.writePage('hosts:lab', 'fresh');
  });

  it('a wrong password, or no user at all: UNKNOWN with what to fix, never OK', async () => {
    const wrong = await dokuwiki({ password: '${env:RONDE_TEST_WIKI_WRONG}' });
    expect(wrong.status).toBe('UNKNOWN');
    expect(wrong.summary).toBe(
      `wiki ${wiki.url}: DokuWiki refused the user ronde: wrong user or password (HTTP 401)`,
    );
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');
    const anonymous = await run({ url: wiki.url, compose: false });
    expect(anonymous.status).toBe('UNKNOWN');
    expect(anonymous.summary).toContain('HTTP 401');
  });
});

describe('docs.coverage on the MediaWiki Action API fake', () => {
  const mw = (more: Record<string, unknown> = {}) =>
    run({
      wiki: 'mediawiki',
      url: mediawiki.api,
      compose: false,
      host_page: 'Host {name}',
      services: ['etherpad', 'wekan'],
      ...more,
    });

  it('reads every batch (continue) and compares titles as MediaWiki writes them', async () => {
    const recent = new Date(Date.now() - DAY).toISOString();
    mediawiki.maxLimit = 2;
    mediawiki.pages = [
      { title: 'Main Page', timestamp: recent },
      { title: 'Host lab', timestamp: recent },
      { title: 'Etherpad', timestamp: recent },
      { title: 'Zimbra', timestamp: recent },
      { title: 'Wekan', timestamp: '2020-01-01T00:00:00Z', touched: recent },
      { title: 'Talk page', ns: 1, timestamp: recent },
    ];
    const before = mediawiki.requests.length;
    const r = await mw({ max_age: '365d' });
    expect(mediawiki.requests.length - before).toBe(3); // 5 pages of namespace 0, 2 a batch
    expect(r.status).toBe('WARN');
    // The latest revision counts, not `touched` (which a template edit moves).
    expect(r.reasons).toEqual([expect.stringMatching(/^service wekan: page Wekan not edited for \d+ days/)]);
    expect(suggestionsOf(r.details)[0]).toMatchObject({
      text: 'Wekan (service wekan)',
      url: `${mediawiki.url}/w/index.php?title=Wekan`,
      since: '2020-01-01',
    });
    mediawiki.pages.push({ title: 'Wekan', timestamp: recent });
    mediawiki.pages.splice(4, 1);
    expect((await mw({ max_age: '365d' })).status).toBe('OK');
  });

  it('a private wiki: a bot password logs in; without it or with a wrong one, UNKNOWN', async () => {
    mediawiki.pages = [
      { title: 'Host lab', timestamp: new Date().toISOString() },
      { title: 'Etherpad', timestamp: new Date().toISOString() },
    ];
    mediawiki.login = { user: 'Ronde@coverage', password: READER.password };
    try {
      const anonymous = await mw();
      expect(anonymous.status).toBe('UNKNOWN');
      expect(anonymous.summary).toContain('You need read permission to use this module. (readapidenied)');
      const wrong = await mw({ user: 'Ronde@coverage', password: '${env:RONDE_TEST_WIKI_WRONG}' });
      expect(wrong.summary).toContain('MediaWiki refused the login of Ronde@coverage');
      const ok = await mw({ user: 'Ronde@coverage', password: '${env:RONDE_TEST_WIKI_PASSWORD}' });
      expect(ok.status).toBe('WARN');
      expect(ok.reasons).toEqual(['service wekan: no page Wekan']);
    } finally {
      delete mediawiki.login;
    }
  });
});
