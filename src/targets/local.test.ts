import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LocalTarget } from './local.js';

describe('LocalTarget', () => {
  const t = new LocalTarget('here');

  it('runs a batch with exit codes, stdout and stderr apart, in a C locale', async () => {
    const [a, b, c, d] = await t.runBatch([
      { argv: ['sh', '-c', 'printf "%s" "$LC_ALL"'] },
      { argv: ['sh', '-c', 'echo oops >&2; printf "no newline"; exit 3'] },
      { argv: ['ronde-no-such-command'] },
      { argv: ['printf', '%s', "it's $HOME"] },
    ]);
    expect(a).toMatchObject({ exitCode: 0, stdout: 'C' });
    expect(b).toMatchObject({ exitCode: 3, stdout: 'no newline', stderr: 'oops\n' });
    expect(c?.exitCode).toBe(127);
    expect(d?.stdout).toBe("it's $HOME");
  });

  it('ends a command that never finishes, on the machine too', async () => {
    const marker = `ronde-test-${process.pid}-${Date.now()}`;
    const t0 = Date.now();
    const [r, next] = await t.runBatch([
      { argv: ['bash', '-c', `exec -a ${marker} sleep 600`], timeoutSec: 1 },
      { argv: ['echo', 'after'] },
    ]);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r?.timedOut).toBe(true);
    expect(next?.stdout).toBe('after\n');
    expect(pgrep(marker)).toBe('');
  });

  it('stops the batch when interrupted and reports what did not complete', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const [first, second] = await t.runBatch([{ argv: ['echo', 'done'] }, { argv: ['sleep', '30'] }], {
      signal: ac.signal,
    });
    expect(first?.exitCode).toBe(0);
    expect(second).toMatchObject({ exitCode: null, error: 'did not complete: interrupted' });
  });
});

function pgrep(pattern: string): string {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
