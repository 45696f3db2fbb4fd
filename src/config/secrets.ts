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
 * one trailing newline, as `pass` and editors add one.
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
    } else out += readSecretFile(p.ref, p.arg, env);
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
