import { describe, expect, it } from 'vitest';
import { registry } from '../checks/index.js';
import { parseConfig } from '../config/load.js';
import { problemMessage } from './format.js';
import { checkHelp } from './help.js';

const config = (team: string) =>
  parseConfig(
    [
      'hosts: [{ name: db1 }, { name: web1 }]',
      'checks: [{ kind: system.disk, on: [db1, web1] }, { kind: apt.pending, on: [db1, web1] }]',
      team,
      'routines:',
      '  - { id: backups, title: Check the backups, every: 1w, checks: [system.disk@db1], assignee: bob }',
      '  - { id: updates, title: Update every VM, every: 1w, checks: [apt.pending] }',
    ].join('\n'),
    'ronde.yaml',
    registry,
    {},
  );
const TEAM =
  'team: [{ name: alice, mattermost: alice.m, on_duty: true }, { name: bob, mattermost: bob.m }, { name: carol }]';

function post(team: string, check: string, target: string, to: 'CRIT' | 'WARN') {
  const help = checkHelp(config(team))({ check, kind: check, target });
  return problemMessage('en', target, [{ check, target, from: 'OK', to, summary: 'bad', ...help }]).text;
}

describe('who a CRIT problem calls', () => {
  it("the linked routine's assignee", () => {
    expect(post(TEAM, 'system.disk', 'db1', 'CRIT')).toContain('\n  - For: @bob.m\n');
  });

  it('the member on duty when the linked routine has no assignee, or no routine backs the check', () => {
    expect(post(TEAM, 'apt.pending', 'web1', 'CRIT')).toContain('\n  - For: @alice.m\n');
    expect(post(TEAM, 'system.disk', 'web1', 'CRIT')).toContain('\n  - For: @alice.m\n');
  });

  it('nobody on WARN, or when nobody is on duty and nothing is assigned', () => {
    expect(post(TEAM, 'system.disk', 'db1', 'WARN')).not.toContain('For:');
    expect(post('team: [{ name: bob }]', 'apt.pending', 'web1', 'CRIT')).not.toContain('For:');
  });
});
