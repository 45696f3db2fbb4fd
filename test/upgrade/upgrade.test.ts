import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimulation } from '../../src/actions/upgrade/simulate.js';
import { openStore } from '../../src/store/db.js';
import { CLI } from '../cli/run-cli.js';
import { FAKE_SECRET, FAKE_TOKEN_ID, type ProxmoxFake, startProxmoxFake } from '../fakes/proxmox-fake.js';
import { type AptLab, startAptLab } from '../lab/apt-hosts.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';

/*
 * `ronde upgrade` end to end, with real upgrades: five lab hosts (own dpkg
 * state each, under unshare -m, test/lab/apt-hosts.ts) on 127.0.62.1-5, a
 * repository built here (v1 → v2), the Proxmox fake for snapshots, a webhook
 * receiver for the team's messages, and the built CLI (dist/).
 *   vm1–vm3: the acceptance run (snapshot, upgrade, reboot, re-check, sign-off)
 *   vm4: its reboot never returns (CRIT, the batch stops)
 *   vm5: refused (Docker service down, held package), then not started, then Ctrl-C
 * Runs the built CLI: `npx tsc -p tsconfig.build.json` first (npm test's pretest does).
 */

let lab: AptLab;
let pve: ProxmoxFake;
let hook: HttpCapture;
const dir = mkdtempSync(join(tmpdir(), 'ronde-upgrade-'));
const dpkgStatus = () => createHash('sha256').update(readFileSync('/var/lib/dpkg/status')).digest('hex');
const realDpkg = dpkgStatus();

function config(name: string, o: { hosts: string[]; upgrade: string; db: string }): string {
  const path = join(dir, `${name}.yaml`);
  const hosts = lab.hosts
    .map(
      (h) =>
        `  - name: ${h.name}\n    address: ${h.address}\n    ssh: { user: root, port: ${h.port}, identity: ${lab.clientKey}, ` +
        `known_hosts: ${lab.knownHosts}, agent: false }\n`,
    )
    .join('');
  writeFileSync(
    path,
    `language: en\ndatabase: { path: ${join(dir, o.db)} }\nhosts:\n${hosts}` +
      'checks:\n  - { kind: apt.pending, on: all }\n' +
      'team: [{ name: alice }]\n' +
      'routines:\n  - { id: vm-updates, title: Update the VMs, every: 1mo, checks: [apt.pending] }\n' +
      `notifiers:\n  - { name: team, type: webhook, url: "${hook.url}/hook" }\n` +
      `upgrade:\n  hosts: [${o.hosts.join(', ')}]\n  routine: vm-updates\n${o.upgrade}`,
  );
  return path;
}

function snapshotSettings(): string {
  return (
    `  snapshot:\n    url: ${pve.url}\n    token_id: "${FAKE_TOKEN_ID}"\n    token: "\${env:PVE_TOKEN}"\n` +
    `    fingerprint: "${pve.fingerprint}"\n    guests:\n` +
    lab.hosts.map((h) => `      ${h.name}: { node: pve1, vmid: ${200 + h.index} }\n`).join('')
  );
}

const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: dir,
  XDG_DATA_HOME: join(dir, 'data'),
  RONDE_USER: 'alice',
  NO_COLOR: '1',
  PVE_TOKEN: FAKE_SECRET,
});

function ronde(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: env() });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const installed = (i: number, pkg: string) =>
  lab.hosts[i]!.exec(['dpkg-query', '-W', '-f', '${Version}', pkg]);

