import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LocalTarget } from '../targets/local.js';
import { type AnyCheckKind, defineCheck } from './check.js';
import { type HostPlan, type PlannedCheck, runRound } from './runner.js';
import { type Target, TargetError } from './target.js';

function kind(id: string, over: Partial<AnyCheckKind>): AnyCheckKind {
  return defineCheck({
    id,
    title: id,
    options: z.object({}).strict(),
    zeroConfig: true,
    commands: () => [{ argv: ['true'] }],
    evaluate: () => ({ status: 'OK', summary: 'fine' }),
    ...over,
  });
}

function plan(k: AnyCheckKind, over: Partial<PlannedCheck> = {}): PlannedCheck {
  return { instance: k.id, kind: k, options: {}, timeoutSec: 5, explicit: true, ...over };
}

const local = new LocalTarget('here');

/** A command that ran and succeeded, printing nothing: what a fake target answers. */
const ran = (c: { argv: readonly string[] }) => ({
  argv: c.argv,
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  durationMs: 1,
});

describe('runRound', () => {
  it('runs each check on its own outputs, in one batch per host', async () => {
    const echo = (word: string) =>
      kind(`t.${word}`, {
        commands: () => [{ argv: ['echo', word] }],
        evaluate: (ctx) => ({ status: 'OK', summary: ctx.outputs[0]!.stdout.trim() }),
      });
    const batches: number[] = [];
    const spy: Target = {
      ...local,
      name: 'here',
      transport: 'local',
      close: async () => {},
      runBatch: (c, o) => {
        batches.push(c.length);
        return local.runBatch(c, o);
      },
    };
    const { results } = await runRound([{ target: spy, checks: [plan(echo('a')), plan(echo('b'))] }]);
    expect(results.map((r) => r.summary).sort()).toEqual(['a', 'b']);
    expect(batches).toEqual([2]);
    expect(results[0]!.evidence[0]!.command).toMatch(/^echo [ab]$/);
  });

  it('turns a throw into UNKNOWN with the error, and the round goes on', async () => {
    const bad = kind('t.bad', {
      evaluate: () => {
        throw new Error('parser fell over');
      },
    });
    const good = kind('t.good', {});
    const { results } = await runRound([{ target: local, checks: [plan(bad), plan(good)] }]);
    expect(results.find((r) => r.check === 't.bad')).toMatchObject({
      status: 'UNKNOWN',
      reasons: ['check failed: parser fell over'],
    });
    expect(results.find((r) => r.check === 't.good')?.status).toBe('OK');
  });

  it("hands kinds the team's language and says its own words in it", async () => {
    const says = kind('t.says', { evaluate: (ctx) => ({ status: 'OK', summary: ctx.lang }) });
    const bad = kind('t.bad', {
      evaluate: () => {
        throw new Error('parser fell over');
      },
    });
    const { results } = await runRound([{ target: local, checks: [plan(says), plan(bad)] }], { lang: 'fr' });
    expect(results.find((r) => r.check === 't.says')?.summary).toBe('fr');
    expect(results.find((r) => r.check === 't.bad')?.summary).toBe(
      'la vérification a échoué : parser fell over',
    );
    const en = await runRound([{ target: local, checks: [plan(says)] }]);
    expect(en.results[0]?.summary).toBe('en');
  });

  it('gives UNKNOWN "timed out after N s" for a command or an evaluation that hangs', async () => {
    const slowCmd = kind('t.slowcmd', { commands: () => [{ argv: ['sleep', '30'] }] });
    const slowEval = kind('t.sloweval', { evaluate: () => new Promise(() => {}) });
    const t0 = Date.now();
    const { results } = await runRound([
      { target: local, checks: [plan(slowCmd, { timeoutSec: 1 }), plan(slowEval, { timeoutSec: 1 })] },
    ]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    for (const r of results) {
      expect(r.status).toBe('UNKNOWN');
      expect(r.summary).toMatch(/^timed out after 1 s/);
    }
  });

  it('gives every check of an unreachable host its status, other hosts unaffected', async () => {
    const down: Target = {
      name: 'down',
      transport: 'ssh',
      runBatch: async () => {
        throw new TargetError('host key changed for down', 'hostkey-changed', 'CRIT');
      },
      close: async () => {},
    };
    const hosts: HostPlan[] = [
      { target: down, checks: [plan(kind('t.a', {})), plan(kind('t.b', {}))] },
      { target: local, checks: [plan(kind('t.a', {}))] },
    ];
    const { results, unreachable } = await runRound(hosts);
    expect(results.filter((r) => r.target === 'down').map((r) => r.status)).toEqual(['CRIT', 'CRIT']);
    expect(results.find((r) => r.target === 'here')?.status).toBe('OK');
    // The daemon tells an unreachable host apart (it then speaks for all its checks at once).
    expect(unreachable).toEqual(new Map([['down', 'host key changed for down']]));
  });

  it('marks an absent subject "not applicable" only when the check was not asked for explicitly', async () => {
    const absent = kind('t.absent', {
      evaluate: () => ({ status: 'UNKNOWN', summary: 'no systemd', notApplicable: true }),
    });
    const zero = await runRound([{ target: local, checks: [plan(absent, { explicit: false })] }]);
    const asked = await runRound([{ target: local, checks: [plan(absent, { explicit: true })] }]);
    expect(zero.results[0]?.notApplicable).toBe(true);
    expect(asked.results[0]?.notApplicable).toBeUndefined();
    expect(asked.results[0]?.status).toBe('UNKNOWN');
  });

  it('on interruption keeps the complete results and drops the unfinished ones', async () => {
    const ac = new AbortController();
    const quick = kind('t.quick', {});
    const slow = kind('t.slow', { commands: () => [{ argv: ['sleep', '20'] }] });
    setTimeout(() => ac.abort(), 500);
    const out = await runRound([{ target: local, checks: [plan(quick), plan(slow, { timeoutSec: 30 })] }], {
      signal: ac.signal,
    });
    expect(out.interrupted).toBe(true);
    expect(out.results.map((r) => r.check)).toEqual(['t.quick']);
  });

  it('bounds the number of hosts checked at once', async () => {
    let active = 0;
    let peak = 0;
    const target = (name: string): Target => ({
      name,
      transport: 'ssh',
      close: async () => {},
      runBatch: async (cmds) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 30));
        active--;
        return cmds.map(ran);
      },
    });
    const hosts = Array.from({ length: 10 }, (_, i) => ({
      target: target(`h${i}`),
      checks: [plan(kind('t.x', {}))],
    }));
    const { results } = await runRound(hosts, { concurrency: 3 });
    expect(results).toHaveLength(10);
    expect(peak).toBe(3);
  });
});

