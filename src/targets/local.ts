import { spawn } from 'node:child_process';
import type { CommandResult, CommandSpec } from '../core/command.js';
import type { BatchOptions, Target } from '../core/target.js';
import { TargetError } from '../core/target.js';
import { batchDeadlineSec, buildBatch, parseBatchOutput, STDERR_KEEP_CHARS } from './script.js';

/** The machine ronde runs on: the same batch script as over SSH, run by `sh -c`. */
export class LocalTarget implements Target {
  readonly transport = 'local' as const;

  constructor(readonly name: string) {}

  async runBatch(commands: readonly CommandSpec[], options: BatchOptions = {}): Promise<CommandResult[]> {
    if (commands.length === 0) return [];
    const batch = buildBatch(commands);
    const started = Date.now();
    const { output, why, stderr } = await runScript(
      batch.script,
      batchDeadlineSec(commands) * 1000,
      options.signal,
    );
    return parseBatchOutput(batch, output, Date.now() - started, why, stderr);
  }

  async close(): Promise<void> {}
}

function runScript(
  script: string,
  deadlineMs: number,
  signal?: AbortSignal,
): Promise<{ output: string; why: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new TargetError('interrupted before start', 'interrupted'));
      return;
    }
    // Own process group, so that an interruption ends every command of the batch.
    const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errChunks: Buffer[] = [];
    let errBytes = 0;
    let why = 'the script ended early';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (errBytes < STDERR_KEEP_CHARS) errChunks.push(c);
      errBytes += c.length;
    });
    const kill = (reason: string) => {
      why = reason;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }, 2000).unref();
      } catch {}
    };
    const timer = setTimeout(
      () => kill(`batch deadline of ${Math.round(deadlineMs / 1000)} s passed`),
      deadlineMs,
    );
    const onAbort = () => kill('interrupted');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new TargetError(`cannot start /bin/sh: ${err.message}`, 'transport'));
    });
    child.on('close', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({
        output: Buffer.concat(chunks).toString('utf8'),
        why,
        stderr: Buffer.concat(errChunks).toString('utf8'),
      });
    });
  });
}
