import { z } from 'zod';

/*
 * The syntax of secret references (`${env:NAME}`, `${file:/path}`,
 * `${pass:path/in/store}`, `$${` for a
 * literal `${`) and the zod schema of a string that may hold them. A leaf
 * module (zod only): the config, notifiers, release bot and check kinds all
 * validate references with it, at load time, without resolving anything.
 * Resolution (reading variables and files, asking `pass`) lives in config/secrets.ts.
 */

export type SecretPart = { text: string } | { ref: string; scheme: 'env' | 'file' | 'pass'; arg: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * An entry of a password store, as `pass show` takes it: relative, no option
 * look-alike (`-x`), no `..` escaping the store, no space or shell character.
 */
const PASS_PATH = /^[A-Za-z0-9_@+.][A-Za-z0-9_@+.=,-]*(\/[A-Za-z0-9_@+.][A-Za-z0-9_@+.=,-]*)*$/;

/** Whether `path` names a password-store entry ronde may ask `pass` for. */
export function isPassPath(path: string): boolean {
  return PASS_PATH.test(path) && !path.split('/').some((seg) => seg === '..' || seg === '.');
}

/** Splits a string into literal text and references; throws a plain Error on bad syntax. */
export function parseSecretRefs(value: string): SecretPart[] {
  const parts: SecretPart[] = [];
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
    } else if (scheme === 'pass') {
      if (!isPassPath(arg))
        throw new Error(
          `bad reference ${ref}: expected \${pass:path/in/store} (letters, digits, . _ - @ + / only)`,
        );
    } else {
      throw new Error(
        `unknown reference ${ref}: expected \${env:NAME}, \${file:/path} or \${pass:path} (write $\${ for a literal \${)`,
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

/** True when the string holds at least one `${env:…}`, `${file:…}` or `${pass:…}` reference. */
export function hasSecretRef(s: string): boolean {
  try {
    return parseSecretRefs(s).some((p) => 'ref' in p);
  } catch {
    // A malformed reference is still meant as one: treat the string as sensitive.
    return true;
  }
}

/** The syntax problem of the references in `s`, or null. Used at load time, without resolving anything. */
export function secretRefProblem(s: string): string | null {
  try {
    parseSecretRefs(s);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** A string that may hold `${env:…}`/`${file:…}`/`${pass:…}` references, checked for syntax but not resolved. */
export const secretString = z.string().superRefine((s, ctx) => {
  const problem = secretRefProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const HTTP_OR_REF = /^(https?:\/\/|\$\{(env|file|pass):)/;

/**
 * An http(s) URL, or a reference to one (`${env:HOOK}`): a credential, whose
 * scheme is checked again once resolved, at send time.
 */
export function secretHttpUrl(example: string) {
  return secretString.refine((s) => secretRefProblem(s) !== null || HTTP_OR_REF.test(s), {
    error: `expected an http:// or https:// URL, or a reference such as \${env:${example}}`,
  });
}
