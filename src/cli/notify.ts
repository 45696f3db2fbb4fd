import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Command } from 'commander';
import { sayError } from '../core/said.js';
import { didYouMean } from '../core/suggest.js';
import { dateTime, type Lang, t } from '../i18n/index.js';
import { type Message, type Notifier, NotifyError } from '../notify/index.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';

export interface NotifyDeps {
  loadNotifiers(): Promise<Map<string, Notifier>>;
  /** The configured zone of the date in the test message (default the system's). */
  timeZone?(): string;
  /** Where to write (default: process stdout/stderr). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** The message `ronde notify test` sends: a fresh key each time, so it is never dropped as a repeat. */
export function testMessage(name: string, now = new Date(), lang: Lang = 'en', timeZone = 'UTC'): Message {
  return {
    key: `test-${randomUUID()}`,
    event: 'test',
    severity: 'info',
    title: t(lang, 'test.title'),
    text: t(lang, 'test.text', {
      command: `\`ronde notify test ${name}\``,
      host: hostname(),
      at: dateTime(now, timeZone),
    }),
  };
}

/** `ronde notify test NAME`: exit 0 when the receiver accepted the message, 1 with its answer when not. */
export function notifyCommand(deps: NotifyDeps): Command {
  const out = deps.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  const err = deps.err ?? ((s: string) => process.stderr.write(`${s}\n`));
  const notify = new Command('notify')
    .summary(say('cli.notify.help.summary'))
    .description(say('cli.notify.help.description'));
  notify
    .command('test')
    .argument('<name>', say('cli.notify.help.name'))
    .summary(say('cli.notify.help.test.summary'))
    .description(say('cli.notify.help.test.description'))
    .action(async (name: string) => {
      const notifiers = await deps.loadNotifiers();
      const notifier = notifiers.get(name);
      if (!notifier) {
        const known = [...notifiers.keys()];
        throw new CliError(
          say('cli.notify.unknown', {
            name,
            hint: didYouMean(name, known, cliLang()),
            known: known.join(', '),
          }),
          EX_USAGE,
        );
      }
      try {
        const zone = deps.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        await notifier.send(testMessage(name, new Date(), cliLang(), zone), {
          signal: AbortSignal.timeout(60_000),
        });
        out(say('cli.notify.ok', { type: notifier.type, name }));
        process.exitCode = 0;
      } catch (e) {
        // NotifyError messages never hold the URL or a password; anything else is shown by class only.
        const why =
          e instanceof NotifyError ? sayError(cliLang(), e) : `unexpected ${(e as Error).name ?? 'error'}`;
        const advice =
          e instanceof NotifyError
            ? e.permanent
              ? say('cli.notify.permanent')
              : say('cli.notify.later', {
                  retryAfter: e.retryAfterSec === undefined ? '' : String(e.retryAfterSec),
                })
            : '';
        err(`${say('cli.notify.failed', { why })}${advice ? `\n  ${advice}` : ''}`);
        process.exitCode = 1;
      }
    });
  return notify;
}
