import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { inspect } from 'node:util';
import { parseSecretRefs, type SecretPart } from '../core/secret-ref.js';

const MASK = '***';

/**
 * A resolved secret. Every way of turning it into text (String(), templates,
 * JSON.stringify, util.inspect, console.log) gives `***`; only `reveal()`
 * gives the value, so a leak needs an explicit, greppable call.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [Symbol.toPrimitive](): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

/** A reference could not be resolved. The message names the reference, never a value. */
export class SecretError extends Error {
  constructor(
    message: string,
    readonly reference: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}

export { hasSecretRef, secretRefProblem } from '../core/secret-ref.js';

/**
 * Resolves every reference of `value` now (call it when the secret is needed,
 * not at load, so a rotated file or variable is picked up). `${file:…}` drops
 * one trailing newline, as `pass` and editors add one. `${pass:path}` is the
 * first line of `pass show path` (pass's own convention for the password),
 * decrypted by the running user's gpg agent; nothing of it is kept.
 */
export function resolveSecrets(value: string, env: NodeJS.ProcessEnv = process.env): Secret {
  let parts: SecretPart[];
  try {
    parts = parseSecretRefs(value);
  } catch (err) {
    throw new SecretError((err as Error).message, '');
  }
  let out = '';
  for (const p of parts) {
    if ('text' in p) out += p.text;
    else if (p.scheme === 'env') {
      const v = env[p.arg];
      if (v === undefined)
        throw new SecretError(`secret ${p.ref}: environment variable ${p.arg} is not set`, p.ref);
      out += v;
    } else if (p.scheme === 'pass') out += readPassEntry(p.ref, p.arg, env);
    else out += readSecretFile(p.ref, p.arg, env);
  }
  return new Secret(out);
}

function readSecretFile(ref: string, path: string, env: NodeJS.ProcessEnv): string {
  const full = path.startsWith('~/') ? `${env.HOME ?? homedir()}${path.slice(1)}` : path;
  let content: string;
  try {
    content = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new SecretError(`secret ${ref}: cannot read file (${code})`, ref);
  }
  return content.replace(/\r?\n$/, '');
}

/** How long `pass show` may take: gpg-agent may have to start; a pinentry prompt must not hang ronde. */
const PASS_TIMEOUT_MS = 30_000;

/**
 * Asks `pass` (and through it gpg and the user's agent) for one entry.
 * Errors name the entry and what failed (pass's or gpg's own words, which
 * never hold the content), never the content.
 */
function readPassEntry(ref: string, path: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync('pass', ['show', '--', path], {
    env,
    encoding: 'utf8',
    timeout: PASS_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024,
  });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT')
    throw new SecretError(`secret ${ref}: pass is not installed (apt-get install pass)`, ref);
  if (code === 'ETIMEDOUT' || r.signal)
    throw new SecretError(
      `secret ${ref}: pass show did not answer in ${PASS_TIMEOUT_MS / 1000} s (is gpg-agent waiting for a passphrase?)`,
      ref,
    );
  if (r.error) throw new SecretError(`secret ${ref}: cannot run pass (${code ?? r.error.message})`, ref);
  if (r.status !== 0)
    throw new SecretError(
      `secret ${ref}: pass show failed (exit ${r.status}): ${passProblem(r.stderr)}`,
      ref,
    );
  const nl = r.stdout.indexOf('\n');
  return (nl < 0 ? r.stdout : r.stdout.slice(0, nl)).replace(/\r$/, '');
}

/** The line of pass's or gpg's stderr that says what went wrong (never content: stdout is not read here). */
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
