import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../cli/run-cli.js';
import { startServe, waitFor } from './serve-helpers.js';

/*
 * `ronde serve` never waits on gpg in its event loop: while a reload's
 * `pass show` hangs (a fake pass standing for a pinentry), /healthz answers
 * and rounds go on. The fake waits for a file the test writes only after it
 * has seen both, so nothing races a sleep.
 */
const FAKE = `#!/bin/sh
dir="${'$'}{FAKE_PASS_DIR:?}"
if [ -e "$dir/block" ]; then
  : > "$dir/started"
  i=0
  while [ ! -e "$dir/release" ]; do
    i=$((i+1)); [ $i -gt 1200 ] && { echo "Error: never released" >&2; exit 1; }
    sleep 0.05
  done
fi
echo "Bearer hook-token"
`;

describe('ronde serve and ${pass:…}', () => {
  it('answers /healthz and runs rounds while a reload waits on pass', async () => {
    const dir = tempDir('ronde-pass-serve-');
    const state = join(dir, 'state');
    mkdirSync(join(dir, 'bin'));
    mkdirSync(state);
    writeFileSync(join(dir, 'bin', 'pass'), FAKE);
    chmodSync(join(dir, 'bin', 'pass'), 0o755);
    const file = join(dir, 'ronde.yaml');
    writeFileSync(
      file,
      [
        `database: { path: ${join(dir, 'ronde.db')} }`,
        'hosts: [ { name: self, local: true } ]',
        'checks: [ { name: disk, kind: system.disk, on: self, interval: 1s } ]',
        'notifiers:',
        "  - { name: hook, type: webhook, url: 'http://127.0.73.1:9/hook', headers: { Authorization: '${pass:ronde/hook}' } }",
        '',
      ].join('\n'),
    );
    const serve = startServe(['--config', file, '--listen', '127.0.73.1:0'], {
      HOME: dir,
      XDG_DATA_HOME: join(dir, 'data'),
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      FAKE_PASS_DIR: state,
    });
    const rounds = () => serve.lines().filter((l) => l.msg === 'round saved').length;
    try {
      await waitFor(() => serve.logs().includes('"listening"'), 30_000, serve.logs);
      const listen = String(serve.lines().find((l) => l.msg === 'listening')?.listen);
      writeFileSync(join(state, 'block'), '');
      serve.child.kill('SIGHUP');
      await waitFor(() => existsSync(join(state, 'started')), 30_000, serve.logs);
      // pass is hanging now: the daemon must still answer and go on.
      const res = await fetch(`http://${listen}/healthz`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(200);
      const before = rounds();
      await waitFor(() => rounds() >= before + 2, 30_000, serve.logs);
      expect(existsSync(join(state, 'release'))).toBe(false);
      expect(serve.logs()).not.toContain('configuration reloaded');
      writeFileSync(join(state, 'release'), '');
      await waitFor(() => serve.logs().includes('"configuration reloaded"'), 30_000, serve.logs);
      expect(serve.logs()).not.toContain('hook-token');
    } finally {
      const { code } = await serve.stop();
      expect(code).toBe(0);
    }
  }, 90_000);
});
