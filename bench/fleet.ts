// Fleet benchmark (issue 9): N lab sshd hosts on loopback, every contender timed in the same run.
//   npx tsx bench/fleet.ts [--hosts 20] [--scale 20,100,300] [--no-ansible] [--reps 1]
// Prints wall times, ratios and ronde's peak RSS. Not part of npm test.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registry } from '../src/checks/index.js';
import { shQuote } from '../src/core/command.js';
import { buildBatch } from '../src/targets/script.js';
import { type LabSshd, startLabSshd } from '../test/lab/sshd.js';

const { values: args } = parseArgs({
  options: {
    hosts: { type: 'string', default: '20' },
    scale: { type: 'string' },
    ansible: { type: 'boolean', default: true },
    'no-ansible': { type: 'boolean', default: false },
    reps: { type: 'string', default: '1' },
  },
});
const root = join(import.meta.dirname, '..');
const CLI = join(root, 'dist/cli/main.js');
const reps = Number(args.reps);
const withAnsible = !args['no-ansible'] && spawnSync('sh', ['-c', 'command -v ansible']).status === 0;

interface Run {
  ms: number;
  rssKb: number;
  ok: boolean;
  err: string;
}

/** Runs a command under /usr/bin/time for wall time and peak RSS (of the process tree's largest). */
function timed(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '%M', cmd, ...argv], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (c) => {
      err += c;
    });
    p.on('exit', (code) => {
      const ms = performance.now() - t0;
      const rss = Number(err.trim().split('\n').pop());
      resolve({
        ms,
        rssKb: rss,
        ok: code === 0 || (code !== null && code <= 3 && cmd === process.execPath),
        err,
      });
    });
  });
}

async function best(f: () => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < reps; i++) runs.push(await f());
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)]!;
}

/** OpenSSH, one process per host, all at once: the floor. */
function sshAll(lab: LabSshd, kh: string, remote: string): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let left = lab.hosts.length;
    let ok = true;
    let err = '';
    for (const h of lab.hosts) {
      const p = spawn(
        'ssh',
        [
          '-q',
          '-i',
          lab.clientKey,
          '-o',
          `UserKnownHostsFile=${kh}`,
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'BatchMode=yes',
          '-F',
          '/dev/null',
          '-p',
          String(h.port),
          `${lab.user}@${h.address}`,
          remote,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      p.stderr.on('data', (c) => {
        err += c;
      });
      p.on('exit', (code) => {
        if (code !== 0 && code !== 1) ok = false;
        if (--left === 0) resolve({ ms: performance.now() - t0, rssKb: Number.NaN, ok, err });
      });
    }
  });
}

function ansible(dir: string, lab: LabSshd, kh: string, module: string, arg: string): Promise<Run> {
  const inv = join(dir, 'ansible.ini');
  writeFileSync(
    inv,
    `[all]\n${lab.hosts.map((h) => `${h.address.replaceAll('.', '_')}_${h.port} ansible_host=${h.address} ansible_port=${h.port}`).join('\n')}\n` +
      `[all:vars]\nansible_user=${lab.user}\nansible_ssh_private_key_file=${lab.clientKey}\n` +
      `ansible_python_interpreter=/usr/bin/python3\nansible_ssh_common_args='-F /dev/null -o UserKnownHostsFile=${kh}'\n`,
  );
  const forks = String(Math.max(20, lab.hosts.length));
  return timed('ansible', ['all', '-i', inv, '-f', forks, '-m', module, '-a', arg], {
    ...process.env,
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    ANSIBLE_STDOUT_CALLBACK: 'minimal',
    ANSIBLE_LOAD_CALLBACK_PLUGINS: '0',
  });
}

function fmt(r: Run | undefined): string {
  if (!r) return '     -';
  return `${(r.ms / 1000).toFixed(2).padStart(6)} s${r.ok ? '' : ' (FAILED)'}`;
}

