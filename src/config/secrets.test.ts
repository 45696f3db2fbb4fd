import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasSecretRef, resolveSecrets, SecretError, secretRefProblem } from './secrets.js';

const VALUE = 'hunter2-Sup3rS3cret';
const env = { PGPASS: VALUE, EMPTY: '' };

describe('resolveSecrets', () => {
  it('resolves an env reference inside a string', () => {
    const s = resolveSecrets('postgres://ronde:${env:PGPASS}@db/ronde', env);
    expect(s.reveal()).toBe(`postgres://ronde:${VALUE}@db/ronde`);
  });

  it('resolves a standalone file reference and trims one trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronde-secret-'));
    const file = join(dir, 'token');
    writeFileSync(file, `${VALUE}\n\n`);
    expect(resolveSecrets(`\${file:${file}}`, env).reveal()).toBe(`${VALUE}\n`);
    writeFileSync(file, `${VALUE}\r\n`);
    expect(resolveSecrets(`\${file:${file}}`, env).reveal()).toBe(VALUE);
  });

  it('keeps $${ as a literal ${', () => {
    expect(resolveSecrets('a$${env:PGPASS}b', env).reveal()).toBe('a${env:PGPASS}b');
    expect(hasSecretRef('a$${env:PGPASS}b')).toBe(false);
  });

  it('accepts an empty variable that is set', () => {
    expect(resolveSecrets('${env:EMPTY}', env).reveal()).toBe('');
  });

  it('names the missing variable, not a value', () => {
    expect(() => resolveSecrets('x${env:NOPE}', env)).toThrow(
      new SecretError('secret ${env:NOPE}: environment variable NOPE is not set', '${env:NOPE}'),
    );
  });

  it('names the unreadable file', () => {
    expect(() => resolveSecrets('${file:/nonexistent/ronde/x}', env)).toThrow(
      'secret ${file:/nonexistent/ronde/x}: cannot read file (ENOENT)',
    );
  });

  it('refuses unknown schemes and unterminated references', () => {
    expect(secretRefProblem('${vault:x}')).toMatch(/unknown reference \$\{vault:x\}/);
    expect(secretRefProblem('abc${env:X')).toMatch(/unterminated/);
    expect(secretRefProblem('${env:1X}')).toMatch(/bad reference/);
    expect(secretRefProblem('plain ${env:X} and $${literal}')).toBeNull();
  });

  it('detects references', () => {
    expect(hasSecretRef('${env:X}')).toBe(true);
    expect(hasSecretRef('a ${file:/x} b')).toBe(true);
    expect(hasSecretRef('no refs $HOME {x}')).toBe(false);
  });
});

describe('a resolved secret never shows', () => {
  const secret = resolveSecrets('pre-${env:PGPASS}-post', env);

  it('in JSON', () => {
    expect(JSON.stringify({ url: secret, list: [secret] })).not.toContain(VALUE);
    expect(JSON.stringify({ url: secret })).toBe('{"url":"***"}');
  });

  it('in util.inspect and console formatting', () => {
    expect(inspect(secret)).toBe('***');
    expect(inspect({ deep: { secret } }, { depth: 10, showHidden: true })).not.toContain(VALUE);
  });

  it('in template strings and concatenation', () => {
    expect(`${secret}`).toBe('***');
    expect(String(secret)).toBe('***');
    expect('x' + secret).toBe('x***');
  });

  it('in error messages', () => {
    const err = new Error(`connect failed for ${secret}`, { cause: secret });
    expect(err.message).not.toContain(VALUE);
    expect(inspect(err)).not.toContain(VALUE);
  });

  it('but reveal() gives it', () => {
    expect(secret.reveal()).toBe(`pre-${VALUE}-post`);
  });
});
