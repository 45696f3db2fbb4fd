import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/run-cli.js';
import { type PostgresLab, startPostgres } from '../lab/postgres.js';
import { silentListener } from '../lab/sshd.js';
import { startServe, waitFor } from './serve-helpers.js';

/*
 * The daemon's lifecycle with the real process (dist/): SIGHUP reloads (an
 * invalid file is refused and the old configuration goes on), SIGTERM ends it
 * within 10 s with the port free for an immediate restart, and a second daemon
 * on the same store (SQLite, PostgreSQL) refuses to start, naming the first.
 */

let hung: Awaited<ReturnType<typeof silentListener>>;
beforeAll(async () => {
  // An SSH host that accepts and never speaks: a round is always in flight on it when we stop.
  hung = await silentListener('127.0.20.249');
});
afterAll(async () => {
  await hung?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, checks: string[], database = `{ path: ${join(dir, 'ronde.db')} }`): string {
  const file = join(dir, 'ronde.yaml');
  writeFileSync(
    file,
    [
      `database: ${database}`,
      'hosts:',
      '  - { name: self, local: true }',
      `  - { name: hung, address: 127.0.20.249, ssh: { port: ${hung.port}, agent: false } }`,
      'checks:',
      ...checks.map((c) => `  - { name: ${c}, kind: system.disk, on: self, interval: 1s }`),
      '  - { name: far, kind: system.disk, on: hung, interval: 1s, timeout: 60s }',
      '',
    ].join('\n'),
  );
  return file;
}

const env = (dir: string) => ({ HOME: dir, XDG_DATA_HOME: join(dir, 'data') });
const rounds = (s: ReturnType<typeof startServe>, host = 'self') =>
  s.lines().filter((l) => l.msg === 'round saved' && l.host === host).length;

/** A second daemon on the store of `first`: it must exit 75 at once, naming `first`. */
async function refused(file: string, dir: string, first: ReturnType<typeof startServe>): Promise<void> {
  const second = startServe(['--config', file, '--listen', '127.0.0.1:0'], env(dir));
  try {
    await waitFor(
      () => second.child.exitCode !== null,
      30_000,
      () => `still running:\n${second.logs()}`,
    );
  } finally {
    await second.stop();
  }
  expect(second.child.exitCode).toBe(75);
  expect(second.logs()).toContain(`another ronde serve is running on this store (pid ${first.child.pid} on`);
}

describe('ronde serve lifecycle', () => {
  it('SIGHUP reloads a valid configuration, and refuses an invalid one at error level, going on', async () => {
    const dir = tempDir('ronde-hup-');
    const file = config(dir, ['disk1']);
    const port = await freePort();
    const serve = startServe(['--config', file, '--listen', `127.0.0.1:${port}`], env(dir));
    const jobs = async () =>
      ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { jobs: number }).jobs;
    try {
      await waitFor(() => rounds(serve) >= 1, 30_000, serve.logs);
      expect(await jobs()).toBe(2);

      config(dir, ['disk1', 'disk2']);
      serve.child.kill('SIGHUP');
      await waitFor(() => serve.logs().includes('"configuration reloaded"'), 30_000, serve.logs);
      expect(await jobs()).toBe(3);
      await waitFor(
        () => serve.lines().some((l) => l.msg === 'round saved' && l.host === 'self' && l.results === 2),
        30_000,
        serve.logs,
      );

      writeFileSync(file, 'hosts: [ { name: self, local: true }\nchecks: {{{\n');
      serve.child.kill('SIGHUP');
      await waitFor(() => serve.logs().includes('"reload refused'), 30_000, serve.logs);
      const refused = serve.lines().find((l) => String(l.msg).startsWith('reload refused'))!;
      expect(refused.level).toBe(50); // pino's error
      expect(String(refused.err)).toContain('ronde.yaml');
      // Still running, on the old configuration.
      const after = rounds(serve);
      await waitFor(() => rounds(serve) >= after + 2, 30_000, serve.logs);
      expect(await jobs()).toBe(3);
      expect(serve.child.exitCode).toBeNull();
    } finally {
      const { code } = await serve.stop();
      expect(code).toBe(0);
    }
  }, 120_000);

  it('SIGTERM then an immediate start on the same port works ten times in a row, each stop within 10 s', async () => {
    const dir = tempDir('ronde-restart-');
    const file = config(dir, ['disk1']);
    const port = await freePort();
    const stops: number[] = [];
    for (let i = 0; i < 10; i++) {
      const serve = startServe(['--config', file, '--listen', `127.0.0.1:${port}`], env(dir));
      try {
        await waitFor(
          () => rounds(serve) >= 1,
          30_000,
          () => `cycle ${i}: ${serve.logs()}`,
        );
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        // The hung host's round is in flight as we stop.
        expect(rounds(serve, 'hung')).toBe(0);
      } finally {
        const { code, ms } = await serve.stop();
        stops.push(Math.round(ms));
        expect(code, serve.logs()).toBe(0);
        expect(ms).toBeLessThan(10_000);
      }
    }
    console.log(`stop times (ms): ${stops.join(', ')}; max ${Math.max(...stops)}`);
  }, 300_000);

  it('a second ronde serve on the same SQLite store refuses to start and names the first', async () => {
    const dir = tempDir('ronde-twice-');
    const file = config(dir, ['disk1']);
    const first = startServe(['--config', file, '--listen', '127.0.0.1:0'], env(dir));
    try {
      await waitFor(() => first.logs().includes('"listening"'), 30_000, first.logs);
      await refused(file, dir, first);
      expect(first.child.exitCode).toBeNull();
    } finally {
      expect((await first.stop()).code).toBe(0);
    }
    // Released on stop: the next one starts.
    const third = startServe(['--config', file, '--listen', '127.0.0.1:0'], env(dir));
    await waitFor(() => third.logs().includes('"listening"'), 30_000, third.logs);
    expect((await third.stop()).code).toBe(0);
  }, 120_000);

  describe('on PostgreSQL', () => {
    let pg: PostgresLab;
    beforeAll(async () => {
      pg = await startPostgres();
    }, 120_000);
    afterAll(async () => {
      await pg?.stop();
    });

    it('a second ronde serve on the same database refuses to start and names the first', async () => {
      const dir = tempDir('ronde-twice-pg-');
      const url = await pg.createDatabase('ronde_twice');
      const file = config(dir, ['disk1'], `{ url: "${url}" }`);
      const first = startServe(['--config', file, '--listen', '127.0.0.1:0'], env(dir));
      try {
        await waitFor(() => first.logs().includes('"listening"'), 30_000, first.logs);
        await refused(file, dir, first);
      } finally {
        expect((await first.stop()).code).toBe(0);
      }
      const third = startServe(['--config', file, '--listen', '127.0.0.1:0'], env(dir));
      await waitFor(() => third.logs().includes('"listening"'), 30_000, third.logs);
      expect((await third.stop()).code).toBe(0);
    }, 120_000);
  });
});
