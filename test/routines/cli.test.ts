import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/checks/index.js';
import { doneCommand, person, type SignoffDeps, undoCommand } from '../../src/cli/done.js';
import { CliError } from '../../src/cli/errors.js';
import { routinesCommand } from '../../src/cli/routines.js';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { openStore } from '../../src/store/db.js';
import type { DatabaseLocation } from '../../src/store/location.js';
import { type Backend, postgresBackend, rawQuery, result, round, sqliteBackend } from '../store/helpers.js';

const YAML = `
timezone: Europe/Paris
hosts:
  - { name: web1, tags: [web] }
  - { name: db1 }
team:
  - { name: alice, mattermost: alice.m }
  - { name: bob }
routines:
  - id: vm-updates
    title: Update every VM
    every: 1w
    checklist: [Warn the team, Upgrade, Reboot if needed]
    checks: [system.disk@tag:web, apt.pending]
  - id: backups
    title: Check the backups
    every: 1mo
    checklist: [Dumps, VM backups]
    checks: [system.units]
`;
const config = (text = YAML): Config => parseConfig(text, 'ronde.yaml', registry, {});

const T0 = new Date('2025-03-01T09:00:00Z');
const days = (d: number) => new Date(T0.getTime() + d * 86_400_000);

describe.each<Backend>([sqliteBackend(), postgresBackend()])(
  'ronde routines/done/undo on $name',
  (backend) => {
    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());

    /** A CLI bound to one database, a config, a settable clock and environment. */
    async function cli(cfg = config()) {
      const loc: DatabaseLocation = await backend.fresh('cli');
      const clock = { now: T0 };
      const env: Record<string, string> = { USER: 'alice' };
      const run = async (args: string[], text = cfg, extra: Partial<SignoffDeps> = {}) => {
        let out = '';
        const deps: SignoffDeps = {
          context: async () => ({ config: text, openStore: () => openStore(loc) }),
          now: () => clock.now,
          write: (s) => (out += s),
          env,
          gitUserName: () => undefined,
          osUser: () => 'root (sudo from alice)',
          ...extra,
        };
        const [name, ...rest] = args;
        const cmd =
          name === 'done' ? doneCommand(deps) : name === 'undo' ? undoCommand(deps) : routinesCommand(deps);
        cmd.exitOverride();
        for (const c of cmd.commands) c.exitOverride();
        await cmd.parseAsync(name === 'routines' ? rest : rest, { from: 'user' });
        return out;
      };
      const json = async (args: string[], text = cfg) => JSON.parse(await run([...args, '--json'], text));
      return { loc, clock, env, run, json };
    }

    it('a routine never done is due from when it was first seen, then overdue by calendar days', async () => {
      const c = await cli();
      // Both due, nobody did any: spread in board order, alice first (team order), then bob.
      const board = await c.run(['routines']);
      expect(board).toMatch(/^DUE +backups +Check the backups +alice\? +never +2025-03-01 /m);
      expect(board).toMatch(/^DUE +vm-updates +Update every VM +bob\? +never +2025-03-01 /m);
      c.clock.now = days(3);
      // Added to the config later: due from when ronde first saw it, not from the others' date.
      const more = config(`${YAML}  - { id: wiki, title: Wiki up to date, every: 1mo }\n`);
      const doc = await c.json(['routines'], more);
      expect(doc.version).toBe(1);
      expect(
        doc.routines.map((r: { id: string; status: string; overdueDays: number | null }) => [
          r.id,
          r.status,
          r.overdueDays,
        ]),
      ).toEqual([
        ['backups', 'overdue', 3],
        ['vm-updates', 'overdue', 3],
        ['wiki', 'due', null],
      ]);
      expect(doc.routines[2].nextDue).toBe(days(3).toISOString());
      expect(doc.routines[0].lastDone).toBeNull();
    });

    it('done records who, when, the note and ticks, and prints the next due date in the configured zone', async () => {
      const c = await cli();
      // 23:30 UTC is already the next day in Paris.
      c.clock.now = new Date('2025-03-01T23:30:00Z');
      const out = await c.run(['done', 'vm-updates', '--note', 'all VMs, web1 rebooted', '--item', '1', '3']);
      expect(out).toContain(
        'vm-updates done by alice (OS user root (sudo from alice)) at 2025-03-02 00:30 CET, items 1, 3 of 3.',
      );
      expect(out).toContain('Next due: 2025-03-09 00:30 CET (Europe/Paris), now OK.');
      c.clock.now = new Date('2025-03-05T10:00:00Z');
      const board = (await c.run(['routines'])).split('\n');
      expect(board[0]).toMatch(/^STATUS\s+ROUTINE\s+TITLE\s+WHO\s+LAST DONE\s+NEXT DUE\s+CHECKS$/);
      // alice did a routine lately, bob none: the reminders suggest bob, and the board says so.
      expect(board[1]).toMatch(
        /^OVERDUE 3 d\s+backups\s+Check the backups\s+bob\?\s+never\s+2025-03-02\s+no result yet$/,
      );
      expect(board[2]).toMatch(/^OK\s+vm-updates\s+Update every VM\s+3 days ago by alice\s+2025-03-09/);
      const rows = await rawQuery(
        c.loc,
        'select routine, kind, by_name, os_user, note, items, source from signoffs',
      );
      expect(rows).toEqual([
        {
          routine: 'vm-updates',
          kind: 'done',
          by_name: 'alice',
          os_user: 'root (sudo from alice)',
          note: 'all VMs, web1 rebooted',
          items: '[1,3]',
          source: 'cli',
        },
      ]);
    });

    it('show lists the checklist with the last ticks, the history newest first and the linked results', async () => {
      const c = await cli();
      const store = await openStore(c.loc);
      await store.saveRound(round(T0), [
        result('system.disk', 'web1', 'CRIT', T0),
        result('system.disk', 'db1', 'OK', T0), // not tagged web: not linked
      ]);
      await store.close();
      // The linked system.disk@tag:web is CRIT: signing off needs --force (asked on a terminal).
      const quiet = { guard: { warn: () => {} } };
      await expect(c.run(['done', 'vm-updates', '-m', 'first', '-i', '1'], config(), quiet)).rejects.toThrow(
        /Not signed off/,
      );
      await c.run(['done', 'vm-updates', '-m', 'first', '-i', '1', '--force'], config(), quiet);
      c.clock.now = days(1);
      await c.run(
        ['done', 'vm-updates', '-m', 'second', '-i', '2', '-i', '3', '--by', 'BOB', '-f'],
        config(),
        quiet,
      );
      const text = await c.run(['routines', 'show', 'vm-updates']);
      expect(text).toContain('  [ ] 1. Warn the team\n  [x] 2. Upgrade\n  [x] 3. Reboot if needed');
      expect(text).toMatch(
        /#2 {2}2025-03-02 10:00 CET {2}done by bob .* items 2, 3 — second\n {2}#1 {2}2025-03-01 10:00 CET {2}done by alice/,
      );
      expect(text).toContain('CRIT     system.disk on web1 since 2025-03-01 10:00');
      expect(text).not.toContain('on db1');
      expect(text).toContain('no result yet for apt.pending');
      const board = await c.run(['routines']);
      expect(board).toMatch(/vm-updates .*CRIT: 1 of 1 not OK, 1 without result/);
    });

    it('a linked check that is not applicable on a host shows as n/a, never as a problem nor as OK', async () => {
      const c = await cli();
      const store = await openStore(c.loc);
      await store.saveRound(round(T0), [
        result('system.disk', 'web1', 'OK', T0),
        {
          ...result('apt.pending', 'web1', 'UNKNOWN', T0),
          notApplicable: true,
          summary: 'apt is not installed',
        },
      ]);
      await store.close();
      const board = await c.run(['routines']);
      expect(board).toMatch(/vm-updates .*OK \(1\), 1 n\/a/);
      expect(board).not.toMatch(/vm-updates .*UNKNOWN/);
      const text = await c.run(['routines', 'show', 'vm-updates']);
      expect(text).toContain('n/a      apt.pending on web1: apt is not installed');
      const doc = await c.json(['routines', 'show', 'vm-updates']);
      expect(doc.routine.checks.status).toBe('OK');
      expect(doc.routine.checks.notApplicable).toEqual([
        expect.objectContaining({ check: 'apt.pending', target: 'web1' }),
      ]);
    });

    it('undo appends an entry that cancels the latest sign-off; the state falls back, the trail keeps all', async () => {
      const c = await cli();
      await c.run(['done', 'backups', '-m', 'dumps fine', '--by', 'alice']);
      c.clock.now = days(2);
      await c.run(['done', 'backups', '-m', 'meant vm-updates', '--by', 'bob']);
      c.clock.now = days(3);
      const out = await c.run(['undo', 'backups', '-m', 'wrong routine', '--by', 'bob']);
      expect(out).toContain('Recorded #3: undo of #2 (backups done by bob at 2025-03-03 10:00 CET)');
      expect(out).toContain('next due 2025-04-01 10:00');
      const doc = await c.json(['routines', 'show', 'backups']);
      expect(doc.routine.lastDone).toMatchObject({ id: '1', by: 'alice' });
      expect(
        doc.routine.history.map((h: { id: string; kind: string; undone: boolean }) => [
          h.id,
          h.kind,
          h.undone,
        ]),
      ).toEqual([
        ['3', 'undo', false],
        ['2', 'done', true],
        ['1', 'done', false],
      ]);
      await c.run(['undo', 'backups']);
      await expect(c.run(['undo', 'backups'])).rejects.toMatchObject({
        exitCode: 64,
        message: 'backups has no sign-off to undo',
      });
      expect(await rawQuery(c.loc, 'select id from signoffs')).toHaveLength(4);
      // Nothing in force any more: due again since it was first seen, 3 days ago.
      expect(
        (await c.json(['routines'])).routines.find((r: { id: string }) => r.id === 'backups'),
      ).toMatchObject({ status: 'overdue', overdueDays: 3, lastDone: null, nextDue: T0.toISOString() });
    });

    it('refuses an unknown id, an item out of range and a sign-off with neither note nor item', async () => {
      const c = await cli();
      const err = await c.run(['done', 'backup', '-m', 'x']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CliError);
      expect(err).toMatchObject({
        exitCode: 64,
        message: 'unknown routine "backup" — did you mean "backups"? Routines: vm-updates, backups',
      });
      await expect(c.run(['routines', 'show', 'nope'])).rejects.toMatchObject({ exitCode: 64 });
      await expect(c.run(['done', 'backups', '--item', '3'])).rejects.toMatchObject({
        exitCode: 64,
        message: '--item 3: expected a checklist item number from 1 to 2',
      });
      await expect(c.run(['done', 'backups'])).rejects.toMatchObject({
        exitCode: 64,
        message: /--note is required/,
      });
      // Ticks alone say what was done.
      expect(await c.run(['done', 'backups', '--item', '1,2'])).toContain('items 1, 2 of 2');
      expect(await rawQuery(c.loc, 'select id from signoffs')).toHaveLength(1);
    });

    it('takes the person from --by, $RONDE_USER, git, $SUDO_USER, $USER in that order, checked against team:', async () => {
      const c = await cli();
      const by = async (env: Record<string, string>, git?: string, args: string[] = []) => {
        for (const k of Object.keys(c.env)) delete c.env[k];
        Object.assign(c.env, env);
        const doc = JSON.parse(
          await c.run(['done', 'backups', '-m', 'x', '--json', ...args], config(), {
            gitUserName: () => git,
          }),
        );
        return doc.recorded.by as string;
      };
      const all = { RONDE_USER: 'Alice', SUDO_USER: 'bob', USER: 'root' };
      expect(await by(all, 'bob', ['--by', 'bob'])).toBe('bob');
      expect(await by(all, 'bob')).toBe('alice'); // case-insensitive, the team's spelling
      expect(await by({ SUDO_USER: 'bob', USER: 'root' }, 'alice.m')).toBe('alice'); // Mattermost name
      expect(await by({ SUDO_USER: 'bob', USER: 'root' })).toBe('bob');
      expect(await by({ USER: 'bob' })).toBe('bob');
      await expect(by({ USER: 'root' })).rejects.toMatchObject({
        exitCode: 64,
        message:
          '"root" (from $USER) is not a member of team: Members: alice, bob. Pass --by NAME or set RONDE_USER.',
      });
      await expect(by({}, undefined, ['--by', 'alcie'])).rejects.toMatchObject({
        message: /did you mean "alice"/,
      });
    });
  },
);

describe('the person signing off', () => {
  it('is taken as given when no team: is configured, and must be found somewhere', () => {
    expect(
      person(undefined, [], { env: { USER: 'root', SUDO_USER: ' carol ' }, gitUserName: () => undefined }),
    ).toBe('carol');
    expect(person(undefined, [], { env: {}, gitUserName: () => 'Carol Martin' })).toBe('Carol Martin');
    expect(() => person(undefined, [], { env: { USER: '' }, gitUserName: () => undefined })).toThrow(
      'cannot tell who you are: pass --by NAME (or set RONDE_USER)',
    );
  });
});
