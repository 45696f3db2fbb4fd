import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContainerState, groupServices, judgeService } from './compose.js';
import { ContainerInspect, ContainerSummary } from './schema.js';

const c = (over: Partial<ContainerState>): ContainerState => ({
  name: 'p-s-1',
  state: 'running',
  restarts: 0,
  ...over,
});

describe('judgeService', () => {
  it.each([
    [[], 'CRIT', 'x/y: no container (removed, or never started)'],
    [[c({ state: 'exited', exitCode: 137 })], 'CRIT', 'x/y: not running, p-s-1 is exited (exit code 137)'],
    [[c({ state: 'paused' })], 'CRIT', 'x/y: not running, p-s-1 is paused'],
    [[c({ state: 'restarting', restarts: 7 })], 'CRIT', 'x/y: p-s-1 is restarting in a loop (7 restarts)'],
    [[c({ health: 'unhealthy' })], 'WARN', 'x/y: p-s-1 is running but unhealthy'],
    [[c({ health: 'starting' })], 'OK', 'x/y: running'],
    [[c({ state: 'exited' }), c({ name: 'p-s-2' })], 'OK', 'x/y: running'],
  ] as const)('%j → %s', (containers, status, why) => {
    expect(judgeService('x/y', [...containers])).toEqual({ service: 'x/y', status, why });
  });
});

describe('groupServices', () => {
  const summary = (id: string, labels: Record<string, string>) =>
    ContainerSummary.parse({
      Id: id,
      Names: [`/${id}`],
      Image: 'i',
      ImageID: 'sha256:1',
      State: 'running',
      Status: 'Up',
      Labels: labels,
    });
  const inspect = (over: Record<string, unknown>) =>
    ContainerInspect.parse({ RestartCount: 0, State: { Status: 'running', Restarting: false, ...over } });
  const now = new Date('2026-01-01T12:00:00Z');
  const compose = { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 's' };

  it('sees a loop in a container caught up between two crashes, not in one long up', () => {
    const recent = inspect({ StartedAt: '2026-01-01T11:59:30Z' });
    const looping = groupServices(
      [summary('a', compose)],
      new Map([['a', { ...recent, RestartCount: 5 }]]),
      now,
    );
    expect(looping.get('p/s')?.[0]?.state).toBe('restarting');
    const steady = inspect({ StartedAt: '2026-01-01T10:00:00Z' });
    const up = groupServices([summary('a', compose)], new Map([['a', { ...steady, RestartCount: 5 }]]), now);
    expect(up.get('p/s')?.[0]?.state).toBe('running');
  });

  it('leaves out containers without both Compose labels', () => {
    const g = groupServices(
      [summary('a', { 'com.docker.compose.project': 'p' }), summary('b', {})],
      new Map(),
      now,
    );
    expect(g.size).toBe(0);
  });

  it('never throws on any label map', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (labels) => {
        groupServices([summary('a', labels)], new Map(), now);
      }),
    );
  });
});
