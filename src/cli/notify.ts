import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Command } from 'commander';
import { didYouMean } from '../core/suggest.js';
import { type Message, type Notifier, NotifyError } from '../notify/index.js';
import { CliError, EX_USAGE } from './errors.js';

export interface NotifyDeps {
  loadNotifiers(): Promise<Map<string, Notifier>>;
  /** Where to write (default: process stdout/stderr). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** The message `ronde notify test` sends: a fresh key each time, so it is never dropped as a repeat. */
export function testMessage(name: string, now = new Date()): Message {
  return {
    key: `test-${randomUUID()}`,
    event: 'test',
    severity: 'info',
    title: 'ronde test message',
    text:
      `This is a test sent by \`ronde notify test ${name}\` on ${hostname()} at ${now.toISOString()}.\n` +
      'If you read this, notifications through this channel work.',
  };
}

/** `ronde notify test NAME`: exit 0 when the receiver accepted the message, 1 with its answer when not. */
export function notifyCommand(deps: NotifyDeps): Command {
  const out = deps.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  const err = deps.err ?? ((s: string) => process.stderr.write(`${s}\n`));
  const notify = new Command('notify').summary('notification channels').description('Notification channels.');
  notify
    .command('test')
    .argument('<name>', 'notifier name, from `notifiers:` in ronde.yaml')
    .summary('send a test message through a notifier')
    .description('Sends a test message through one notifier and says whether the receiver accepted it.')
    .action(async (name: string) => {
      const notifiers = await deps.loadNotifiers();
      const notifier = notifiers.get(name);
      if (!notifier) {
        const known = [...notifiers.keys()];
        throw new CliError(
          `no notifier named "${name}"${didYouMean(name, known) || ';'} ${known.length ? `configured: ${known.join(', ')}` : 'none is configured (`notifiers:` in ronde.yaml)'}`,
          EX_USAGE,
        );
      }
      try {
        await notifier.send(testMessage(name), { signal: AbortSignal.timeout(60_000) });
        out(`ok: ${notifier.type} "${name}" accepted the test message`);
        process.exitCode = 0;
      } catch (e) {
        // NotifyError messages never hold the URL or a password; anything else is shown by class only.
        const why = e instanceof NotifyError ? e.message : `unexpected ${(e as Error).name ?? 'error'}`;
        const advice =
          e instanceof NotifyError
            ? e.permanent
              ? 'this will not pass by retrying: check the notifier settings'
              : `this may pass later${e.retryAfterSec === undefined ? '' : ` (retry after ${e.retryAfterSec} s)`}`
            : '';
        err(`failed: ${why}${advice ? `\n  ${advice}` : ''}`);
        process.exitCode = 1;
      }
    });
  return notify;
}
