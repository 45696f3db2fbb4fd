import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecrets, SecretError, secretRefProblem } from '../../src/config/secrets.js';
import { makePassStore, type PassStore } from '../lab/pass-store.js';

// ${pass:path} against a real password store and gpg keys made here (no passphrase).
const VALUE = 'S3cret-from-pass!';

describe('${pass:…} secret references', () => {
  let store: PassStore;
  beforeAll(() => {
    store = makePassStore();
    store.init([store.addKey('Alice Admin', 'alice@lab.test')]);
    store.insert('infra/db', `${VALUE}\nuser: ronde\nurl: postgres://127.0.0.1/ronde\n`);
    store.insert('infra/token', 'tok-123');
  });
  afterAll(() => store?.stop());

  it('resolves to the first line of the entry, inside a string too', () => {
    expect(resolveSecrets('${pass:infra/db}', store.env).reveal()).toBe(VALUE);
    expect(
      resolveSecrets(
        'postgres://ronde:${pass:infra/db}@127.0.0.1/r?t=${pass:infra/token}',
        store.env,
      ).reveal(),
    ).toBe(`postgres://ronde:${VALUE}@127.0.0.1/r?t=tok-123`);
  });

  it('never shows the value once resolved', () => {
    const s = resolveSecrets('${pass:infra/db}', store.env);
    expect(JSON.stringify({ s })).toBe('{"s":"***"}');
    expect(inspect({ s })).not.toContain(VALUE);
    expect(`${s}`).toBe('***');
  });

  it('names a missing entry, never a value', () => {
    expect(() => resolveSecrets('${pass:infra/nope}', store.env)).toThrow(SecretError);
    expect(() => resolveSecrets('${pass:infra/nope}', store.env)).toThrow(
      /^secret \$\{pass:infra\/nope\}: pass show failed \(exit 1\): Error: infra\/nope is not in the password store\.$/,
    );
  });

  it('says gpg could not decrypt when the secret key is not there, without the content', () => {
    // Another user's keyring: the public key of nobody, no secret key.
    const other = makePassStore();
    try {
      const env = { ...store.env, GNUPGHOME: other.gnupgHome };
      let err: Error | undefined;
      try {
        resolveSecrets('${pass:infra/db}', env);
      } catch (e) {
        err = e as Error;
      }
      expect(err).toBeInstanceOf(SecretError);
      expect(err?.message).toMatch(
        /^secret \$\{pass:infra\/db\}: pass show failed \(exit 2\): gpg: decryption failed/,
      );
      expect(err?.message).not.toContain(VALUE);
      expect((err as SecretError).reference).toBe('${pass:infra/db}');
    } finally {
      other.stop();
    }
  });

  it('says pass is missing when it is not on the PATH', () => {
    expect(() =>
      resolveSecrets('${pass:infra/db}', { ...store.env, PATH: join(store.dir, 'no-bin') }),
    ).toThrow('secret ${pass:infra/db}: pass is not installed (apt-get install pass)');
  });

  it('refuses paths that would escape the store or look like options, at load', () => {
    expect(secretRefProblem('${pass:../etc/shadow}')).toMatch(/bad reference/);
    expect(secretRefProblem('${pass:-c}')).toMatch(/bad reference/);
    expect(secretRefProblem('${pass:a b}')).toMatch(/bad reference/);
    expect(secretRefProblem('${pass:}')).toMatch(/bad reference/);
    expect(secretRefProblem('${pass:infra/db.example-1@x}')).toBeNull();
  });

  it('reads the store as it is now: a changed entry gives the new value', () => {
    store.insert('infra/token', 'tok-456');
    expect(resolveSecrets('${pass:infra/token}', store.env).reveal()).toBe('tok-456');
    rmSync(join(store.dir, 'infra', 'token.gpg'));
    expect(() => resolveSecrets('${pass:infra/token}', store.env)).toThrow(/not in the password store/);
  });
});
