import { type ChildProcess, spawn } from 'node:child_process';
import { openStore } from '../../src/store/db.js';
import { CLI } from '../cli/run-cli.js';

/** A real `ronde serve` process (dist/), its JSON log lines collected as they come. */
export interface Serve {
  child: ChildProcess;
  logs(): string;
  /** Parsed log lines so far. */
  lines(): Record<string, unknown>[];
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code and how long the process took to end. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export function startServe(args: string[], env: Record<string, string> = {}): Serve {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  let logs = '';
  child.stdout?.on('data', (c) => {
    logs += c;
  });
  child.stderr?.on('data', (c) => {
    logs += c;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    logs: () => logs,
    lines: () =>
      logs
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    async stop(signal = 'SIGTERM') {
      const t0 = performance.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      return { code, ms: performance.now() - t0 };
    },
  };
}

/** Polls `cond` (an event: a log line, a row) until true; fails with `why()` after `ms`. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  why: () => string,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface OutboxRow {
  event: string;
  notifier: string;
  title: string;
  text: string;
}

/** The outbox of a SQLite store, oldest first. */
export async function outboxOf(db: string): Promise<OutboxRow[]> {
  const store = await openStore({ kind: 'sqlite', path: db });
  try {
    const rows = await store.conn.db
      .selectFrom('outbox')
      .select(['event', 'notifier', 'payload'])
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const m = JSON.parse(r.payload) as { title: string; text: string };
      return { event: r.event, notifier: r.notifier, title: m.title, text: m.text };
    });
  } finally {
    await store.close();
  }
}
