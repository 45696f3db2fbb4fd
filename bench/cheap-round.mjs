// ronde's round engine on the built code, one trivial command per host: the
// same work as `ssh host uname -r` (the floor) and `ansible -m command`.
// Usage: node bench/cheap-round.mjs inventory.json   (written by bench/fleet.ts)
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { runRound } from '../dist/core/runner.js';
import { SshPool } from '../dist/targets/ssh/pool.js';

const inv = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const uname = {
  id: 'bench.uname',
  title: 'uname -r',
  options: z.object({}).strict(),
  zeroConfig: false,
  commands: () => [{ argv: ['uname', '-r'] }],
  evaluate: (ctx) =>
    ctx.outputs[0]?.exitCode === 0
      ? { status: 'OK', summary: ctx.outputs[0].stdout.trim() }
      : { status: 'UNKNOWN', summary: ctx.outputs[0]?.stderr || 'failed' },
  docs: { observes: '', privileges: '', statuses: {}, example: '' },
};
const pool = new SshPool({
  maxConnections: inv.concurrency,
  sshConfigPath: null,
  userKnownHosts: [inv.knownHosts],
});
const hosts = inv.hosts.map((h) => ({
  target: pool.target({
    name: h.name,
    address: h.address,
    port: h.port,
    user: h.user,
    identity: [inv.identity],
    agent: false,
  }),
  checks: [{ instance: 'uname', kind: uname, options: {}, timeoutSec: 30, explicit: true }],
}));
const { results } = await runRound(hosts, { concurrency: inv.concurrency });
await pool.close();
const bad = results.filter((r) => r.status !== 'OK');
if (bad.length > 0) {
  console.error(`${bad.length} hosts failed, e.g. ${bad[0].target}: ${bad[0].summary}`);
  process.exit(1);
}
