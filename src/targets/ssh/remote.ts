import type { Client, ClientChannel } from 'ssh2';
import { shQuote } from '../../core/command.js';
import { TargetError } from '../../core/target.js';
import { STDERR_KEEP_CHARS } from '../script.js';

/**
 * Closing an SSH channel without a pty does not stop the remote command, and
 * OpenSSH's `signal` request only reaches the login shell. So the batch runs
 * in a session of its own, and a watcher ends that whole session (`timeout`
 * puts each command in its own process group, so a group kill would miss
 * them) as soon as our side of the channel goes away: EOF on stdin, a signal,
 * or the connection dropping.
 *
 * sshd already starts each channel's command as a session leader: when the
 * wrapper is one (read from /proc, no process started), the script runs in a
 * subshell of it; elsewhere `setsid` makes the session. Process starts are
 * what a round costs a host, so this saves two per host. `/bin/sh`
 * explicitly: the user's login shell may not be POSIX.
 */
export function remoteCommand(script: string): string {
  const wrapper = [
    `S=${shQuote(script)}`,
    'exec 3<&0',
    'o=',
    'if read -r st </proc/$$/stat 2>/dev/null; then set -- $st; if [ "$6" = "$$" ]; then o=1; fi; fi',
    'if [ -n "$o" ]; then ( eval "$S" ) </dev/null 3<&- & p=$!; s=$$',
    'elif command -v setsid >/dev/null 2>&1; then setsid /bin/sh -c "$S" </dev/null 3<&- & p=$!; s=$p',
    'else /bin/sh -c "$S" </dev/null 3<&- & p=$!; s=; fi',
    'x=',
    // The KILL that follows 3 s later ignores the TERM it comes after: it is in the session too.
    'stop() { if [ -n "$x" ]; then return; fi; x=1',
    '  if [ -n "$s" ] && command -v pkill >/dev/null 2>&1; then',
    `    ( trap '' TERM; sleep 3; pkill -KILL -s "$s" ) >/dev/null 2>&1 &`,
    '    pkill -TERM -s "$s"',
    '  else kill -TERM -"$p" "$p" 2>/dev/null; ( sleep 3; kill -KILL -"$p" ) >/dev/null 2>&1 & fi; }',
    "trap 'stop' TERM HUP INT",
    '{ while read -r _ <&3; do :; done; stop; } >/dev/null 2>&1 &',
    'w=$!',
    'wait "$p"; c=$?',
    'kill "$w" 2>/dev/null',
    'exit $c',
  ].join('\n');
  return `exec /bin/sh -c ${shQuote(wrapper)}`;
}

export interface ExecOutcome {
  output: string;
  /** Why the output may be incomplete (for the commands that did not finish). */
  why: string;
  exitCode: number | null;
  stderr: string;
}

/**
 * Opens one exec channel (or throws TargetError 'transport'): the caller holds a session slot.
 * sshd counts a session until it has finished closing it, a little after our side saw the
 * close: a channel opened right then is refused ("open failed") though we never exceed
 * MaxSessions. Such refusals are retried with a short backoff.
 */
export async function openExec(client: Client, command: string, attempts = 6): Promise<ClientChannel> {
  for (let i = 1; ; i++) {
    try {
      return await openOnce(client, command);
    } catch (err) {
      const refused = /open failed|CHANNEL_OPEN_FAILURE/i.test((err as Error).message);
      if (!refused || i >= attempts) {
        throw new TargetError(`cannot open an SSH session: ${(err as Error).message}`, 'transport');
      }
      await new Promise((r) => setTimeout(r, 25 * 2 ** i));
    }
  }
}

function openOnce(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * Collects the channel's output until it closes or the deadline passes; on
 * deadline or abort, signals the remote side (TERM, then EOF so the watcher
 * ends the batch's session) and closes. Always settles.
 */
export function collect(
  channel: ClientChannel,
  deadlineMs: number,
  signal?: AbortSignal,
): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let err = '';
    let why = 'the script ended early';
    let exitCode: number | null = null;
    let stopping = false;
    channel.on('data', (c: Buffer) => out.push(c));
    channel.stderr.on('data', (c: Buffer) => {
      if (err.length < STDERR_KEEP_CHARS) err += c.toString('utf8');
    });
    channel.on('exit', (code: number | null, sig?: string) => {
      exitCode = typeof code === 'number' ? code : null;
      if (sig) why = `the remote script was killed by SIG${sig}`;
    });
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      why = reason;
      try {
        channel.signal('TERM');
      } catch {}
      channel.end();
      // Give the watcher a moment to report, then close regardless.
      setTimeout(() => channel.close(), 2000).unref();
    };
    const timer = setTimeout(
      () => stop(`batch deadline of ${Math.round(deadlineMs / 1000)} s passed`),
      deadlineMs,
    );
    const onAbort = () => stop('interrupted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const hardStop = setTimeout(() => finish(), deadlineMs + 5000);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(hardStop);
      signal?.removeEventListener('abort', onAbort);
      if (!stopping && exitCode === null) why = 'the connection was lost during the batch';
      resolve({ output: Buffer.concat(out).toString('utf8'), why, exitCode, stderr: err });
    };
    channel.on('close', finish);
    channel.on('error', (e: Error) => {
      if (!stopping) why = `the SSH channel broke: ${e.message}`;
      finish();
    });
    if (signal?.aborted) onAbort();
  });
}
