import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { remoteCommand } from './remote.js';
import { applyHostDefaults, explainSudo } from './target.js';

describe('host-wide sudo and time limit', () => {
  it('applies to commands that do not say otherwise', () => {
    const host = { sudo: true, commandTimeoutSec: 7 };
    expect(applyHostDefaults({ argv: ['x'] }, host)).toEqual({ argv: ['x'], sudo: true, timeoutSec: 7 });
    expect(applyHostDefaults({ argv: ['x'], sudo: false, timeoutSec: 2 }, host)).toEqual({
      argv: ['x'],
      sudo: false,
      timeoutSec: 2,
    });
  });

  it('a sudo password prompt becomes an error (the command never ran), not exit 1', () => {
    const r = {
      argv: ['apt'],
      exitCode: 1,
      stdout: '',
      stderr: 'sudo: a password is required\n',
      timedOut: false,
      durationMs: 1,
    };
    expect(explainSudo(r, { argv: ['apt'], sudo: true }).error).toMatch(/sudo needs a password/);
    expect(explainSudo(r, { argv: ['apt'] }).error).toBeUndefined();
    expect(explainSudo({ ...r, stderr: 'E: broken' }, { argv: ['apt'], sudo: true }).error).toBeUndefined();
  });
});

describe('remote wrapper', () => {
  it('passes the script through /bin/sh intact and returns its exit status', () => {
    const script = `printf '%s\\n' "it's" '$HOME' '\`x\`'\nexit 4\n`;
    // stdin kept open (our side of the channel still there), else the watcher ends the script.
    const open = spawnSync('/bin/bash', ['-c', `sleep 1 | (${remoteCommand(script)})`], { encoding: 'utf8' });
    expect(open.stdout).toBe("it's\n$HOME\n`x`\n");
    expect(open.status).toBe(4);
  });
});
