import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english.js';
import { sayError } from '../core/said.js';
import { forgetPassEntries } from './pass.js';
import { resolveSecrets, SecretError } from './secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'ronde-pass-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => forgetPassEntries());

function thrown(f: () => unknown): SecretError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecretError) return e;
    throw e;
  }
  throw new Error('no SecretError');
}

/* Where people read it (a check's reason, the CLI), a pass problem is said in their language; `message` stays English. */
describe('pass problems in the team language', () => {
  it('pass not installed', () => {
    const e = thrown(() => resolveSecrets('${pass:infra/db}', { PATH: join(dir, 'no-bin') }));
    expect(e.message).toBe('secret ${pass:infra/db}: pass is not installed (apt-get install pass)');
    const fr = sayError('fr', e);
    expect(fr).toBe('secret ${pass:infra/db} : pass n’est pas installé (apt-get install pass)');
    expect(englishWords(fr)).toEqual([]);
  });

  it("an entry not in the store: pass's own line (captured from pass 1.7.4) kept as it came", () => {
    const bin = join(dir, 'bin');
    rmSync(bin, { recursive: true, force: true });
    const script = join(dir, 'fake-pass');
    writeFileSync(script, '#!/bin/sh\necho "Error: infra/nope is not in the password store." >&2\nexit 1\n');
    chmodSync(script, 0o755);
    mkdirSync(bin);
    symlinkSync(script, join(bin, 'pass'));
    const e = thrown(() => resolveSecrets('${pass:infra/nope}', { PATH: bin }));
    const raw = 'Error: infra/nope is not in the password store.';
    expect(e.message).toBe(`secret \${pass:infra/nope}: pass show failed (exit 1): ${raw}`);
    const fr = sayError('fr', e);
    expect(fr).toBe(`secret \${pass:infra/nope} : \`pass show\` a échoué (code de sortie 1) : ${raw}`);
    expect(englishWords(fr, { raw: [raw] })).toEqual([]);
  });
});
