import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { inspect } from 'node:util';
import { attachSaid, englishOf, type Said, said, saidIn } from '../core/said.js';
import { parseSecretRefs, type SecretPart } from '../core/secret-ref.js';
import { passEntry } from './pass.js';

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
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    readonly reference: string,
  ) {
    super(englishOf(message));
    this.name = 'SecretError';
    attachSaid(this, message);
  }
}

export { hasSecretRef, secretRefProblem } from '../core/secret-ref.js';

/**
 * Resolves every reference of `value` now (call it when the secret is needed,
 * not at load, so a rotated file or variable is picked up). `${file:…}` drops
 * one trailing newline, as `pass` and editors add one. `${pass:path}` is the
 * first line of `pass show path` (pass's own convention for the password),
 * decrypted by the running user's gpg agent: read now in a command that runs
 * once, read ahead (and refreshed in the background) by `ronde serve`, whose
 * event loop must never wait on gpg (config/pass.ts).
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
        throw new SecretError(said('config.secret.envUnset', { ref: p.ref, name: p.arg }), p.ref);
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
    throw new SecretError(said('config.secret.cannotReadFile', { ref, code }), ref);
  }
  return content.replace(/\r?\n$/, '');
}

/** `${pass:…}`: read ahead by the daemon, or now (config/pass.ts). Errors name the entry, never content. */
function readPassEntry(ref: string, path: string, env: NodeJS.ProcessEnv): string {
  const r = passEntry(path, env);
  if ('problem' in r)
    throw new SecretError(
      saidIn('config.secret.pass', (lang) => [{ ref, problem: r.problem.say(lang) }]),
      ref,
    );
  return r.value;
}

/**
 * The password-store paths of every `${pass:…}` reference in a value (the
 * whole configuration, say), for `readPassAhead`. Malformed strings are the
 * loader's business: skipped here.
 */
export function passPathsIn(
  value: unknown,
  out: Set<string> = new Set(),
  seen = new WeakSet<object>(),
): Set<string> {
  if (typeof value === 'string') {
    if (!value.includes('${pass:')) return out;
    try {
      for (const p of parseSecretRefs(value)) if ('ref' in p && p.scheme === 'pass') out.add(p.arg);
    } catch {
      // refused at load with its file:line:col
    }
    return out;
  }
  if (!value || typeof value !== 'object' || value instanceof Secret || seen.has(value)) return out;
  seen.add(value);
  const values = Array.isArray(value) || value instanceof Map ? value.values() : Object.values(value);
  for (const v of values) passPathsIn(v, out, seen);
  return out;
}

export { forgetPassEntries, PASS_TIMEOUT_MS, readPassAhead } from './pass.js';
