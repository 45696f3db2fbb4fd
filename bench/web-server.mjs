// The team's page on a generated store, for bench/web.ts: the built code
// (dist/), as `ronde serve` runs it. Prints its port; answers "rss" on stdin.

import { readFileSync } from 'node:fs';
import { registry } from '../dist/checks/index.js';
import { parseConfig } from '../dist/config/load.js';
import { openStore } from '../dist/store/db.js';
import { createApp, listen } from '../dist/web/server.js';

const [dbPath, configPath] = process.argv.slice(2);
const config = parseConfig(readFileSync(configPath, 'utf8'), 'ronde.yaml', registry, {});
const store = await openStore({ kind: 'sqlite', path: dbPath });
const app = createApp({
  daemon: { healthy: () => true, status: () => ({ lastRoundAt: null }) },
  store,
  config,
});
const http = await listen(app, '127.0.0.1', 0);
process.stdout.write(`${JSON.stringify({ port: http.port })}\n`);
// "rss": resident memory; "cpu": CPU time used so far (µs), so that the bench
// can tell the server's CPU per request, which a loaded machine does not skew.
process.stdin.on('data', (d) => {
  const ask = String(d).trim();
  if (ask === 'rss') process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
  if (ask === 'cpu') {
    const c = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpu: c.user + c.system })}\n`);
  }
});
