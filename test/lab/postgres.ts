import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_BIN = '/usr/lib/postgresql/15/bin';
const INSTALL = 'apt-get install -y postgresql-15';

export interface PostgresLab {
  /** Superuser URL of the `postgres` database, trust auth, 127.0.0.1 only. */
  url: string;
  /** A fresh empty database on this server, for one test. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL 15 on 127.0.0.1 and a free port, data and
 * socket in a fresh temp dir. PostgreSQL refuses to run as root, so as root it
 * runs as the `postgres` user. Throws (never skips) with the install line
 * when it cannot run.
 */
export async function startPostgres(
  options: {
    binDir?: string;
    /** Serve TLS (STARTTLS: SSLRequest) with this PEM certificate and key (copied, owned by the server). */
    ssl?: { cert: string; key: string };
    /** Extra server settings, `name=value` (e.g. `shared_preload_libraries=pg_stat_statements` for a benchmark). */
    settings?: readonly string[];
  } = {},
): Promise<PostgresLab> {
  const BIN = options.binDir ?? DEFAULT_BIN;
  if (!existsSync(join(BIN, 'postgres')) || !existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 server binaries not found in ${BIN}; install them: ${INSTALL}`);
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (asRoot && !owner)
    throw new Error(`running as root and no "postgres" user to run PostgreSQL as; ${INSTALL}`);

  const dir = mkdtempSync(join(tmpdir(), 'ronde-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]): string[] =>
    owner ? ['runuser', '-u', 'postgres', '--', join(BIN, cmd), ...args] : [join(BIN, cmd), ...args];
  const exec = (cmd: string, args: string[]): void => {
    const [file, ...rest] = run(cmd, args);
    execFileSync(file!, rest, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };

  try {
    exec('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${stderrOf(e)}`);
  }

  // PostgreSQL refuses a key others may read: copies owned by the server's user, mode 0600.
  const sslArgs: string[] = [];
  if (options.ssl) {
    const cert = join(dir, 'server.crt');
    const key = join(dir, 'server.key');
    copyFileSync(options.ssl.cert, cert);
    copyFileSync(options.ssl.key, key);
    chmodSync(key, 0o600);
    if (owner) for (const f of [cert, key]) chownSync(f, owner.uid, owner.gid);
    sslArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`);
  }
  const port = await freePort();
  // biome-ignore format: one option and its value per pair
  const [file, ...args] = run('postgres', [
    '-D', data, '-k', dir, '-h', '127.0.0.1', '-p', String(port),
    // A test server: speed over durability.
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    ...sslArgs,
    ...(options.settings ?? []).flatMap((s) => ['-c', s]),
  ]);
  const child = spawn(file!, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      try {
        exec('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      } catch {
        child.kill('SIGTERM');
      }
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  let n = 0;
  return {
    url,
    stop,
    async createDatabase(name: string): Promise<string> {
      const db = `${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${++n}`;
      await withClient(url, (c) => c.query(`create database "${db}"`));
      return `postgres://postgres@127.0.0.1:${port}/${db}`;
    },
  };
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const f = line?.split(':');
  return f ? { uid: Number(f[2]), gid: Number(f[3]) } : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
    try {
      await withClient(url, (c) => c.query('select 1'));
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`postgres not ready after 30 s: ${String(e)}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

function stderrOf(e: unknown): string {
  const err = e as { stderr?: Buffer; message?: string };
  return err.stderr?.toString().trim() || err.message || String(e);
}
