// backup.files on a directory of 100,000 dumps (20 databases), through the real batch script.
// Run: npx tsx bench/backup-files.ts [files]   (not part of npm test)
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupFiles } from '../src/checks/backup/files.js';
import { runRound } from '../src/core/runner.js';
import { LocalTarget } from '../src/targets/local.js';

const n = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'ronde-bench-backup-'));
const now = Date.now() / 1000;
let t = performance.now();
for (let i = 0; i < n; i++) {
  const db = `db${i % 20}`;
  const p = join(dir, `${db}-${String(i).padStart(8, '0')}.sql.gz`);
  writeFileSync(p, 'x'.repeat(100 + (i % 13)));
  const m = now - (n - i) * 60;
  utimesSync(p, m, m);
}
console.log(`created ${n} files in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const options = backupFiles.options.parse({
  path: dir,
  pattern: '*.sql.gz',
  group_by: '^(?<db>db\\d+)-',
  cadence: '1w',
});
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const { results } = await runRound([
  {
    target: new LocalTarget('here'),
    checks: [{ instance: 'bench', kind: backupFiles, options, timeoutSec: 120, explicit: true }],
  },
]);
const r = results[0]!;
const ms = performance.now() - t;
console.log(`round: ${(ms / 1000).toFixed(2)} s, status ${r.status}, ${r.summary}`);
console.log(`find: ${r.evidence[0]?.durationMs} ms for the batch; listing ${r.details?.files} files`);
console.log(
  `rss before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
rmSync(dir, { recursive: true, force: true });
