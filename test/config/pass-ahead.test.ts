import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetPassEntries, readPassAhead, resolveSecrets, SecretError } from '../../src/config/secrets.js';

/*
 * How `ronde serve` reads `${pass:…}`: ahead, asynchronously. A fake `pass`
 * on the PATH stands for a gpg waiting on its agent or a pinentry: it says it
 * started, then waits until the test releases it (a file), so the test can
 * only release it if its own timers still fire while pass runs. Read
 * synchronously (spawnSync), the test would wait out the fake's own limit and
 * fail.
 */
const FAKE = `#!/bin/sh
# fake pass: show -- PATH
entry="$3"
dir="${'$'}{FAKE_PASS_DIR:?}"
echo "$$" > "$dir/$(echo "$entry" | tr / _).pid"
echo x >> "$dir/calls"
case "$entry" in
  slow/*)
    : > "$dir/started"
    i=0
    while [ ! -e "$dir/release" ]; do
      i=$((i+1)); [ $i -gt 400 ] && { echo "Error: never released" >&2; exit 1; }
      sleep 0.05
    done
    printf 'slow-value\\nsecond line\\n' ;;
  hang/*) sleep 60 ;;
  file/*) cat "$dir/value" ;;
  *) echo "Error: $entry is not in the password store." >&2; exit 1 ;;
esac
`;

describe('${pass:…} read ahead (ronde serve)', () => {
  let root: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ronde-fakepass-'));
    dir = join(root, 'state');
    mkdirSync(join(root, 'bin'));
    mkdirSync(dir);
    writeFileSync(join(root, 'bin', 'pass'), FAKE);
    chmodSync(join(root, 'bin', 'pass'), 0o755);
    env = { ...process.env, PATH: `${join(root, 'bin')}:${process.env.PATH}`, FAKE_PASS_DIR: dir };
  });
  afterEach(() => {
    vi.useRealTimers();
    forgetPassEntries();
    for (const f of ['started', 'release', 'calls']) rmSync(join(dir, f), { force: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const waitFile = async (f: string, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!existsSync(f)) {
      if (Date.now() > end) throw new Error(`${f} never appeared`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('keeps the event loop turning while pass is slow, then serves the value without asking again', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const reading = readPassAhead(['slow/db'], env);
      // Only a turning event loop gets here while pass still runs.
      await waitFile(join(dir, 'started'));
      const ticksWhilePassRuns = ticks;
      writeFileSync(join(dir, 'release'), '');
      await reading;
      expect(ticksWhilePassRuns).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
    expect(resolveSecrets('u:${pass:slow/db}', env).reveal()).toBe('u:slow-value');
    expect(resolveSecrets('${pass:slow/db}', env).reveal()).toBe('slow-value');
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe('x\n');
  });

  it('kills pass and the programs it started after the time limit, naming the entry', async () => {
    const t0 = Date.now();
    await readPassAhead(['hang/token'], env, 500);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(() => resolveSecrets('${pass:hang/token}', env)).toThrow(
      new SecretError(
        'secret ${pass:hang/token}: pass show did not answer in 0.5 s (is gpg-agent waiting for a passphrase?)',
        '${pass:hang/token}',
      ),
    );
    const pid = Number(readFileSync(join(dir, 'hang_token.pid'), 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const end = Date.now() + 10_000;
    while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(alive()).toBe(false);
  });

  it('keeps a failure with pass’s words and the entry, never blocking on an entry not read ahead', async () => {
    await readPassAhead(['infra/nope'], env);
    expect(() => resolveSecrets('${pass:infra/nope}', env)).toThrow(
      'secret ${pass:infra/nope}: pass show failed (exit 1): Error: infra/nope is not in the password store.',
    );
    // Not named by the configuration: read in the background, said meanwhile.
    writeFileSync(join(dir, 'value'), 'v1\n');
    expect(() => resolveSecrets('${pass:file/late}', env)).toThrow(/has not answered yet/);
    const end = Date.now() + 10_000;
    let got: string | undefined;
    while (got === undefined && Date.now() < end) {
      try {
        got = resolveSecrets('${pass:file/late}', env).reveal();
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(got).toBe('v1');
  });

  it('re-reads a value in the background once it is old, serving the old one meanwhile', async () => {
    writeFileSync(join(dir, 'value'), 'before\n');
    await readPassAhead(['file/rotated'], env);
    writeFileSync(join(dir, 'value'), 'after\n');
    expect(resolveSecrets('${pass:file/rotated}', env).reveal()).toBe('before');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 6 * 60_000 });
    // Old: this use starts the re-read and still gets the value it has.
    expect(resolveSecrets('${pass:file/rotated}', env).reveal()).toBe('before');
    const end = performance.now() + 10_000;
    while (resolveSecrets('${pass:file/rotated}', env).reveal() !== 'after' && performance.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    expect(resolveSecrets('${pass:file/rotated}', env).reveal()).toBe('after');
  });
});
