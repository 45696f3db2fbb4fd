import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../notify/outbox-admin.js';
import { setCliLang } from './lang.js';
import { renderOutbox } from './outbox.js';

const entry = {
  id: 12,
  key: 'k',
  notifier: 'chat',
  event: 'routine.due',
  title: 'À faire aujourd’hui : Sauvegardes',
  state: 'pending',
  failure: null,
  attempts: 2,
  createdAt: new Date('2026-12-05T16:40:00Z'),
  nextAttemptAt: new Date('2026-12-05T17:10:00Z'),
  lastError: 'no answer within 10 s',
} as unknown as OutboxEntry;

afterEach(() => setCliLang(undefined));

describe('ronde outbox in the team language', () => {
  it('French', () => {
    setCliLang('fr');
    const out = renderOutbox([entry], 'Europe/Paris', new Date('2026-12-05T16:50:00Z'));
    expect(out).toContain('Heures en Europe/Paris.');
    expect(out).toContain('2026-12-05 17:40 CET');
    expect(out).toContain('    dernière erreur : no answer within 10 s');
    expect(out).toContain('    prochain essai : 2026-12-05 18:10 CET');
    expect(out).toContain('Réessayer : ronde outbox retry ID');
  });

  it('English', () => {
    setCliLang('en');
    const out = renderOutbox([entry], 'UTC', new Date('2026-12-05T16:50:00Z'));
    expect(out).toContain('Times in UTC.');
    expect(out).toContain('    next try: 2026-12-05 17:10 UTC');
  });
});
