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
    const r = judgeServices(groups, ['p/a'], 'declared');
    expect(r.status).toBe('OK');
    expect(r.details?.unexpected).toEqual(['p/b']);
  });
});
