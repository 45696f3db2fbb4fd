// Scale-out benchmark (issue 24): one `ronde serve` vs a scheduler + 3 workers, same lab fleet,
// same PostgreSQL, one after the other. Not part of npm test. Build first (npx tsc -p tsconfig.build.json).
//   npx tsx bench/scale.ts [--hosts 300] [--interval 5s] [--window 60] [--workers 3]
//   npx tsx bench/scale.ts --kill-loop 20     # the kill -9 integration test, N times in a row
// The interval is short on purpose: every process is saturated, so host-rounds a second is its capacity,
// and hosts / capacity the time it takes to check the whole fleet once.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startScaleLab } from '../test/daemon/scale-helpers.js';
import { type Serve, waitFor } from '../test/daemon/serve-helpers.js';

const { values: args } = parseArgs({
  options: {
    hosts: { type: 'string', default: '300' },
    interval: { type: 'string', default: '5s' },
    window: { type: 'string', default: '60' },
    workers: { type: 'string', default: '3' },
    'kill-loop': { type: 'string' },
  },
});
const root = join(import.meta.dirname, '..');

if (args['kill-loop']) {
  const n = Number(args['kill-loop']);
  let passed = 0;
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t0 = performance.now();
    const r = spawnSync('npx', ['vitest', 'run', 'test/daemon/scale.test.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const s = (performance.now() - t0) / 1000;
    times.push(s);
    if (r.status === 0) passed++;
    console.log(`run ${i}/${n}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${s.toFixed(0)} s`);
    if (r.status !== 0) console.log(r.stdout.slice(-4000), r.stderr.slice(-2000));
  }
  console.log(
    `kill -9 test: ${passed}/${n} passed; ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} s each`,
  );
  process.exit(passed === n ? 0 : 1);
}

const hosts = Number(args.hosts);
const windowS = Number(args.window);
const t0 = performance.now();
const lab = await startScaleLab({
  hosts,
  interval: args.interval,
  concurrency: 32,
  logLevel: 'info',
  checks: ['{ kind: system.disk }'],
  pgSettings: ['shared_preload_libraries=pg_stat_statements', 'max_connections=200'],
});
console.log(
  `lab: ${hosts} sshd hosts on 127.0.64.x and PostgreSQL up in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

/** Peak RSS (VmHWM) and CPU seconds of a process, from /proc. */
function usage(p: Serve): { peakMb: number; cpuS: number } {
  const pid = p.child.pid!;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { peakMb: hwm / 1024, cpuS: (Number(f[11]) + Number(f[12])) / 100 };
}

/** A count; 0 while the store's tables do not exist yet (the first process is still migrating). */
const count = async (sql: string) => {
  try {
    return Number((await lab.query<{ n: string }>(sql))[0]!.n);
  } catch {
    return 0;
  }
};

async function contender(name: string, start: () => (Serve & { role: string })[]): Promise<void> {
  await lab.query('create extension if not exists pg_stat_statements');
  const began = Date.now();
  const procs = start();
  try {
    const logs = () => procs.map((p) => p.logs().slice(-2000)).join('\n---\n');
    // First round: a new installation checks the whole fleet as one round (one job in scale-out).
    await waitFor(
      async () => (await count('select count(distinct target) as n from results')) >= hosts,
      600_000,
      logs,
    );
    const firstS = (Date.now() - began) / 1000;
    await lab.query('select pg_stat_statements_reset()');
    const r0 = await count(`select count(*) as n from rounds where host is not null`);
    const w0 = Date.now();
    await new Promise((r) => setTimeout(r, windowS * 1000));
    const r1 = await count(`select count(*) as n from rounds where host is not null`);
    const seconds = (Date.now() - w0) / 1000;
    const calls = await count(
      `select coalesce(sum(calls), 0) as n from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database())`,
    );
    const rounds = r1 - r0;
    const rate = rounds / seconds;
    console.log(`\n== ${name}`);
    console.log(`first round (all ${hosts} hosts, one round): ${firstS.toFixed(1)} s from start`);
    console.log(
      `steady state over ${seconds.toFixed(0)} s: ${rounds} host rounds, ${rate.toFixed(1)}/s → the fleet once every ${(hosts / rate).toFixed(1)} s`,
    );
    console.log(
      `database: ${calls} statements, ${(calls / Math.max(1, rounds)).toFixed(1)} per host round (${(calls / seconds).toFixed(0)}/s)`,
    );
    for (const [i, p] of procs.entries()) {
      const u = usage(p);
      console.log(
        `  process ${i} (${p.role}): peak RSS ${u.peakMb.toFixed(0)} MB, CPU ${u.cpuS.toFixed(1)} s`,
      );
    }
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

try {
  await contender('one process (--role all)', () => [Object.assign(lab.serve('all'), { role: 'all' })]);
  await lab.freshDatabase();
  await contender(`scheduler + ${args.workers} workers`, () => [
    Object.assign(lab.serve('scheduler'), { role: 'scheduler' }),
    ...Array.from({ length: Number(args.workers) }, () =>
      Object.assign(lab.serve('worker'), { role: 'worker' }),
    ),
  ]);
} finally {
  await lab.stop();
}
