import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { CLI, tempDir } from './run-cli.js';

describe('ronde check interrupted by Ctrl-C', () => {
  it('saves the complete results, marks the round interrupted and exits 130', async () => {
    // A server that accepts and never answers: the freshness.url check hangs on it.
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const dir = tempDir();
    const db = join(dir, 'ronde.db');
    const config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      [
        `database: { path: ${db} }`,
        'hosts:',
        '  - { name: one, local: true }',
        '  - { name: two, local: true, tags: [slow] }',
        'checks:',
        '  - { kind: system.disk, on: one }',
        `  - { kind: freshness.url, on: two, options: { url: "http://127.0.0.1:${port}/graph.png", timeout: 60s } }`,
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [CLI, 'check', '--config', config, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      // Wait until the request reached the server, then press Ctrl-C.
      const t0 = Date.now();
      while (sockets.length === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
      expect(sockets.length).toBeGreaterThan(0);
      child.kill('SIGINT');
      const code = await exited;
      expect(code, err).toBe(130);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
    const doc = JSON.parse(out);
    expect(doc.interrupted).toBe(true);
    expect(doc.exitCode).toBe(130);
    const results = doc.targets.flatMap((t: { results: { check: string }[] }) => t.results);
    const checks = results.map((r: { check: string }) => r.check);
    expect(checks).toContain('system.disk');
    expect(checks).not.toContain('freshness.url'); // it had not finished: not reported as anything
    expect(err).toContain('interrupted');
    const store = await openStore({ kind: 'sqlite', path: db });
    const [round] = await store.rounds({ limit: 1 });
    await store.close();
    expect(round?.interrupted).toBe(true);
  }, 120_000);
});
