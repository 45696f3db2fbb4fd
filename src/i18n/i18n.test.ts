import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { date, dateTime, duration, INVISIBLE, LANGS, localeLang, messages, plural, t } from './index.js';

/** Any parameter a sentence asks for: a number that also reads as a string. */
const anyParams = new Proxy({}, { get: () => 2 });

describe('catalogues', () => {
  it('have the same keys, each a constant or a sentence in both', () => {
    const keys = Object.keys(en).sort();
    for (const lang of LANGS) {
      const cat = messages(lang) as Record<string, unknown>;
      expect(Object.keys(cat).sort(), lang).toEqual(keys);
      for (const k of keys)
        expect(typeof cat[k], `${lang} ${k}`).toBe(typeof (en as Record<string, unknown>)[k]);
    }
  });

  it('render every entry without holes or invisible characters', () => {
    for (const lang of LANGS)
      for (const [k, v] of Object.entries(messages(lang))) {
        const s = typeof v === 'function' ? (v as (p: unknown) => string)(anyParams) : v;
        expect(s, `${lang} ${k}`).not.toMatch(/undefined|NaN|\[object|^\s*$/);
        expect(s, `${lang} ${k}`).not.toMatch(INVISIBLE);
      }
  });

  it('French is not English left untranslated', () => {
    const same = Object.keys(en).filter((k) => {
      const render = (v: unknown) => (typeof v === 'function' ? v(anyParams) : v);
      return render((en as Record<string, unknown>)[k]) === render((fr as Record<string, unknown>)[k]);
    });
    // Only words that are the same in both languages.
    expect(same).toEqual([
      'release.notesShort',
      'cli.routines.checks.ok',
      'cli.routines.show.cadence',
      'cli.check.local', // « (local) »
      'docs.coverage.service', // « service ldap »
      'cli.hosts.state.ok',
      'cli.hosts.state.local',
    ]);
  });

  it('t() and messages() agree', () => {
    expect(t('fr', 'due.title', { title: 'Sauvegardes' })).toBe('À faire aujourd’hui : Sauvegardes');
    expect(messages('en')['summary.allOk']).toBe(t('en', 'summary.allOk'));
  });
});

describe('plurals and durations', () => {
  it('French puts 0 and 1 in the singular, English only 1', () => {
    expect([0, 1, 2].map((n) => plural('fr', n, 'jour', 'jours'))).toEqual(['jour', 'jour', 'jours']);
    expect([0, 1, 2].map((n) => plural('en', n, 'day', 'days'))).toEqual(['days', 'day', 'days']);
    expect(t('en', 'overdue.title', { title: 'X', days: 1 })).toBe('Overdue by 1 day: X');
    expect(t('fr', 'overdue.title', { title: 'X', days: 4 })).toBe('En retard de 4 jours : X');
  });

  it('says durations in one sensible unit', () => {
    expect(duration('en', 40)).toBe('40 s');
    expect(duration('en', 12 * 60)).toBe('12 min');
    expect(duration('en', 3 * 3600 + 100)).toBe('3 h');
    expect(duration('en', 86_400)).toBe('24 h');
    expect(duration('en', 2 * 86_400)).toBe('2 days');
    expect(duration('fr', 2 * 86_400)).toBe('2 jours');
    expect(t('en', 'time.in', { d: duration('en', 86_400) })).toBe('in 24 h');
    expect(t('en', 'time.since', { d: duration('en', 3 * 3600) })).toBe('since 3 h');
    expect(t('fr', 'time.since', { d: duration('fr', 3 * 3600) })).toBe('depuis 3 h');
    expect(t('fr', 'time.in', { d: duration('fr', 3 * 86_400) })).toBe('dans 3 jours');
  });
});

describe('dates', () => {
  it('are local to the configured zone and labelled', () => {
    const at = new Date('2026-12-05T16:40:00Z');
    expect(dateTime(at, 'Europe/Paris')).toBe('2026-12-05 17:40 CET');
    expect(dateTime(new Date('2026-07-05T16:40:00Z'), 'Europe/Paris')).toBe('2026-07-05 18:40 CEST');
    expect(dateTime(at, 'UTC')).toBe('2026-12-05 16:40 UTC');
    expect(dateTime(new Date('2026-12-05T23:10:00Z'), 'Europe/Paris')).toBe('2026-12-06 00:10 CET');
    expect(date(new Date('2026-12-05T23:10:00Z'), 'Europe/Paris')).toBe('2026-12-06');
  });
});

describe('locale default', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(localeLang({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeLang({ LANG: 'fr' })).toBe('fr');
    expect(localeLang({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(localeLang({ LC_MESSAGES: 'fr_CA.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(localeLang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeLang({ LANG: 'frisian' })).toBe('en');
    expect(localeLang({})).toBe('en');
  });
});

describe("the kinds' words (src/i18n/checks/)", () => {
  it('each domain file holds only its own keys, so none overrides another', async () => {
    const dir = new URL('./checks/', import.meta.url);
    const files = readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && !f.includes('.test.') && f !== 'index.ts',
    );
    expect(files).toContain('apt.ts');
    const seen = new Set<string>();
    for (const f of files) {
      const mod = (await import(new URL(f, dir).href)) as { en: object; fr: object };
      const domain = f === 'common.ts' ? 'check' : f.replace(/\.ts$/, '');
      const keys = Object.keys(mod.en);
      expect(Object.keys(mod.fr).sort(), f).toEqual([...keys].sort());
      for (const k of keys) {
        expect(k.startsWith(`${domain}.`), `${f}: ${k}`).toBe(true);
        expect(seen.has(k), k).toBe(false);
        seen.add(k);
        expect(en, `${k} merged into en.ts`).toHaveProperty([k]);
      }
    }
  });
});

describe('ages to two units', () => {
  it('read as formatAge in English and with French units', async () => {
    const { age } = await import('./index.js');
    const { formatAge } = await import('../config/duration.js');
    for (const s of [0, 45, 4000, 180_000, 2.1 * 86_400]) expect(age('en', s)).toBe(formatAge(s));
    expect(age('fr', 2.1 * 86_400)).toBe('2 j 2 h');
    expect(age('fr', 4000)).toBe('1 h 6 min');
  });
});
