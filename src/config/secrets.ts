import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { inspect } from 'node:util';

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

type Part = { text: string } | { ref: string; scheme: 'env' | 'file'; arg: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a string into literal text and references; throws a plain Error on bad syntax. */
function parse(value: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!value.startsWith('${', i)) {
      text += value[i];
      i++;
      continue;
    }
    const end = value.indexOf('}', i + 2);
    if (end < 0)
      throw new Error(`unterminated reference "${value.slice(i, i + 20)}" (write $\${ for a literal \${)`);
    const ref = value.slice(i, end + 1);
    const body = value.slice(i + 2, end);
    const colon = body.indexOf(':');
    const scheme = colon < 0 ? '' : body.slice(0, colon);
    const arg = colon < 0 ? '' : body.slice(colon + 1);
    if (scheme === 'env') {
      if (!ENV_NAME.test(arg)) throw new Error(`bad reference ${ref}: expected \${env:NAME}`);
    } else if (scheme === 'file') {
      if (arg === '') throw new Error(`bad reference ${ref}: expected \${file:/path}`);
    } else {
      throw new Error(
        `unknown reference ${ref}: expected \${env:NAME} or \${file:/path} (write $\${ for a literal \${)`,
      );
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ ref, scheme, arg });
    i = end + 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/** True when the string holds at least one `${env:…}` or `${file:…}` reference. */
export function hasSecretRef(s: string): boolean {
  try {
    return parse(s).some((p) => 'ref' in p);
  } catch {
    // A malformed reference is still meant as one: treat the string as sensitive.
    return true;
  }
}

/** The syntax problem of the references in `s`, or null. Used at load time, without resolving anything. */
export function secretRefProblem(s: string): string | null {
  try {
    parse(s);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Resolves every reference of `value` now (call it when the secret is needed,
 * not at load, so a rotated file or variable is picked up). `${file:…}` drops
 * one trailing newline, as `pass` and editors add one.
 */
export function resolveSecrets(value: string, env: NodeJS.ProcessEnv = process.env): Secret {
  let parts: Part[];
  try {
    parts = parse(value);
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
