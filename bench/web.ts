/**
 * The team's page at fleet scale: 1,000 hosts × 20 checks × 90 days of
 * history in a generated SQLite store; p50/p99 latency of the home page and
 * the main API calls with autocannon on loopback, and the server's RSS.
 *
 * Run twice: on a still store, then with rounds being saved meanwhile as the
 * daemon would (`--writes`, host rounds per second; 1,000 hosts checked every
 * 5 minutes is 3.3/s), since what the pages keep (src/web/memo.ts) lasts only
 * until the next write.
 *
 *   npm run build && npx tsx bench/web.ts [--hosts 1000] [--checks 20] [--days 90] [--seconds 10] [--writes 3.3]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createSession } from '../src/auth/sessions.js';
import { addUser } from '../src/auth/users.js';
import type { CheckResult } from '../src/core/check.js';
import { openStore } from '../src/store/db.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const HOSTS = arg('hosts', 1000);
const CHECKS = arg('checks', 20);
const DAYS = arg('days', 90);
const SECONDS = arg('seconds', 10);
const WRITES = arg('writes', 3.3);
const DAY = 86_400_000;
const now = Date.now();
const host = (i: number) => `h${String(i).padStart(4, '0')}`;
const check = (j: number) => `c${String(j).padStart(2, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'ronde-bench-web-'));
const dbPath = join(dir, 'ronde.db');
const configPath = join(dir, 'ronde.yaml');
writeFileSync(
  configPath,
  [
    'timezone: Europe/Paris',
    'hosts:',
    ...Array.from(
      { length: HOSTS },
      (_, i) => `  - { name: ${host(i)}, tags: [${i % 10 === 0 ? 'web' : 'db'}] }`,
    ),
    'checks:',
    ...Array.from({ length: CHECKS }, (_, j) => `  - { kind: system.disk, name: ${check(j)} }`),
    'team: [{ name: alice }, { name: bob }, { name: carol }]',
    'routines:',
    ...Array.from(
      { length: 12 },
      (_, i) =>
        `  - { id: r${i}, title: Routine ${i}, every: ${i + 1}w, checks: ["${check(i % CHECKS)}@tag:web"] }`,
    ),
    '',
  ].join('\n'),
);

// Schema through the real migrations, rows through one raw transaction (fast).
let t0 = Date.now();
const store = await openStore({ kind: 'sqlite', path: dbPath });
const { token } = await store.conn.write(async (trx) => {
  const user = await addUser(trx, {
    name: 'alice',
    role: 'operator',
    password: 'bench password!',
    now: new Date(),
  });
  return createSession(trx, user, { now: new Date(), ttlMs: DAY, address: '127.0.0.1' });
});
await store.close();
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
const STATUSES = ['OK', 'WARN', 'CRIT', 'UNKNOWN'] as const;
/** Check j of host i on day d: a few flap, a few stay WARN (848 problems at 1,000 × 20). */
function statusOf(i: number, j: number, d: number): (typeof STATUSES)[number] {
  const flaky = (i * 31 + j * 7) % 23 === 0;
  return flaky ? STATUSES[(((d + i + j) % 4) + 4) % 4]! : (i * 13 + j) % 97 === 0 ? 'WARN' : 'OK';
}
db.transaction(() => {
  const round = db.prepare(
    'insert into rounds (started_at, finished_at, trigger, interrupted, host, result_count, status) values (?, ?, ?, 0, null, ?, ?)',
  );
  const result = db.prepare(
    'insert into results (round_id, check_name, kind, target, status, summary, not_applicable, started_at, duration_ms, reasons, data) values (?, ?, ?, ?, ?, ?, 0, ?, 12, ?, ?)',
  );
  const change = db.prepare(
    'insert into status_changes (at, check_name, target, from_status, to_status, summary, result_id, round_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const state = db.prepare(
    'insert into check_state (check_name, target, kind, status, since, last_result_id, last_at, consecutive, summary) values (?, ?, ?, ?, ?, ?, ?, 1, ?)',
  );
  const last = new Map<string, { status: string; since: number; id: number }>();
  // One result per check per day (90 days of history); a few checks flap.
  for (let d = DAYS; d >= 0; d--) {
    const at = now - d * DAY;
    const roundId = Number(round.run(at, at + 60_000, 'daemon', HOSTS * CHECKS, 'CRIT').lastInsertRowid);
    for (let i = 0; i < HOSTS; i++)
      for (let j = 0; j < CHECKS; j++) {
        const status = statusOf(i, j, d);
        const key = `${i}/${j}`;
        const summary = `${check(j)} on ${host(i)} is ${status}`;
        const id = Number(
          result.run(
            roundId,
            check(j),
            'system.disk',
            host(i),
            status,
            summary,
            at,
            '[]',
            JSON.stringify({ details: { pending: (d * j) % 40 } }),
          ).lastInsertRowid,
        );
        const prev = last.get(key);
        if (!prev || prev.status !== status) {
          change.run(at, check(j), host(i), prev?.status ?? null, status, summary, id, roundId);
          last.set(key, { status, since: at, id });
        } else last.set(key, { ...prev, id });
      }
  }
  for (const [key, v] of last) {
    const [i, j] = key.split('/').map(Number) as [number, number];
    state.run(
      check(j),
      host(i),
      'system.disk',
      v.status,
      v.since,
      v.id,
      now,
      `${check(j)} on ${host(i)} is ${v.status}`,
    );
  }
})();
const counts = db
  .prepare('select (select count(*) from results) r, (select count(*) from status_changes) c')
  .get() as {
  r: number;
  c: number;
};
db.close();
console.log(
  `store: ${HOSTS} hosts × ${CHECKS} checks × ${DAYS} days — ${counts.r} results, ${counts.c} changes, generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);

const server: ChildProcess = spawn(process.execPath, ['bench/web-server.mjs', dbPath, configPath], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: server.stdout! });
const next = () => new Promise<Record<string, number>>((r) => lines.once('line', (l) => r(JSON.parse(l))));
const { port } = await next();

const targets = [
  '/',
  '/api/v1/problems',
  '/api/v1/routines',
  '/hosts/h0500',
  '/hosts/h0000/checks/c00',
  '/api/v1/hosts/h0500/checks/c07',
];
const cpu = async () => {
  server.stdin!.write('cpu\n');
  return (await next()).cpu ?? 0;
};
console.log(`load average at start: ${loadavg()[0]!.toFixed(1)}`);
await measure('still store');
if (WRITES > 0) {
  // The daemon's writes: one host's round (all its checks, a few changing status) at a time.
  const writer = await openStore({ kind: 'sqlite', path: dbPath });
  let n = 0;
  let saved = 0;
  const timer = setInterval(() => {
    const i = n++ % HOSTS;
    const at = new Date();
    const results = Array.from({ length: CHECKS }, (_, j): CheckResult => {
      const status = statusOf(i, j, -n); // as many problems as before, some changing
      return {
        check: check(j),
        kind: 'system.disk',
        target: host(i),
        status,
        summary: `${check(j)} on ${host(i)} is ${status}`,
        startedAt: at.toISOString(),
        durationMs: 12,
        evidence: [],
      };
    });
    void writer
      .saveRound(
        { startedAt: at, finishedAt: at, trigger: 'daemon', interrupted: false, host: host(i) },
        results,
      )
      .then(() => saved++);
  }, 1000 / WRITES);
  await measure(`a round saved ${WRITES} times a second`);
  clearInterval(timer);
  await writer.close();
  console.log(`\n(${saved} rounds saved during the run)`);
}

async function measure(title: string): Promise<void> {
  console.log(
    `\n${title}:\n\n| request | p50 | p99 | req/s | server CPU per request |\n| --- | --- | --- | --- | --- |`,
  );
  for (const path of targets) {
    t0 = Date.now();
    const c0 = await cpu();
    const r = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      connections: 4,
      duration: SECONDS,
      headers: { cookie: `ronde_session=${token}` },
    });
    if (r.non2xx > 0) console.error(`${path}: ${r.non2xx} non-2xx answers`);
    const perRequest = (await cpu()) - c0;
    const ms = r.requests.total > 0 ? perRequest / r.requests.total / 1000 : 0;
    console.log(
      `| \`GET ${path}\` | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.requests.average} | ${ms.toFixed(1)} ms |`,
    );
  }
}
server.stdin!.write('rss\n');
const rss = (await next()).rss ?? 0;
console.log(`\nserver RSS after the runs: ${(rss / 1048576).toFixed(0)} MiB`);
server.kill();
if (process.env.RONDE_BENCH_KEEP) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
