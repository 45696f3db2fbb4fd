import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerServices } from '../../src/checks/docker/services/index.js';
import { loadContext } from '../../src/cli/context.js';
import { type DockerIo, dockerApprove, dockerPrune } from '../../src/cli/docker.js';
import { CliError } from '../../src/cli/errors.js';
import { runRound } from '../../src/core/runner.js';
import { dockerApprovalStore } from '../../src/store/docker-approvals.js';
import { LocalTarget } from '../../src/targets/local.js';
import { type DockerLab, LAB_NAMED_VOLUME, LAB_UNUSED_NAMED_VOLUME, startDockerLab } from '../lab/dockerd.js';

let lab: DockerLab;
let dir: string;
beforeAll(async () => {
  lab = await startDockerLab();
  dir = mkdtempSync(join(tmpdir(), 'ronde-docker-cli-'));
}, 120_000);
afterAll(() => lab?.stop(), 60_000);

/** A config with the lab as a local host; `expected` declared or not. */
async function context(name: string, expected?: string[]) {
  const file = join(dir, `${name}.yaml`);
  const opts = { docker: { socket: lab.socket }, ...(expected ? { expected } : {}) };
  writeFileSync(
    file,
    `database: { path: ${join(dir, `${name}.db`)} }\nhosts:\n  - { name: lab, local: true }\n` +
      `checks:\n  - kind: docker.services\n    options: ${JSON.stringify(opts)}\n`,
  );
  return loadContext({ config: file }, {});
}

function io(answer = true): DockerIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), confirm: async () => answer };
}

const exists = (...args: string[]) => {
  try {
    lab.docker(...args);
    return true;
  } catch {
    return false;
  }
};

describe('ronde docker prune', () => {
  it('dry run lists the dangling image and keeps everything', async () => {
    const ctx = await context('dry', ['lab/app']);
    const out = io();
    expect(await dockerPrune(ctx, 'lab', { yes: false, unusedImages: false, volumes: false }, out)).toBe(0);
    const text = out.lines.join('\n');
    expect(text).toMatch(/lab: would remove 1 item\(s\), freeing about [\d.]+ MiB \(dry run/);
    expect(text).toContain(`dangling image    ${lab.danglingImage.slice(0, 12)}`);
    expect(text).toContain('they are rollback points');
    expect(exists('image', 'inspect', lab.danglingImage)).toBe(true);
  });

  it('is refused while an expected service is down, and removes nothing', async () => {
    const ctx = await context('down', ['lab/app', 'lab/cron']);
    const run = dockerPrune(ctx, 'lab', { yes: true, unusedImages: false, volumes: false }, io());
    await expect(run).rejects.toThrow(
      /refused while expected services are down:\n {2}lab\/cron: not running/,
    );
    expect(exists('image', 'inspect', lab.danglingImage)).toBe(true);
  });

  it('--yes removes the dangling image only', async () => {
    const ctx = await context('yes', ['lab/app']);
    const out = io();
    expect(await dockerPrune(ctx, 'lab', { yes: true, unusedImages: false, volumes: false }, out)).toBe(0);
    expect(out.lines.at(-1)).toMatch(/^lab: removed 1 item\(s\), freed about [\d.]+ MiB$/);
    expect(exists('image', 'inspect', lab.danglingImage)).toBe(false);
    expect(exists('image', 'inspect', 'lab/tmp:1')).toBe(true); // tagged: a rollback point
  });

  it('--volumes --yes removes the anonymous volume and keeps the named Compose volumes', async () => {
    const ctx = await context('vol', ['lab/app']);
    const refused = io(false);
    expect(await dockerPrune(ctx, 'lab', { yes: true, unusedImages: false, volumes: true }, refused)).toBe(1);
    expect(exists('volume', 'inspect', lab.anonymousVolume)).toBe(true);
    const out = io(true);
    expect(await dockerPrune(ctx, 'lab', { yes: true, unusedImages: false, volumes: true }, out)).toBe(0);
    expect(out.lines.join('\n')).toContain(`anonymous volume  ${lab.anonymousVolume.slice(0, 12)}`);
    expect(exists('volume', 'inspect', lab.anonymousVolume)).toBe(false);
    expect(exists('volume', 'inspect', LAB_UNUSED_NAMED_VOLUME)).toBe(true);
    expect(exists('volume', 'inspect', LAB_NAMED_VOLUME)).toBe(true);
  });

  it('refuses when it cannot tell what should run', async () => {
    const ctx = await context('none');
    await expect(
      dockerPrune(ctx, 'lab', { yes: false, unusedImages: false, volumes: false }, io()),
    ).rejects.toThrow(CliError);
  });
});

describe('ronde docker approve, then docker.services', () => {
  it('warns when `expected:` in the configuration overrides the approval', async () => {
    const out = io();
    expect(await dockerApprove(await context('override', ['lab/app']), 'lab', out)).toBe(0);
    expect(out.lines.at(-1)).toBe(
      "warning: lab's docker.services declares `expected:` in the configuration (lab/app); " +
        'it overrides this approval, which applies only once `expected:` is removed',
    );
  });

  it('records the running services; a service that stops afterwards is CRIT', async () => {
    const compose = ['-l', 'com.docker.compose.project=appr', '-l', 'com.docker.compose.service=a'];
    const args = ['--network', 'none', '--name', 'appr-a-1', ...compose];
    lab.docker('run', '-d', ...args, 'lab/busybox:1', 'sleep', '100000');
    const ctx = await context('approve');
    const out = io();
    expect(await dockerApprove(ctx, 'lab', out)).toBe(0);
    expect(out.lines[0]).toMatch(
      /^lab: approved \d+ running Compose service\(s\): .*appr\/a.*lab\/app.*lab\/web/,
    );
    expect(out.lines[0]).not.toContain('lab/cron');

    const store = await ctx.openStore();
    const approvals = dockerApprovalStore(store.conn);
    try {
      const check = async () => {
        const options = dockerServices.options.parse({ docker: { socket: lab.socket } });
        const target = new LocalTarget('lab');
        const plan = {
          instance: 'docker.services',
          kind: dockerServices,
          options,
          timeoutSec: 60,
          explicit: true,
        };
        return (await runRound([{ target, checks: [plan] }], { approvals })).results[0]!;
      };
      const before = await check();
      expect(before.reasons?.join('\n') ?? '').not.toContain('appr/a');
      expect(before.summary).not.toContain('appr/a');
      lab.docker('stop', '-t', '1', 'appr-a-1');
      const after = await check();
      expect(after.status).toBe('CRIT');
      expect(after.reasons).toContain('appr/a: not running, appr-a-1 is exited (exit code 137)');
      await expect(
        dockerPrune(ctx, 'lab', { yes: true, unusedImages: false, volumes: false }, io()),
      ).rejects.toThrow(/refused while expected services are down:\n {2}appr\/a: not running/);
    } finally {
      await store.close();
    }
  });
});
