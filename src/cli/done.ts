import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { suggest as closest } from '../core/suggest.js';
import { t } from '../i18n/index.js';
import { announceSignoff, announceUndo } from '../notify/signoff.js';
import { boardTimeZone, loadBoard } from '../routines/board.js';
import { appendDone, markSeen, NothingToUndo, type StoredSignoff, undoLatest } from '../routines/repo.js';
import type { Team } from '../routines/schema.js';
import { appendAudit } from '../store/audit.js';
import type { Store } from '../store/types.js';
import { type GuardIo, guardLinkedChecks, terminalGuard } from './done-guard.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import {
  entryJson,
  localDateTime,
  ROUTINES_OUTPUT_VERSION,
  type RoutinesDeps,
  signoffJson,
  statusText,
  unknownRoutine,
} from './routines.js';

export interface SignoffDeps extends RoutinesDeps {
  /** Where `$RONDE_USER`, `$SUDO_USER` and `$USER` are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** git's user.name (default: `git config user.name`). */
  gitUserName?(): string | undefined;
  /** The Unix account running the command, as recorded beside the person. */
  osUser?(): string;
  /** Warnings and the question asked when a linked check is not OK (default: stderr, the terminal). */
  guard?: GuardIo;
}

interface DoneOptions {
  note?: string;
  item: string[];
  by?: string;
  json: boolean;
  force: boolean;
}

export function doneCommand(deps: SignoffDeps): Command {
  return new Command('done')
    .summary(say('cli.done.help.summary'))
    .description(say('cli.done.help.description'))
    .argument('<id>', say('cli.done.help.id'))
    .option('-m, --note <text>', say('cli.done.help.note'))
    .option('-i, --item <n...>', say('cli.done.help.item'), collect, [] as string[])
    .option('--by <name>', say('cli.done.help.by'))
    .option('--json', say('cli.done.help.json'), false)
    .option('-f, --force', say('cli.done.help.force'), false)
    .addHelpText('after', say('cli.done.help.examples'))
    .action(async (id: string, opts: DoneOptions) => {
      const { config, openStore } = await deps.context();
      const routine = config.routines.find((r) => r.id === id);
      if (!routine) throw unknownRoutine(id, config.routines);
      const items = parseItems(opts.item, routine.checklist.length);
      const note = opts.note?.trim() ?? '';
      if (note === '' && items.length === 0)
        throw new CliError(t(cliLang(), 'cli.done.noteRequired'), EX_USAGE);
      const by = person(opts.by, config.team, deps);
      const now = deps.now?.() ?? new Date();
      const tz = boardTimeZone(config);
      await withStore(openStore, async (store) => {
        // Seen before the sign-off: the history keeps when it was configured.
        await markSeen(store.conn, [id], now);
        const before = (await loadBoard(store, config, now)).find((e) => e.routine.id === id)!;
        await guardLinkedChecks(before, config.language, opts.force, deps.guard ?? terminalGuard());
        const routing = { ...config, notifierNames: config.notifiers.map((n) => n.name) };
        const os = osUser(deps);
        const recorded = await appendDone(
          store.conn,
          { routine: id, at: now, by, osUser: os, note, items },
          async (trx, s) => {
            await appendAudit(trx, {
              at: now,
              actor: os,
              action: 'signoff',
              subject: id,
              detail: { signoff: s.id, by, note, items },
              address: 'local',
              channel: 'cli',
            });
            await announceSignoff(trx, routing, routine, s, now);
          },
        );
        const entry = (await loadBoard(store, config, now)).find((e) => e.routine.id === id)!;
        const write = deps.write ?? ((s: string) => process.stdout.write(s));
        if (opts.json) {
          write(
            `${JSON.stringify({ version: ROUTINES_OUTPUT_VERSION, recorded: signoffJson(recorded), routine: entryJson(entry) }, null, 2)}\n`,
          );
          return;
        }
        const lang = cliLang();
        const ticked =
          items.length > 0
            ? t(lang, 'cli.done.ticked', { items: items.join(', '), of: routine.checklist.length })
            : '';
        write(
          `${t(lang, 'cli.done.recorded', { n: recorded.id, id, by, osUser: recorded.osUser, at: localDateTime(now, tz), ticked })}\n` +
            (note ? `${t(lang, 'cli.done.note', { note })}\n` : '') +
            `${t(lang, 'cli.done.next', { at: localDateTime(entry.state.nextDue, tz), zone: tz, status: statusText(entry, lang) })}\n`,
        );
      });
    });
}

interface UndoOptions {
  note?: string;
  by?: string;
  json: boolean;
}

