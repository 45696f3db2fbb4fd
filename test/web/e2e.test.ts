import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users.js';
import { registry } from '../../src/checks/index.js';
import { parseConfig } from '../../src/config/load.js';
import { markSeen } from '../../src/routines/repo.js';
import { openStore } from '../../src/store/db.js';
import type { Store } from '../../src/store/types.js';
import { createApp, type Listening, listen } from '../../src/web/server.js';
import { KIT_YAML } from '../../src/web/test-kit.js';

/*
 * The page in a real browser (Debian's chromium, headless, driven by
 * playwright-core) at a phone's size: log in, acknowledge a problem, sign a
 * routine off, switch to French. Screenshots of each page go to
 * test-results/ (CI keeps them as artefacts).
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results');

let dir: string;
let store: Store;
let http: Listening;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no ${CHROMIUM}: apt-get install -y chromium (test/lab/packages.mjs lists it)`);
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'ronde-e2e-'));
  const config = parseConfig(KIT_YAML, 'ronde.yaml', registry, {});
  store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
  const now = new Date();
  await store.conn.write((trx) =>
    addUser(trx, { name: 'operator', role: 'operator', password: 'correct horse battery', now }),
  );
  await markSeen(store.conn, ['backups', 'vm-updates'], new Date(now.getTime() - 40 * 86_400_000));
  await store.saveRound({ startedAt: now, finishedAt: now, trigger: 'cli', interrupted: false }, [
    {
      check: 'system.disk',
      kind: 'system.disk',
      target: 'db1',
      status: 'CRIT',
      summary: 'disk /var 99% used',
      startedAt: now.toISOString(),
      durationMs: 3,
      evidence: [],
    },
    {
      check: 'system.disk',
      kind: 'system.disk',
      target: 'web1',
      status: 'OK',
      summary: 'disks fine',
      startedAt: now.toISOString(),
      durationMs: 3,
      evidence: [],
    },
  ]);
  http = await listen(
    createApp({ daemon: { healthy: () => true, status: () => ({}) }, store, config }),
    '127.0.0.1',
    0,
  );
  base = `http://127.0.0.1:${http.port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

it('logs in on a phone and sees the overdue routines first', async () => {
  await page.goto(`${base}/`);
  expect(page.url()).toContain('/login?next=');
  await shot('login');
  await page.fill('#user', 'operator');
  await page.fill('#password', 'correct horse battery');
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
  const body = await page.textContent('main');
  expect(body).toMatch(/OVERDUE/);
  expect(body!.indexOf('Check the backups')).toBeLessThan(body!.indexOf('Update every VM'));
  await shot('home');
});

it('acknowledges a problem: still CRIT, with the acknowledgement', async () => {
  await page.goto(`${base}/hosts/db1/checks/system.disk`);
  await page.fill('#reason', 'disk ordered, until Friday');
  await page.click('text=Acknowledge');
  await page.waitForSelector('text=acknowledged by operator: disk ordered, until Friday');
  expect(await page.textContent('h1')).toContain('CRIT');
  await shot('check');
});

it('signs a routine off from the page', async () => {
  await page.goto(`${base}/routines/backups`);
  await page.check('input[name=item][value="1"]');
  await page.fill('#note', 'restored the dump of db1 on the test VM');
  await page.click('text=Record the sign-off');
  await page.waitForSelector('text=/Recorded #\\d+/');
  expect(await page.textContent('main')).toContain('restored the dump of db1 on the test VM');
  await shot('routine');
});

it('switches to French', async () => {
  await page.goto(`${base}/`);
  await page.selectOption('select[name=lang]', 'fr');
  await page.click('text=Language');
  await page.waitForSelector('text=Changements récents');
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  await shot('home-fr');
  await page.goto(`${base}/audit`);
  expect(await page.textContent('main')).toContain('signoff');
  await shot('audit-fr');
});

it('reaches the backups and releases pages from the home page’s menu', async () => {
  await page.goto(`${base}/`);
  await page.click('header nav >> text=Sauvegardes');
  await page.waitForURL(`${base}/backups`);
  expect(await page.textContent('main h2')).toBe('Sauvegardes');
  await shot('backups-fr');
  await page.click('header nav >> text=Versions');
  await page.waitForURL(`${base}/releases`);
  expect(await page.textContent('main')).toContain('Aucune version surveillée');
  await shot('releases-fr');
});
