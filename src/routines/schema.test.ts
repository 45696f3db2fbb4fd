import { describe, expect, it } from 'vitest';
import { parseEvery, Routine, Routines, routineTeamIssues, Team } from './schema.js';

const base = { id: 'vm-updates', title: 'Update the VMs' };
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.message).join('\n');

describe('Routine', () => {
  it('accepts a full routine and defaults the lists', () => {
    const r = Routine.parse({ ...base, every: '1w' });
    expect(r).toMatchObject({ checklist: [], checks: [] });
    const full = Routine.parse({
      ...base,
      description: 'See [the wiki](https://wiki.example/maj)',
      cron: '0 9 1 * *',
      checklist: ['apt full-upgrade'],
      checks: ['apt.pending', 'apt.pending@tag:web', 'system.reboot@web1'],
      done_when: 'checks_ok',
      assignee: 'alice',
      due_soon: '2d',
    });
    expect(full.checks).toHaveLength(3);
  });

  it('needs exactly one of every or cron', () => {
    expect(messages(Routine.safeParse(base))).toMatch(/exactly one of `every:` or `cron:`/);
    expect(messages(Routine.safeParse({ ...base, every: '1w', cron: '0 9 * * 1' }))).toMatch(/exactly one/);
  });

  it.each(['1', 'w', '0d', '1m', '1.5w', '1 w', '2months'])('refuses the cadence %j', (every) => {
    expect(Routine.safeParse({ ...base, every }).success).toBe(false);
  });

  it('refuses a broken cron pattern and one that never fires', () => {
    expect(messages(Routine.safeParse({ ...base, cron: 'every monday' }))).toMatch(/invalid cron/);
    expect(messages(Routine.safeParse({ ...base, cron: '0 0 30 2 *' }))).toMatch(/invalid cron|never fires/);
  });

  it('refuses unknown keys, bad ids and bad selectors', () => {
    expect(Routine.safeParse({ ...base, every: '1w', evry: '1w' }).success).toBe(false);
    expect(Routine.safeParse({ ...base, id: 'VM updates', every: '1w' }).success).toBe(false);
    expect(Routine.safeParse({ ...base, every: '1w', checks: ['apt.pending@rack:3'] }).success).toBe(false);
    expect(Routine.safeParse({ ...base, every: '1w', checks: ['apt pending'] }).success).toBe(false);
  });

  it('refuses done_when without linked checks', () => {
    expect(messages(Routine.safeParse({ ...base, every: '1w', done_when: 'checks_ok' }))).toMatch(
      /needs at least one/,
    );
  });
});

describe('parseEvery', () => {
  it('reads calendar units', () => {
    expect(parseEvery('3mo')).toEqual({ n: 3, unit: 'mo' });
    expect(parseEvery('1y')).toEqual({ n: 1, unit: 'y' });
    expect(() => parseEvery('1h')).toThrow(/invalid cadence/);
  });
});

describe('Team and Routines', () => {
  it('refuses a member listed twice and a routine id used twice', () => {
    expect(messages(Team.safeParse([{ name: 'alice' }, { name: 'alice' }]))).toMatch(/listed twice/);
    expect(
      messages(
        Routines.safeParse([
          { ...base, every: '1w' },
          { ...base, every: '1mo' },
        ]),
      ),
    ).toMatch(/used twice/);
    expect(Team.safeParse([{ name: 'alice', email: 'not-an-address' }]).success).toBe(false);
  });

  it('reports an assignee who is not in the team', () => {
    const routines = Routines.parse([{ ...base, every: '1w', assignee: 'alcie' }]);
    const team = Team.parse([{ name: 'alice', mattermost: 'alice' }]);
    expect(routineTeamIssues(routines, team)).toEqual([
      { path: ['routines', 0, 'assignee'], message: '"alcie" is not a member of `team:`' },
    ]);
    expect(routineTeamIssues(Routines.parse([{ ...base, every: '1w', assignee: 'alice' }]), team)).toEqual(
      [],
    );
  });
});
