import { afterEach, beforeEach, expect, it } from 'vitest';
import { webEn } from '../i18n/web-en.js';
import { webFr } from '../i18n/web-fr.js';
import { browserLang } from './page-view.js';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeEach(async () => {
  kit = await webKit();
});
afterEach(() => kit.close());

it('has every page word in both languages, and no invisible character', () => {
  expect(Object.keys(webFr).sort()).toEqual(Object.keys(webEn).sort());
  for (const v of Object.values(webFr))
    if (typeof v === 'string') expect(v).not.toMatch(/[\u200b\u2060\ufeff\u202f]/);
});

it('reads the browser’s language by preference', () => {
  expect(browserLang('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
  expect(browserLang('de-DE,en;q=0.5,fr;q=0.9')).toBe('fr');
  expect(browserLang('de-DE')).toBeUndefined();
  expect(browserLang(undefined)).toBeUndefined();
});

async function home(accept: string) {
  const res = await kit.app.request(
    'http://ronde.test/',
    { headers: { cookie: kit.as.viewer.cookie, 'accept-language': accept } },
    { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
  );
  return res.text();
}

it('speaks the browser’s language; the user’s choice wins and sticks', async () => {
  expect(await home('fr-FR,fr;q=0.9')).toContain('<html lang="fr">');
  expect(await home('fr-FR,fr;q=0.9')).toContain('Changements récents');
  expect(await home('en-GB')).toContain('Recent changes');
  const res = await kit.req('POST', '/language', { as: 'viewer', form: { lang: 'fr' } });
  expect(res.status).toBe(303);
  const page = await home('en-GB');
  expect(page).toContain('Changements récents');
  expect(page).toContain('<option value="fr" selected="">Français</option>');
  await kit.req('POST', '/language', { as: 'viewer', form: { lang: 'browser' } });
  expect(await home('en-GB')).toContain('Recent changes');
});

it('the login page follows the browser', async () => {
  const res = await kit.app.request(
    'http://ronde.test/login',
    { headers: { 'accept-language': 'fr' } },
    {
      incoming: { socket: { remoteAddress: '127.0.0.1' } },
    },
  );
  expect(await res.text()).toContain('Mot de passe');
});
