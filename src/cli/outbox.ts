import { userInfo } from 'node:os';
import { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { t } from '../i18n/index.js';
import {
  type ActionOutcome,
  type Actor,
  dropMessages,
  listOutbox,
  type OutboxEntry,
  outboxActions,
  retryMessages,
} from '../notify/outbox-admin.js';
import { boardTimeZone } from '../routines/board.js';
import type { Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { localDateTime } from './routines.js';

export const OUTBOX_OUTPUT_VERSION = 1;

export interface OutboxDeps {
  context(): Promise<{ config: Config; openStore(): Promise<Store> }>;
  now?(): Date;
  write?(text: string): void;
  env?: NodeJS.ProcessEnv;
}

/* The user-facing text of this command, in one place (for the catalogues of issue 16 part 5). */
/** The command's sentences, in the CLI's language (src/i18n). */
function text() {
  const lang = cliLang();
  return {
    empty: `${t(lang, 'cli.outbox.empty')}\n`,
    times: (tz: string) => t(lang, 'cli.outbox.times', { tz }),
    lastError: (e: string) => `    ${t(lang, 'cli.outbox.lastError', { error: e })}`,
    nextTry: (at: string) => `    ${t(lang, 'cli.outbox.nextTry', { at })}`,
    hint: t(lang, 'cli.outbox.hint'),
    retried: (id: number, before: string) => t(lang, 'cli.outbox.retried', { id, before: stateName(before) }),
    dropped: (id: number) => t(lang, 'cli.outbox.dropped', { id }),
    refused: (id: number, why: string) => t(lang, 'cli.outbox.refused', { id, why }),
    daemonSends: t(lang, 'cli.outbox.daemonSends'),
    noneFailed: `${t(lang, 'cli.outbox.noneFailed')}\n`,
    idsOrAll: t(lang, 'cli.outbox.idsOrAll'),
    badId: (s: string) => t(lang, 'cli.outbox.badId', { s }),
    noActions: `${t(lang, 'cli.outbox.noActions')}\n`,
  };
}

export function outboxCommand(deps: OutboxDeps): Command {
  const cmd = new Command('outbox')
    .summary(say('cli.outbox.help.summary'))
    .description(say('cli.outbox.help.description'))
    .option('--all', say('cli.outbox.help.all'), false)
    .option('--json', say('cli.outbox.help.json'), false)
    .addHelpText('after', say('cli.outbox.help.examples'))
    .action(async (opts: { all: boolean; json: boolean }) => {
      await withStore(deps, async (store, tz) => {
        const entries = await listOutbox(store, { all: opts.all });
        if (opts.json) {
          write(
            deps,
            `${JSON.stringify({ version: OUTBOX_OUTPUT_VERSION, messages: entries.map(entryJson) }, null, 2)}\n`,
          );
          return;
        }
        write(deps, entries.length === 0 ? text().empty : renderOutbox(entries, tz, now(deps)));
      });
    });
  cmd
    .command('retry')
    .summary(say('cli.outbox.help.retry.summary'))
    .description(say('cli.outbox.help.retry.description'))
    .argument('[ids...]', say('cli.outbox.help.ids'))
    .option('--all', say('cli.outbox.help.retry.all'), false)
    .option('--by <name>', say('cli.outbox.help.by'))
    .action(async (ids: string[], own: { all: boolean; by?: string }, self: Command) => {
      // `outbox retry --all`: commander hands --all to `outbox`, which has one too; both mean it here.
      const opts = { ...own, all: own.all || Boolean(self.parent?.opts<{ all?: boolean }>().all) };
      // The configuration first: its language is the one of the usage errors below.
      await deps.context();
      if (!opts.all && ids.length === 0) throw new CliError(text().idsOrAll, EX_USAGE);
      if (opts.all && ids.length > 0) throw new CliError(t(cliLang(), 'cli.outbox.notBoth'), EX_USAGE);
      const parsed = opts.all ? 'all-failed' : parseIds(ids);
      await withStore(deps, async (store) => {
        const out = await retryMessages(store, parsed, actor(deps, opts.by), now(deps));
        if (out.length === 0) write(deps, text().noneFailed);
        else report(deps, out, 'retry', (o) => text().retried(o.id, o.stateBefore), text().daemonSends);
      });
    });
  cmd
    .command('drop')
    .summary(say('cli.outbox.help.drop.summary'))
    .description(say('cli.outbox.help.drop.description'))
    .argument('<ids...>', say('cli.outbox.help.ids'))
    .requiredOption('--reason <text>', say('cli.outbox.help.drop.reason'))
    .option('--by <name>', say('cli.outbox.help.by'))
    .action(async (ids: string[], opts: { reason: string; by?: string }) => {
      await deps.context();
      if (opts.reason.trim() === '') throw new CliError(t(cliLang(), 'cli.outbox.reason'), EX_USAGE);
      const parsed = parseIds(ids);
      await withStore(deps, async (store) => {
        const out = await dropMessages(store, parsed, actor(deps, opts.by), opts.reason.trim(), now(deps));
        report(deps, out, 'drop', (o) => text().dropped(o.id));
      });
    });
  cmd
    .command('log')
    .summary(say('cli.outbox.help.log.summary'))
    .argument('[id]', say('cli.outbox.help.log.id'))
    .action(async (id: string | undefined) => {
      await deps.context();
      const one = id === undefined ? undefined : parseIds([id])[0];
      await withStore(deps, async (store, tz) => {
        const actions = await outboxActions(store, one);
        if (actions.length === 0) return write(deps, text().noActions);
        const lines = actions.map(
          (a) =>
            `${localDateTime(a.at, tz)}  #${a.outboxId}  ${say('cli.outbox.logLine', { action: actionName(a.action), by: a.by, osUser: a.osUser, before: stateName(a.stateBefore) })}` +
            `${a.reason ? ` — ${a.reason}` : ''}${a.lastError ? `\n    ${say('cli.outbox.lastErrorThen', { error: a.lastError })}` : ''}`,
        );
        write(deps, `${text().times(tz)}\n${lines.join('\n')}\n`);
      });
    });
  return cmd;
}

const STATES = ['pending', 'sending', 'sent', 'failed', 'dropped', 'suppressed'] as const;
const FAILURES = ['permanent', 'secret', 'exhausted'] as const;
const ACTIONS = ['retry', 'requeue', 'drop'] as const;
const known = <T extends string>(list: readonly T[], s: string): s is T =>
  (list as readonly string[]).includes(s);

/** A state in the CLI's language; one the catalogue does not know (a newer ronde's) as stored. */
function stateName(s: string): string {
  return known(STATES, s) ? say(`cli.outbox.state.${s}`) : s;
}

function failureName(s: string): string {
  return known(FAILURES, s) ? say(`cli.outbox.failure.${s}`) : s;
}

function actionName(s: string): string {
  return known(ACTIONS, s) ? say(`cli.outbox.action.${s}`) : s;
}

/** One line per message, its error beneath: what a person needs to decide retry or drop. */
export function renderOutbox(entries: readonly OutboxEntry[], tz: string, now: Date): string {
  const header = say('cli.outbox.head').split('\t');
  const rows = entries.map((e) => [
    `#${e.id}`,
    e.state === 'failed' && e.failure
      ? say('cli.outbox.failedWhy', { failure: failureName(e.failure) })
      : stateName(e.state),
    e.notifier,
    e.event,
    String(e.attempts),
    localDateTime(e.createdAt, tz),
    e.title,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [text().times(tz), line(header)];
  for (const [i, e] of entries.entries()) {
    out.push(line(rows[i]!));
    if (e.lastError && e.state !== 'sent') out.push(text().lastError(e.lastError));
    if (e.state === 'pending' && e.nextAttemptAt > now)
      out.push(text().nextTry(localDateTime(e.nextAttemptAt, tz)));
  }
  if (entries.some((e) => e.state === 'failed' || e.state === 'pending')) out.push('', text().hint);
  return `${out.join('\n')}\n`;
}

function entryJson(e: OutboxEntry) {
  return {
    id: e.id,
    key: e.key,
    notifier: e.notifier,
    event: e.event,
    title: e.title,
    state: e.state,
    failure: e.failure,
    attempts: e.attempts,
    createdAt: e.createdAt.toISOString(),
    nextAttemptAt: e.nextAttemptAt.toISOString(),
    lastError: e.lastError,
  };
}

function report(
  deps: OutboxDeps,
  out: readonly ActionOutcome[],
  action: 'retry' | 'drop',
  ok: (o: Extract<ActionOutcome, { done: true }>) => string,
  after?: string,
): void {
  const lines = out.map((o) => (o.done ? ok(o) : text().refused(o.id, refusedWhy(o, action))));
  if (after && out.some((o) => o.done)) lines.push(after);
  write(deps, `${lines.join('\n')}\n`);
  // Something asked for could not be done: say so in the exit code too.
  if (out.some((o) => !o.done)) process.exitCode = 1;
}

/** Why a message was left as it was, in the CLI's language. */
function refusedWhy(o: Extract<ActionOutcome, { done: false }>, action: 'retry' | 'drop'): string {
  if (o.refused !== 'state') return say(`cli.outbox.why.${o.refused}`);
  if (o.state === 'sent' || o.state === 'dropped') return say(`cli.outbox.why.${o.state}`);
  if (o.state === 'sending') return say('cli.outbox.why.sending', { action });
  return say('cli.outbox.why.state', { state: stateName(o.state ?? '') });
}

export function parseIds(ids: readonly string[]): number[] {
  return ids.map((s) => {
    const n = Number(s.replace(/^#/, ''));
    if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(text().badId(s), EX_USAGE);
    return n;
  });
}

/** Who acts: --by, else $RONDE_USER, $SUDO_USER, $USER; and the Unix account behind it. */
function actor(deps: OutboxDeps, by: string | undefined): Actor {
  const env = deps.env ?? process.env;
  let os: string;
  try {
    os = userInfo().username;
  } catch {
    os = env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
  const who = [by, env.RONDE_USER, env.SUDO_USER, env.USER].find((v) => v !== undefined && v.trim() !== '');
  return { by: who?.trim() ?? os, osUser: os };
}

function now(deps: OutboxDeps): Date {
  return deps.now?.() ?? new Date();
}

function write(deps: OutboxDeps, text: string): void {
  (deps.write ?? ((s: string) => process.stdout.write(s)))(text);
}

async function withStore(deps: OutboxDeps, body: (store: Store, tz: string) => Promise<void>): Promise<void> {
  const { config, openStore } = await deps.context();
  const store = await openStore();
  try {
    await body(store, boardTimeZone(config));
  } finally {
    await store.close();
  }
}
