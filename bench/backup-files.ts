// backup.files on a directory of 100,000 dumps (20 databases), through the real batch script.
// Run: npx tsx bench/backup-files.ts [files] [--ssh]   (not part of npm test)
// --ssh: through a lab sshd on 127.0.20.1 (user ronde-lab), as a remote host is checked.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupFiles } from '../src/checks/backup/files/index.js';
import { runRound } from '../src/core/runner.js';
import type { Target } from '../src/core/target.js';
import { LocalTarget } from '../src/targets/local.js';
import { SshPool } from '../src/targets/ssh/pool.js';
import { startLabSshd } from '../test/lab/sshd.js';

const viaSsh = process.argv.includes('--ssh');
const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
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
let target: Target = new LocalTarget('here');
let cleanup = async () => {};
if (viaSsh) {
  const { chmodSync } = await import('node:fs');
  chmodSync(dir, 0o755); // readable by the lab's login user
  const lab = await startLabSshd({ hosts: 1, keyTypes: ['ed25519'], user: 'ronde-lab' });
  const h = lab.hosts[0]!;
  const kh = lab.knownHosts('kh', [h.knownHostsLine('ed25519')]);
  const pool = new SshPool({ sshConfigPath: null, userKnownHosts: [kh] });
  target = pool.target({
    name: 'lab',
    address: h.address,
    port: h.port,
    user: lab.user,
    identity: [lab.clientKey],
    agent: false,
  });
  cleanup = async () => {
    await pool.close();
    await lab.stop();
  };
}
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const { results } = await runRound([
  {
    target,
    checks: [{ instance: 'bench', kind: backupFiles, options, timeoutSec: 120, explicit: true }],
  },
]);
const r = results[0]!;
const ms = performance.now() - t;
console.log(
  `round (${viaSsh ? 'over SSH' : 'local'}): ${(ms / 1000).toFixed(2)} s, status ${r.status}, ${r.summary}`,
);
console.log(`find: ${r.evidence[0]?.durationMs} ms for the batch; listing ${r.details?.files} files`);
console.log(
  `rss before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
await cleanup();
rmSync(dir, { recursive: true, force: true });
