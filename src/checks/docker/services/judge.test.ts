import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../clients/docker/compose.js';
import { judgeServices } from './judge.js';

const c = (over: Partial<ContainerState>): ContainerState => ({
  name: 'p-s-1',
  state: 'running',
  restarts: 0,
  ...over,
});

describe('judgeServices', () => {
  it('judges only expected services and lists the others', () => {
    const groups = new Map([
      ['p/a', [c({})]],
      ['p/b', [c({ state: 'exited' })]],
    ]);
    const r = judgeServices(groups, ['p/a'], 'declared', 'en');
    expect(r.status).toBe('OK');
    expect(r.summary).toBe('1 expected service running (declared)');
    expect(r.details?.unexpected).toEqual(['p/b']);
  });

  it('says it in French to a French team', () => {
    const groups = new Map([['p/b', [c({ state: 'exited', exitCode: 137 })]]]);
    const r = judgeServices(groups, ['p/a', 'p/b'], 'déclarés', 'fr');
    expect(r.summary).toBe('2 sur 2 services attendus en difficulté : p/a, p/b');
    expect(r.reasons).toEqual([
      'p/a : aucun conteneur (supprimé, ou jamais démarré)',
      'p/b : arrêté, p-s-1 est exited (code de sortie 137)',
    ]);
  });
});