async function measure(n: number, full: boolean) {
  const lab = await startLabSshd({ hosts: n, keyTypes: ['ed25519'], user: 'ronde-lab' });
  try {
    const dir = lab.dir;
    const kh = lab.knownHosts(
      'bench_known_hosts',
      lab.hosts.map((h) => h.knownHostsLine('ed25519')),
    );
    const inv = join(dir, 'inventory.json');
    writeFileSync(
      inv,
      JSON.stringify({
        concurrency: 32,
        knownHosts: kh,
        identity: lab.clientKey,
        hosts: lab.hosts.map((h) => ({
          name: `h${h.index}`,
          address: h.address,
          port: h.port,
          user: lab.user,
        })),
      }),
    );
    const yaml = join(dir, 'ronde.yaml');
    writeFileSync(
      yaml,
      `database: { path: ${join(dir, 'ronde.db')} }\n` +
        `defaults:\n  ssh: { user: ${lab.user}, identity: ${lab.clientKey}, known_hosts: ${kh}, agent: false }\n` +
        `hosts:\n${lab.hosts.map((h) => `  - { name: h${h.index}, address: ${h.address}, ssh: { port: ${h.port} } }`).join('\n')}\n`,
    );
    const out: Record<string, Run | undefined> = {};
    out.cheapSsh = await best(() => sshAll(lab, kh, 'uname -r'));
    out.cheapRonde = await best(() => timed(process.execPath, [join(root, 'bench/cheap-round.mjs'), inv]));
    if (withAnsible && full)
      out.cheapAnsible = await best(() => ansible(dir, lab, kh, 'command', 'uname -r'));
    if (full) {
      const commands = registry
        .all()
        .filter((k) => k.zeroConfig)
        .flatMap((k) => k.commands(k.options.parse({})));
      const script = buildBatch(commands).script;
      out.fullSsh = await best(() => sshAll(lab, kh, `/bin/sh -c ${shQuote(script)}`));
      // The part of that floor no client can remove: apt's own work on hosts sharing 2 cores.
      out.aptSsh = await best(() => sshAll(lab, kh, 'apt list --upgradable'));
      const env = { ...process.env, NO_COLOR: '1' };
      out.fullRonde = await best(() =>
        timed(process.execPath, [CLI, 'check', '--config', yaml, '--no-reuse'], env),
      );
      if (withAnsible) out.fullAnsible = await best(() => ansible(dir, lab, kh, 'shell', script));
      await timed(process.execPath, [CLI, 'check', '--config', yaml], env); // a round to reuse
      out.repeatRonde = await best(() => timed(process.execPath, [CLI, 'check', '--config', yaml], env));
    }
    return out;
  } finally {
    await lab.stop();
  }
}

const ratio = (a?: Run, b?: Run) => (a && b ? `${(a.ms / b.ms).toFixed(2)}×` : '-');
const n = Number(args.hosts);
console.log(`fleet benchmark: ${n} lab sshd hosts on loopback, ${reps} rep(s), median\n`);
const r = await measure(n, true);
console.log('(a) cheap round, `uname -r` on every host');
console.log(`    OpenSSH in parallel (floor) ${fmt(r.cheapSsh)}`);
console.log(
  `    ronde                       ${fmt(r.cheapRonde)}   ${ratio(r.cheapRonde, r.cheapSsh)} the floor, peak RSS ${Math.round((r.cheapRonde?.rssKb ?? 0) / 1024)} MiB`,
);
if (r.cheapAnsible)
  console.log(
    `    ansible -m command          ${fmt(r.cheapAnsible)}   ronde is ${ratio(r.cheapAnsible, r.cheapRonde)} faster`,
  );
console.log('(b) full round, every zero-config check of every host');
console.log(`    OpenSSH, same script (floor) ${fmt(r.fullSsh)}`);
console.log(
  `    ronde check                  ${fmt(r.fullRonde)}   ${ratio(r.fullRonde, r.fullSsh)} the floor, peak RSS ${Math.round((r.fullRonde?.rssKb ?? 0) / 1024)} MiB`,
);
if (r.fullAnsible)
  console.log(
    `    ansible -m shell             ${fmt(r.fullAnsible)}   ronde is ${ratio(r.fullAnsible, r.fullRonde)} faster`,
  );
console.log(`    OpenSSH, apt list alone      ${fmt(r.aptSsh)}   (host CPU no client can remove)`);
if (r.fullAnsible)
  console.log(
    `    at best (ronde = floor), ronde would be ${ratio(r.fullAnsible, r.fullSsh)} faster than Ansible`,
  );
console.log('(c) repeat round on unchanged hosts');
console.log(
  `    ronde check (reuse)          ${fmt(r.repeatRonde)}   ${ratio(r.repeatRonde, r.cheapSsh)} the cheap floor`,
);

if (args.scale) {
  console.log('\n(d) scale: cheap round');
  for (const size of args.scale.split(',').map(Number)) {
    const s = await measure(size, false);
    console.log(
      `    N=${String(size).padStart(4)}  OpenSSH ${fmt(s.cheapSsh)}  ronde ${fmt(s.cheapRonde)}  ` +
        `ratio ${ratio(s.cheapRonde, s.cheapSsh)}  ronde peak RSS ${Math.round((s.cheapRonde?.rssKb ?? 0) / 1024)} MiB`,
    );
  }
}
