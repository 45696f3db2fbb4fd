import { describe, expect, it } from 'vitest';
import { judgeImageAge, type RunningImage } from './judge.js';

// The lab's images of test/checks/docker.image_age.test.ts.
const NOW = new Date('2026-12-05T12:00:00Z');
const old: RunningImage = {
  id: 'sha256:aa',
  name: 'lab/busybox:2020',
  created: new Date('2020-01-01T00:00:00Z'),
  containers: ['lab-app-1'],
};
const fresh: RunningImage = {
  id: 'sha256:bb',
  name: 'lab/busybox:now',
  created: new Date('2026-12-02T12:00:00Z'),
  containers: ['lab-web-1', 'lab-web-2'],
};
const DAY = 86_400;

describe('judgeImageAge', () => {
  it('says it in English', () => {
    const r = judgeImageAge([old, fresh], NOW, 60 * DAY, undefined, 'en');
    expect(r.summary).toBe('1 of 2 running image(s) older than 60 days: rebuild them');
    expect(r.reasons?.[0]).toBe(
      "lab/busybox:2020 built 2020-01-01 (2530 days), used by lab-app-1: a rebuild picks up the base image's security fixes",
    );
  });

  it('says it in French to a French team, reasons included', () => {
    const r = judgeImageAge([old, fresh], NOW, 60 * DAY, undefined, 'fr');
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe('1 image utilisée sur 2 a plus de 60 jours : à reconstruire');
    expect(r.reasons).toEqual([
      'lab/busybox:2020 construite le 2020-01-01 (2530 jours), utilisée par lab-app-1 : ' +
        'la reconstruire apporte les correctifs de sécurité de son image de base',
    ]);
    expect(judgeImageAge([fresh], NOW, 60 * DAY, undefined, 'fr').summary).toBe(
      '1 image utilisée, la plus ancienne construite il y a 3 jours',
    );
    expect(judgeImageAge([], NOW, 60 * DAY, undefined, 'fr').summary).toBe(
      'aucun conteneur en cours d’exécution',
    );
  });
});
