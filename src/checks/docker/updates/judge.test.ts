import { describe, expect, it } from 'vitest';
import { type ImageFacts, judgeUpdates, type Levels } from './judge.js';

const levels: Levels = { major: 'WARN', minor: 'OK', patch: 'OK', rebuilt: 'WARN' };
// The cases of test/checks/docker.updates.test.ts, as compare() hands them to the judge.
const app: ImageFacts = {
  service: '127.0.0.1:5000/team/app',
  image: '127.0.0.1:5000/team/app:1.1.2',
  containers: ['app-1'],
  running: '1.1.2',
  latest: '2.0.0',
  lag: 'major',
  levels,
};
const redis: ImageFacts = {
  service: 'redis',
  image: 'redis:latest',
  containers: ['redis-1'],
  rebuilt: true,
  levels,
};
const db: ImageFacts = {
  service: 'db',
  image: 'postgres:16.4',
  containers: ['db-1'],
  running: '16.4',
  latest: '16.4',
  levels,
};

describe('judgeUpdates', () => {
  it('says it in English', () => {
    expect(judgeUpdates([app], 'en').summary).toBe('127.0.0.1:5000/team/app: 1.1.2 → 2.0.0 (major behind)');
    expect(judgeUpdates([db], 'en').summary).toBe('1 image up to date');
  });

  it('says it in French to a French team, reasons included', () => {
    const r = judgeUpdates([app, db, redis], 'fr');
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe(
      '2 images sur 3 en retard ou inconnues : 127.0.0.1:5000/team/app : 1.1.2 → 2.0.0 (en retard d’une version majeure) ; …',
    );
    expect(r.reasons).toEqual([
      '127.0.0.1:5000/team/app : 1.1.2 → 2.0.0 (en retard d’une version majeure)',
      'redis : latest reconstruit en amont (nouveau digest)',
    ]);
    expect(judgeUpdates([db], 'fr').summary).toBe('1 image à jour');
    expect(judgeUpdates([], 'fr').summary).toBe('aucune image en cours d’exécution à comparer');
    // details keep the machine facts, whatever the language
    expect(r.details).toEqual(judgeUpdates([app, db, redis], 'en').details);
  });
});