describe('a round with many checks on one signal', () => {
  it('prints no MaxListenersExceededWarning (a user would see it on stderr)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const slow = kind('t.slow', {
        commands: () => [],
        evaluate: async () => {
          await new Promise((r) => setTimeout(r, 50));
          return { status: 'OK', summary: 'ok' };
        },
      });
      const hosts = Array.from({ length: 15 }, (_, i) => ({
        target: new LocalTarget(`h${i}`),
        checks: [plan(slow), plan(slow, { instance: 'again' })],
      }));
      const { results } = await runRound(hosts, { signal: new AbortController().signal });
      expect(results).toHaveLength(30);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('reuse of an unchanged result (kind stamp)', () => {
  it('skips the commands on the machine when the stamped paths are unchanged, and says so', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/ronde-stamp-');
    const marker = `${dir}.ran`;
    const k = kind('t.stamped', {
      stampPaths: () => [dir, `${dir}/absent`],
      commands: () => [{ argv: ['sh', '-c', `echo x >> ${marker}; echo fresh`] }],
      evaluate: (ctx) => ({ status: 'WARN', summary: ctx.outputs[0]!.stdout.trim() }),
    });
    const first = (await runRound([{ target: local, checks: [plan(k)] }])).results[0]!;
    expect(first.stamp).toContain(`${dir} `);
    expect(first.stamp).toContain(`${dir}/absent': No such file or directory`);
    const second = (await runRound([{ target: local, checks: [plan(k, { previous: first })] }])).results[0]!;
    expect(second).toMatchObject({ status: 'WARN', summary: 'fresh', stamp: first.stamp });
    expect(second.details?.reused).toMatchObject({ from: first.startedAt });
    expect(readFileSync(marker, 'utf8')).toBe('x\n'); // the command ran once
    writeFileSync(`${dir}/absent`, ''); // a path appears: run again
    const third = (await runRound([{ target: local, checks: [plan(k, { previous: second })] }])).results[0]!;
    expect(third.details?.reused).toBeUndefined();
    expect(readFileSync(marker, 'utf8')).toBe('x\nx\n');
    writeFileSync(`${dir}/absent`, 'more'); // a file's size or mtime moves: run again
    const fourth = (await runRound([{ target: local, checks: [plan(k, { previous: third })] }])).results[0]!;
    expect(fourth.details?.reused).toBeUndefined();
    expect(readFileSync(marker, 'utf8')).toBe('x\nx\nx\n');
  });

  it('probes the paths of every kind of a host with one find, and reuses each kind on its own', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/ronde-stamp-');
    const a = kind('t.a', { stampPaths: () => [`${dir}/a`] });
    const b = kind('t.b', { stampPaths: () => [`${dir}/b`] });
    const c = kind('t.c', { stampPaths: () => [`${dir}/a`] });
    const scripts: string[] = [];
    const spy: Target = {
      name: 'here',
      transport: 'local',
      runBatch: (cmds, o) => {
        scripts.push(cmds.map((x) => x.unlessStamp?.paths.join(',') ?? '-').join(' '));
        return local.runBatch(cmds, o);
      },
      close: async () => {},
    };
    const host = (prev: Record<string, unknown> = {}) => ({
      target: spy,
      checks: [a, b, c].map((k) => plan(k, prev[k.id] ? { previous: prev[k.id] as never } : {})),
    });
    const first = (await runRound([host()])).results;
    expect(new Set(first.map((r) => r.stamp)).size).toBe(1); // one probe for all
    const prev = Object.fromEntries(first.map((r) => [r.check, r]));
    const again = (await runRound([host(prev)])).results;
    expect(again.every((r) => r.details?.reused)).toBe(true);
    writeFileSync(`${dir}/b`, '');
    // One host-wide stamp: any change re-runs every stamped kind of the host (safe, simple).
    const third = (await runRound([host(prev)])).results;
    expect(third.filter((r) => r.details?.reused)).toHaveLength(0);
  });

  it('never reuses an UNKNOWN, a result older than reuseForSec, or one past its validUntil', async () => {
    const k = kind('t.stamped2', { stampPaths: () => ['/'], reuseForSec: 60 });
    const first = (await runRound([{ target: local, checks: [plan(k)] }])).results[0]!;
    const reused = async (previous: PlannedCheck['previous']) =>
      (await runRound([{ target: local, checks: [plan(k, { previous })] }])).results[0]!.details?.reused;
    expect(await reused(first)).toBeDefined();
    expect(
      await reused({ ...first, startedAt: new Date(Date.now() - 120_000).toISOString() }),
    ).toBeUndefined();
    expect(await reused({ ...first, status: 'UNKNOWN' })).toBeUndefined();
    expect(await reused({ ...first, status: 'UNKNOWN', notApplicable: true })).toBeDefined();
    expect(await reused({ ...first, validUntil: new Date(Date.now() - 1).toISOString() })).toBeUndefined();
    expect(await reused({ ...first, validUntil: new Date(Date.now() + 60_000).toISOString() })).toBeDefined();
  });

  it('does not stamp a check run with sudo: the probe, run as the login user, may not see its files', async () => {
    const k = kind('t.sudo', { stampPaths: () => ['/'], commands: () => [{ argv: ['true'] }] });
    const seen: (string | undefined)[] = [];
    const spy: Target = {
      name: 'here',
      transport: 'local',
      runBatch: async (cmds) => {
        seen.push(...cmds.map((c) => c.unlessStamp?.paths.join(',')));
        return cmds.map(ran);
      },
      close: async () => {},
    };
    await runRound([{ target: spy, checks: [plan(k, { sudo: true }), plan(k, { instance: 'plain' })] }]);
    expect(seen).toEqual([undefined, '/']);
    // Unless any user may stat its paths (dpkg's status, /boot): then the probe sees every change.
    const pub = kind('t.public', { stampPaths: () => ['/'], stampPublic: true });
    seen.length = 0;
    await runRound([{ target: spy, checks: [plan(pub, { sudo: true })] }]);
    expect(seen).toEqual(['/']);
  });
});