beforeAll(async () => {
  // dist/ is built by `npm test`'s pretest; by hand: npx tsc -p tsconfig.build.json
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -p tsconfig.build.json first`);
  [lab, pve, hook] = await Promise.all([startAptLab({ hosts: 5 }), startProxmoxFake(), startHttpCapture()]);
  for (const h of lab.hosts) pve.addGuest({ vmid: 200 + h.index, name: h.name, node: 'pve1' });
}, 120_000);

afterAll(async () => {
  await Promise.all([lab?.stop(), pve?.close(), hook?.close()]);
  rmSync(dir, { recursive: true, force: true });
  // The machine's own dpkg never saw any of it.
  expect(dpkgStatus()).toBe(realDpkg);
  expect(existsSync('/srv/ronde-lab')).toBe(false);
});

describe('ronde upgrade on lab hosts', () => {
  it('plan lists what apt-get -s full-upgrade says on each host, and changes nothing', async () => {
    const cfg = config('plan', { hosts: ['vm1', 'vm2', 'vm3'], upgrade: '', db: 'plan.db' });
    const r = await ronde(['--config', cfg, 'upgrade', 'plan']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const i of [0, 1, 2]) {
      const sim = parseSimulation(lab.hosts[i]!.exec(['apt-get', '-s', 'full-upgrade']));
      expect(sim.installs.length).toBe(4);
      const block = r.stdout.split(/\n(?=vm\d)/).find((b) => b.startsWith(`vm${i + 1}:`))!;
      // No reboot announced: no kernel image, no reboot-required yet (the upgrade will drop one).
      expect(block.split('\n')[0]).toBe(`vm${i + 1}: 4 packages (1 security)`);
      for (const p of sim.installs)
        expect(block).toContain(`  ${p.name} ${p.from} → ${p.to}${p.security ? '  [security]' : ''}`);
      expect(installed(i, 'ronde-lab-kernel')).toBe('1');
    }
    expect(r.stdout).toContain('batch 1: vm1');
    const json = JSON.parse((await ronde(['--config', cfg, 'upgrade', 'plan', '--json', 'vm2'])).stdout);
    const sim = parseSimulation(lab.hosts[1]!.exec(['apt-get', '-s', 'full-upgrade']));
    expect(json).toMatchObject({
      version: 1,
      batches: [['vm2']],
      hosts: [{ host: 'vm2', refusals: [], security: 1 }],
    });
    expect(json.hosts[0].packages).toEqual(sim.installs);
  });

  it('refuses a host with an expected Docker service down, and one whose held package is needed', async () => {
    const cfg = config('refuse', { hosts: ['vm5'], upgrade: '', db: 'refuse.db' });
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'refuse.db') });
    const at = new Date();
    await store.saveRound({ startedAt: at, finishedAt: at, trigger: 'cli', interrupted: false }, [
      {
        check: 'docker.services',
        kind: 'docker.services',
        target: 'vm5',
        status: 'CRIT',
        summary: 'mattermost/app is exited',
        reasons: [],
        startedAt: at.toISOString(),
        durationMs: 1,
        evidence: [],
      },
    ]);
    await store.close();
    lab.hosts[4]!.exec(['apt-mark', 'hold', 'ronde-lab-held']);
    try {
      const r = await ronde(['--config', cfg, 'upgrade', 'run', '--yes']);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(
        'vm5: REFUSED\n  - held package(s) the upgrade needs: ronde-lab-held\n' +
          '  - an expected Docker service is down: docker.services: mattermost/app is exited\n',
      );
      expect(r.stdout).toContain('Nothing to upgrade.');
      const plan = await ronde(['--config', cfg, 'upgrade', 'plan']);
      expect(plan.code).toBe(2);
      expect(installed(4, 'ronde-lab-kernel')).toBe('1');
    } finally {
      lab.hosts[4]!.exec(['apt-mark', 'unhold', 'ronde-lab-held']);
    }
  });

  it('run upgrades three hosts: snapshot, conffile policy, reboot, re-check, two messages, sign-off, history', async () => {
    // An admin's change to a conffile on vm2: --force-confold keeps it, the new one lands beside it.
    writeFileSync(join(lab.hosts[1]!.dir, 'srv/ronde-lab/etc/lab.conf'), 'setting=mine\n');
    const cfg = config('run', {
      hosts: ['vm1', 'vm2', 'vm3'],
      upgrade: `  parallel: 3\n  reboot_timeout: 30s\n${snapshotSettings()}`,
      db: 'run.db',
    });
    const before = hook.requests.length;
    const r = await ronde(['--config', cfg, 'upgrade', 'run', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Run #1: done\n {2}vm1: upgraded\n {2}vm2: upgraded\n {2}vm3: upgraded\nRoutine vm-updates signed off\./,
    );
    for (const i of [0, 1, 2]) {
      for (const p of ['ronde-lab-kernel', 'ronde-lab-conf', 'ronde-lab-sec', 'ronde-lab-held'])
        expect(installed(i, p)).toBe('2');
      expect(lab.hosts[i]!.reboots).toBe(1);
      // The reboot cleared the flag the kernel package dropped.
      expect(existsSync(join(lab.hosts[i]!.dir, 'run/reboot-required'))).toBe(false);
    }
    expect(lab.hosts[0]!.read('/srv/ronde-lab/etc/lab.conf')).toBe('setting=2\n');
    expect(lab.hosts[1]!.read('/srv/ronde-lab/etc/lab.conf')).toBe('setting=mine\n');
    expect(lab.hosts[1]!.read('/srv/ronde-lab/etc/lab.conf.dpkg-dist')).toBe('setting=2\n');
    expect(pve.snapshots.map((s) => s.vmid).sort()).toEqual([201, 202, 203]);

    const events = hook.requests.slice(before).map((q) => (q.json as { event: string }).event);
    expect(events.filter((e) => e.startsWith('upgrade.'))).toEqual(['upgrade.start', 'upgrade.end']);
    expect(events).toContain('routine.done');

    const h = await ronde(['--config', cfg, 'upgrade', 'history']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^#1 .* by alice \(\w+\): ok, \d+ s — 3 upgraded\n/);
    expect(h.stdout).toContain('      ronde-lab-kernel 1 → 2\n');
    expect(h.stdout).toMatch(/ {4}reboot ok [\d.]+ s \(rebooted\)/);
    expect(h.stdout).toMatch(/ {4}recheck ok/);
    const db = new Database(join(dir, 'run.db'), { readonly: true });
    const states = db
      .prepare("select target, status from check_state where check_name = 'apt.pending'")
      .all();
    const signoffs = db
      .prepare("select routine, by_name, note from signoffs where routine = 'vm-updates'")
      .all();
    db.close();
    expect(states).toEqual(
      expect.arrayContaining(['vm1', 'vm2', 'vm3'].map((target) => ({ target, status: 'OK' }))),
    );
    expect(signoffs).toEqual([
      { routine: 'vm-updates', by_name: 'alice', note: 'ronde upgrade run #1: 3 upgraded' },
    ]);
  }, 120_000);

  it('a host whose reboot never returns is CRIT and stops the batch; the next is not started', async () => {
    lab.hosts[3]!.neverReturn = true;
    const cfg = config('fail', { hosts: ['vm4', 'vm5'], upgrade: '  reboot_timeout: 4s\n', db: 'fail.db' });
    const r = await ronde(['--config', cfg, 'upgrade', 'run', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  vm4: FAILED — reboot: did not answer SSH within 4 s after the reboot\n');
    expect(r.stdout).toContain('  vm5: not started — the batch stopped: vm4 failed\n');
    expect(installed(4, 'ronde-lab-kernel')).toBe('1');
    const end = hook.requests.at(-1)!.json as { event: string; title: string };
    expect(end).toMatchObject({ event: 'upgrade.end', title: 'Upgrade FAILED' });
  }, 60_000);

  it('Ctrl-C lets the step under way finish, stops, and reports', async () => {
    const cfg = config('int', { hosts: ['vm5'], upgrade: '', db: 'int.db' });
    const p = spawn(process.execPath, [CLI, '--config', cfg, 'upgrade', 'run', '--yes'], {
      cwd: dir,
      env: env(),
    });
    let out = '';
    const code = await new Promise<number | null>((resolve) => {
      p.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('vm5: upgrade…') && !p.killed) p.kill('SIGINT');
      });
      p.on('close', resolve);
    });
    expect(code).toBe(130);
    expect(out).toContain('vm5: upgrade ok');
    expect(out).toMatch(/ {2}vm5: interrupted — reboot: stopped \(Ctrl-C\) before this step/);
    // apt-get was not cut: the packages are at v2, dpkg is consistent.
    expect(installed(4, 'ronde-lab-kernel')).toBe('2');
    expect(lab.hosts[4]!.exec(['dpkg', '--audit'])).toBe('');
  }, 60_000);
});
