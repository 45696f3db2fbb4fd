import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { type Said, said } from '../core/said.js';

/*
 * Reading `${pass:…}` entries without stopping the daemon. `pass show` runs
 * gpg, which may wait on gpg-agent or a pinentry prompt for up to 30 s: done
 * synchronously inside `ronde serve`, that freezes rounds, HTTP and signals.
 * So the daemon reads every entry its configuration names ahead, asynchronously
 * (`readPassAhead`, at start and on each reload), and `resolveSecrets` then
 * takes the value from here; a value older than REFRESH_MS is re-read in the
 * background (the old one serves meanwhile), so a rotated entry is picked up
 * without a reload. A command that runs once (`ronde check`) has nothing to
 * keep turning and reads the entry when it needs it.
 */

/** How long `pass show` may take: gpg-agent may have to start; a pinentry prompt must not hang ronde. */
export const PASS_TIMEOUT_MS = 30_000;
/** A value read ahead is re-read in the background after this; a failure sooner. */
const REFRESH_MS = 5 * 60_000;
const RETRY_MS = 30_000;
/** At most this many `pass show` at once (gpg-agent serialises decryption anyway). */
const PARALLEL = 4;

/** What `pass show` gave: the entry's first line, or what went wrong (never content). */
export type PassRead = { value: string } | { problem: Said };

interface Entry {
  read?: PassRead;
  at: number;
  pending?: Promise<PassRead>;
}

const entries = new Map<string, Entry>();
/** Set once the process reads ahead (a daemon): from then on nothing waits on pass synchronously. */
let readingAhead = false;

/** pass, gpg and the store depend on the environment: the same path may be another entry elsewhere. */
const keyOf = (path: string, env: NodeJS.ProcessEnv) =>
  JSON.stringify([path, env.PASSWORD_STORE_DIR, env.GNUPGHOME, env.HOME, env.PATH]);

/**
 * The entry for `resolveSecrets`. Read ahead: the value kept (re-read in the
 * background when old). Not read ahead in a daemon: starts reading it and says
 * so, rather than blocking. In a one-shot command: reads it now.
 */
export function passEntry(path: string, env: NodeJS.ProcessEnv): PassRead {
  const e = entries.get(keyOf(path, env));
  if (e?.read) {
    const age = Date.now() - e.at;
    if (age > ('value' in e.read ? REFRESH_MS : RETRY_MS)) void refresh(path, env);
    return e.read;
  }
  if (!readingAhead) return readPassSync(path, env);
  void refresh(path, env);
  return { problem: said('config.pass.notYet') };
}

/**
 * Reads every entry of `paths` with `pass show`, a few at a time, without
 * blocking the event loop; resolves when all have answered (or timed out).
 * Failures are kept too: `resolveSecrets` throws them where the secret is used.
 */
export async function readPassAhead(
  paths: Iterable<string>,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = PASS_TIMEOUT_MS,
): Promise<void> {
  readingAhead = true;
  const todo = [...new Set(paths)];
  const worker = async () => {
    for (let p = todo.shift(); p !== undefined; p = todo.shift()) await refresh(p, env, timeoutMs);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
}

/** Re-reads one entry (once at a time per entry); the old value serves until the new one is there. */
function refresh(path: string, env: NodeJS.ProcessEnv, timeoutMs = PASS_TIMEOUT_MS): Promise<PassRead> {
  const key = keyOf(path, env);
  const e = entries.get(key) ?? { at: 0 };
  entries.set(key, e);
  if (e.pending) return e.pending;
  e.pending = readPass(path, env, timeoutMs).then((read) => {
    e.read = read;
    e.at = Date.now();
    e.pending = undefined;
    return read;
  });
  return e.pending;
}

/** `pass show -- path`, asynchronously, killed (with the gpg it started) after `timeoutMs`. */
export function readPass(
  path: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = PASS_TIMEOUT_MS,
): Promise<PassRead> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    let out = '';
    let err = '';
    let done = false;
    const finish = (r: PassRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    // Its own process group: on timeout, gpg (pass's child, holding the pipes) goes too.
    try {
      child = spawn('pass', ['show', '--', path], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (e) {
      resolve({ problem: said('config.pass.cannotRun', { error: (e as Error).message }) });
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish({ problem: timeoutProblem(timeoutMs) });
    }, timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      if (out.length < 1024 * 1024) out += c;
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      if (err.length < 64 * 1024) err += c;
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish(
        e.code === 'ENOENT'
          ? { problem: NOT_INSTALLED }
          : { problem: said('config.pass.cannotRun', { error: e.code ?? e.message }) },
      ),
    );
    child.on('close', (status, signal) => {
      if (signal) finish({ problem: said('config.pass.killed', { signal }) });
      else if (status !== 0)
        finish({ problem: said('config.pass.failed', { status: status ?? 0, error: passProblem(err) }) });
      else finish({ value: firstLine(out) });
    });
  });
}

const NOT_INSTALLED = said('config.pass.notInstalled');
const timeoutProblem = (ms: number) => said('config.pass.timeout', { sec: ms / 1000 });

/** The one-shot way: `ronde check` and other commands that end when done. */
function readPassSync(path: string, env: NodeJS.ProcessEnv): PassRead {
  const r = spawnSync('pass', ['show', '--', path], {
    env,
    encoding: 'utf8',
    timeout: PASS_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024,
  });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { problem: NOT_INSTALLED };
  if (code === 'ETIMEDOUT' || r.signal) return { problem: timeoutProblem(PASS_TIMEOUT_MS) };
  if (r.error) return { problem: said('config.pass.cannotRun', { error: code ?? r.error.message }) };
  if (r.status !== 0)
    return { problem: said('config.pass.failed', { status: r.status ?? 0, error: passProblem(r.stderr) }) };
  return { value: firstLine(r.stdout) };
}

/** pass's own convention: the password is the first line. */
function firstLine(stdout: string): string {
  const nl = stdout.indexOf('\n');
  return (nl < 0 ? stdout : stdout.slice(0, nl)).replace(/\r$/, '');
}

/** The line of pass's or gpg's stderr that says what went wrong (never content: stdout is not quoted). */
function passProblem(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /^Error:/.test(l)) ??
    lines.find((l) => /decryption failed|no secret key|No such file/i.test(l)) ??
    lines.at(-1) ??
    'no message';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Forgets what was read ahead (tests). */
export function forgetPassEntries(): void {
  entries.clear();
  readingAhead = false;
}
