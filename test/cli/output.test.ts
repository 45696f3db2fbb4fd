import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ronde, tempDir } from './run-cli.js';

/** Runs the CLI with its stdout closed by the reader before it writes (as `| head -1` does). */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: tempDir('ronde-cwd-'),
      env: { PATH: process.env.PATH ?? '', HOME: tempDir(), XDG_DATA_HOME: tempDir(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed at once: Node takes far longer to start than this takes, so every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout (ronde routines | head -1)', () => {
  it.each([[['routines']], [['checks']], [['schema']], [['check']], [['--help']]])(
    '%j ends quietly with exit 0',
    async (args) => {
      const r = await withClosedStdout(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
    60_000,
  );
});

/** Every command path, read from the help itself (`hosts trust`, `docker prune`…). */
function commandPaths(path: string[] = []): string[][] {
  const help = ronde([...path, '--help']).stdout;
  // The section ends at its blank line: the examples after it are not commands.
  const section = (help.split(/\nCommands:\n/)[1] ?? '').split('\n\n')[0]!;
  const subs = [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  return [path, ...subs.flatMap((c) => commandPaths([...path, c]))];
}

describe('--help at 80 columns', () => {
  const paths = commandPaths();

  it('finds every command', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['check', 'history', 'hosts trust', 'routines show', 'docker prune', 'done']),
    );
  });

  it('wraps every line at words within 80 columns, paragraphs filled', () => {
    for (const path of paths) {
      const lines = ronde([...path, '--help']).stdout.split('\n');
      for (const line of lines) expect(line.length, `${path.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
      // The description: after "Usage:" and its blank line, up to the first section.
      const end = lines.findIndex((l, i) => i > 1 && /^(Arguments|Options|Commands):$/.test(l));
      const body = lines.slice(2, end);
      for (const [i, line] of body.entries()) {
        const next = body[i + 1];
        if (!line || !next || /^\s/.test(next) || /^\s/.test(line)) continue;
        // A line broken early leaves room for the next word: a sentence cut mid-way.
        const fits = line.length + 1 + next.split(' ')[0]!.length <= 80;
        expect(fits, `${path.join(' ')}: "${line}" / "${next}"`).toBe(false);
      }
    }
  }, 120_000);
});

describe('docker commands on a host without Docker', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  writeFileSync(
    config,
    `hosts: [{ name: box, local: true }]
checks:
  - { kind: docker.services, options: { docker: { socket: ${join(dir, 'no-docker.sock')} } } }
`,
  );

  it.each([['prune'], ['approve']])('docker %s says there is no engine, not a transport error', (cmd) => {
    const r = ronde(['docker', cmd, 'box', '--config', config], { XDG_DATA_HOME: join(dir, 'data') });
    expect(r.stderr).toBe(
      `ronde: box: no Docker engine here: no socket at ${join(dir, 'no-docker.sock')}. ` +
        'Is Docker installed on it? (Another socket: `docker: { socket: PATH }` in its docker.* check.)\n',
    );
    expect(r.code).toBe(1);
  });
});
