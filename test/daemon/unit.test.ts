import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../cli/run-cli.js';

const unit = readFileSync(join(import.meta.dirname, '../../deploy/ronde.service'), 'utf8');

describe('deploy/ronde.service', () => {
  it('passes systemd-analyze verify (with ExecStart pointed at this build)', () => {
    const which = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' });
    if (which.status !== 0) throw new Error('systemd-analyze missing: apt-get install -y systemd');
    const dir = tempDir();
    const file = join(dir, 'ronde.service');
    writeFileSync(file, unit.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath} ${CLI}`));
    // verify exits non-zero and prints on any problem in the unit
    const out = execFileSync('systemd-analyze', ['verify', file], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe('');
  });

  it('gives ronde the 10 s it needs to stop and the shared state directory', () => {
    expect(unit).toMatch(/^TimeoutStopSec=1[0-9]$/m);
    // systemctl reload: SIGHUP re-reads the configuration (ronde serve handles it, see lifecycle.test.ts).
    expect(unit).toMatch(/^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
    expect(unit).toMatch(/^StateDirectory=ronde$/m);
    expect(unit).toMatch(/^ExecStart=\S+ronde serve --config \/etc\/ronde\/ronde\.yaml$/m);
  });
});
