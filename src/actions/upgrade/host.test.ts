import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostConfig } from '../../config/schema.js';
import type { CommandResult, CommandSpec } from '../../core/command.js';
import type { Target } from '../../core/target.js';
import { openStore } from '../../store/db.js';
import type { Store } from '../../store/types.js';
import { type HostDeps, upgradeHost } from './host.js';
import type { HostPlan } from './plan.js';
import { createRun, listSteps } from './repo.js';
import { parseSimulation } from './simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'ronde-upgrade-host-'));
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const host: HostConfig = { name: 'web1', address: 'web1', local: false, tags: [], ssh: {}, sudo: false };
const plan: HostPlan = {
  host: 'web1',
  packages: parseSimulation('Inst hello [1] (2 lab:lab [all])\n').installs,
  security: 0,
  removals: [],
  keptBack: [],
  reboot: null,
  refusals: [],
};

/** A host that answers each command by its argv; records what it was asked. */
function fakeTarget(answer: (argv: readonly string[]) => Partial<CommandResult>) {
  const asked: string[] = [];
  const target = {
    name: 'web1',
    transport: 'ssh',
    async runBatch(cmds: readonly CommandSpec[]) {
      return cmds.map((c) => {
        asked.push(c.argv.join(' '));
        return {
          argv: c.argv,
          exitCode: 0,
          stdout: '',
          stderr: '',
          timedOut: false,
          durationMs: 1,
          ...answer(c.argv),
        };
      });
    },
    async close() {},
  } as Target;
  return { target, asked };
}

async function deps(t: Target, over: Partial<HostDeps> = {}): Promise<HostDeps> {
  const runId = await createRun(store.conn, { at: new Date(), startedBy: 'test', osUser: 'test', plan: {} });
  return {
    conn: store.conn,
    runId,
    target: () => t,
    allowRemove: false,
    timeoutSec: 60,
    reboot: 'when-required',
    rebootTimeoutSec: 5,
    recheck: async () => [{ check: 'apt.pending', status: 'OK', summary: 'up to date' }],
    stop: new AbortController().signal,
    now: () => new Date(),
    say: () => {},
    lang: 'en',
    ...over,
  };
}

const SIM = 'apt-get -s full-upgrade';
const UPGRADE =
  'env DEBIAN_FRONTEND=noninteractive apt-get -y --no-remove -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold full-upgrade';

describe('upgradeHost', () => {
  it('upgrades, records versions, skips the reboot nobody asked for, re-checks', async () => {
    const { target, asked } = fakeTarget((argv) => {
      if (argv.join(' ') === SIM) return { stdout: 'Inst hello [1] (2 lab:lab [all])\n' };
      if (argv[0] === 'dpkg-query') return { stdout: 'hello\t2\tii \n' };
      if (argv[0] === 'test') return { exitCode: 1 };
      return {};
    });
    const d = await deps(target);
    const r = await upgradeHost(host, plan, d);
    expect(r).toMatchObject({
      outcome: 'upgraded',
      before: { hello: '1' },
      after: { hello: '2' },
      rebooted: false,
    });
    expect(asked).toContain(UPGRADE);
    expect(asked).not.toContain('reboot');
    const steps = await listSteps(store.conn.db, [d.runId]);
    expect(steps.map((s) => [s.step, s.outcome])).toEqual([
      ['upgrade', 'ok'],
      ['reboot', 'ok'],
      ['recheck', 'ok'],
    ]);
  });

  it('touches nothing when apt would now change a package the plan did not show', async () => {
    const { target, asked } = fakeTarget((argv) =>
      argv.join(' ') === SIM
        ? { stdout: 'Inst hello [1] (2 lab:lab [all])\nRemv mariadb-server [10.11]\n' }
        : {},
    );
    const r = await upgradeHost(host, plan, await deps(target));
    expect(r).toMatchObject({ outcome: 'failed', failedStep: 'upgrade', severity: 'WARN' });
    expect(r.why).toMatch(/also change mariadb-server, which the plan did not show/);
    expect(asked).not.toContain(UPGRADE);
  });

  it('says why in the team language, and each step as it goes', async () => {
    const { target } = fakeTarget((argv) =>
      argv.join(' ') === SIM
        ? { stdout: 'Inst hello [1] (2 lab:lab [all])\nRemv mariadb-server [10.11]\n' }
        : {},
    );
    const said: string[] = [];
    const r = await upgradeHost(host, plan, await deps(target, { lang: 'fr', say: (l) => said.push(l) }));
    expect(r.why).toBe(
      'apt changerait maintenant aussi mariadb-server, que le plan ne montrait pas : rien de fait, refaites le plan',
    );
    expect(said).toEqual(['web1 : mise à jour…', `web1 : mise à jour échec : ${r.why}`]);
  });

  it('stops before the upgrade when the snapshot fails', async () => {
    const { target, asked } = fakeTarget(() => ({}));
    const backup = {
      step: 'snapshot' as const,
      run: async () => {
        throw new Error('task failed: snapshot feature is not available');
      },
    };
    const r = await upgradeHost(host, plan, await deps(target, { backup }));
    expect(r).toMatchObject({ outcome: 'failed', failedStep: 'snapshot', severity: 'CRIT' });
    expect(asked).toEqual([]);
  });

  it('a failing apt-get fails the host, CRIT; a CRIT re-check too', async () => {
    const failing = fakeTarget((argv) =>
      argv.join(' ') === SIM
        ? { stdout: 'Inst hello [1] (2 lab:lab [all])\n' }
        : argv.includes('full-upgrade')
          ? { exitCode: 100, stderr: 'E: Sub-process /usr/bin/dpkg returned an error code (1)' }
          : {},
    );
    const r = await upgradeHost(host, plan, await deps(failing.target));
    expect(r).toMatchObject({ outcome: 'failed', failedStep: 'upgrade', severity: 'CRIT' });
    expect(r.why).toContain(
      'apt-get full-upgrade: exit 100 (E: Sub-process /usr/bin/dpkg returned an error code (1))',
    );
    const fine = fakeTarget((argv) =>
      argv.join(' ') === SIM
        ? { stdout: 'Inst hello [1] (2 lab:lab [all])\n' }
        : argv[0] === 'test'
          ? { exitCode: 1 }
          : {},
    );
    const crit = await upgradeHost(
      host,
      plan,
      await deps(fine.target, {
        recheck: async () => [{ check: 'docker.services', status: 'CRIT', summary: 'app down' }],
      }),
    );
    expect(crit).toMatchObject({ outcome: 'failed', failedStep: 'recheck' });
    expect(crit.why).toBe('CRIT after the upgrade: docker.services: app down');
  });

  it('does not start a step once stopped (Ctrl-C)', async () => {
    const { target, asked } = fakeTarget(() => ({}));
    const stop = new AbortController();
    stop.abort();
    const r = await upgradeHost(host, plan, await deps(target, { stop: stop.signal }));
    expect(r).toMatchObject({ outcome: 'interrupted', failedStep: 'upgrade' });
    expect(asked).toEqual([]);
  });
});