export function undoCommand(deps: SignoffDeps): Command {
  return new Command('undo')
    .summary(say('cli.undo.help.summary'))
    .description(say('cli.undo.help.description'))
    .argument('<id>', say('cli.undo.help.id'))
    .option('-m, --note <text>', say('cli.undo.help.note'))
    .option('--by <name>', say('cli.undo.help.by'))
    .option('--json', say('cli.undo.help.json'), false)
    .action(async (id: string, opts: UndoOptions) => {
      const { config, openStore } = await deps.context();
      const routine = config.routines.find((r) => r.id === id);
      if (!routine) throw unknownRoutine(id, config.routines);
      const by = person(opts.by, config.team, deps);
      const now = deps.now?.() ?? new Date();
      const tz = boardTimeZone(config);
      await withStore(openStore, async (store) => {
        let done: { undo: StoredSignoff; undone: StoredSignoff };
        const os = osUser(deps);
        const note = opts.note?.trim() ?? '';
        // Told to the team as the sign-off was: whoever read "Done" must learn it is not.
        const routing = { ...config, notifierNames: config.notifiers.map((n) => n.name), timeZone: tz };
        try {
          done = await undoLatest(
            store.conn,
            { routine: id, at: now, by, osUser: os, note },
            async (trx, undo, undone) => {
              await appendAudit(trx, {
                at: now,
                actor: os,
                action: 'undo',
                subject: id,
                detail: { signoff: undo.id, undoes: undone.id, by, note },
                address: 'local',
                channel: 'cli',
              });
              await announceUndo(trx, routing, routine, undo, undone, now);
            },
          );
        } catch (err) {
          if (err instanceof NothingToUndo)
            throw new CliError(t(cliLang(), 'cli.undo.nothing', { id }), EX_USAGE);
          throw err;
        }
        const entry = (await loadBoard(store, config, now)).find((e) => e.routine.id === id)!;
        const write = deps.write ?? ((s: string) => process.stdout.write(s));
        if (opts.json) {
          const doc = {
            version: ROUTINES_OUTPUT_VERSION,
            recorded: signoffJson(done.undo),
            undone: signoffJson(done.undone),
            routine: entryJson(entry),
          };
          write(`${JSON.stringify(doc, null, 2)}\n`);
          return;
        }
        const u = done.undone;
        const lang = cliLang();
        write(
          `${t(lang, 'cli.undo.recorded', { n: done.undo.id, of: u.id, id, by: u.by, at: localDateTime(u.at, tz) })}\n` +
            `${t(lang, 'cli.undo.now', { id, status: statusText(entry, lang), at: localDateTime(entry.state.nextDue, tz), zone: tz })}\n`,
        );
      });
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function withStore<T>(open: () => Promise<Store>, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `--item 1 3` / `--item 1 --item 3`: 1-based checklist indexes, each once, sorted. */
export function parseItems(raw: readonly string[], count: number): number[] {
  const out = new Set<number>();
  for (const part of raw.flatMap((r) => r.split(','))) {
    const n = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || n < 1 || n > count)
      throw new CliError(
        count === 0
          ? say('cli.done.item.noChecklist', { item: part })
          : say('cli.done.item.range', { item: part, count }),
        EX_USAGE,
      );
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Who signs off: --by, else $RONDE_USER, git's user.name, $SUDO_USER, $USER
 * (the first set). With a `team:`, the name must be a member's (matched
 * without case, or by Mattermost username) so the history names people the
 * reminders know; without one, any name is taken as given.
 */
export function person(
  by: string | undefined,
  team: Team,
  deps: Pick<SignoffDeps, 'env' | 'gitUserName'>,
): string {
  const env = deps.env ?? process.env;
  const guesses: [string, string | undefined][] =
    by !== undefined
      ? [['--by', by]]
      : [
          ['$RONDE_USER', env.RONDE_USER],
          ['git user.name', (deps.gitUserName ?? gitUserName)()],
          ['$SUDO_USER', env.SUDO_USER],
          ['$USER', env.USER],
        ];
  const found = guesses.find(([, v]) => v !== undefined && v.trim() !== '');
  if (!found) throw new CliError(say('cli.done.whoAreYou'), EX_USAGE);
  const [source, raw] = found as [string, string];
  const name = raw.trim();
  if (team.length === 0) return name;
  const lower = name.toLowerCase();
  const member = team.find((m) => m.name.toLowerCase() === lower || m.mattermost?.toLowerCase() === lower);
  if (member) return member.name;
  const names = team.map((m) => m.name);
  const guess = closest(name, names);
  throw new CliError(
    say('cli.done.notMember', { name, source, guess: guess ?? '', members: names.join(', ') }),
    EX_USAGE,
  );
}

function gitUserName(): string | undefined {
  try {
    return (
      execFileSync('git', ['config', 'user.name'], {
        encoding: 'utf8',
        timeout: 2000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The Unix account, and the one behind sudo: the audit trail says who really typed it. */
function osUser(deps: Pick<SignoffDeps, 'env' | 'osUser'>): string {
  if (deps.osUser) return deps.osUser();
  const env = deps.env ?? process.env;
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
  return env.SUDO_USER && env.SUDO_USER !== name ? `${name} (sudo from ${env.SUDO_USER})` : name;
}
