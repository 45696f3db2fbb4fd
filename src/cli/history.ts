import { Command } from 'commander';
import { checkProblem, hostProblem, type NameBook } from '../config/names.js';
import type { Status } from '../core/status.js';
import { SELF_TARGET } from '../daemon/self.js';
import { dateTime, type Lang, t } from '../i18n/index.js';
import type { StatusChange, Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { refuse } from './names.js';
import { paint, STATUS_STYLE, useColor } from './style.js';

export const HISTORY_OUTPUT_VERSION = 1;

export interface HistoryDeps {
  /** Opens the store of the loaded configuration (config loading is the caller's). */
  openStore(): Promise<Store>;
  /** The configured hosts and checks, to refuse a typo (with a hint) rather than print nothing. */
  names?(): Promise<{ book: NameBook; kinds: readonly string[] }>;
  write?(text: string): void;
  /** IANA zone the times are shown in, labelled (default: the system's); the config's `timezone:` in main. */
  timeZone?(): string;
  now?(): Date;
  color?: boolean;
}

interface HistoryOptions {
  limit: string;
  since?: string;
  json: boolean;
  color: boolean;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function historyCommand(deps: HistoryDeps): Command {
  return new Command('history')
    .summary(say('cli.history.help.summary'))
    .description(say('cli.history.help.description'))
    .argument('[check]', say('cli.history.help.check'))
    .argument('[target]', say('cli.history.help.target'))
    .option('-n, --limit <n>', say('cli.history.help.limit'), '50')
    .option('--since <when>', say('cli.history.help.since'))
    .option('--json', say('cli.history.help.json'), false)
    .option('--no-color', say('cli.check.help.noColor'))
    .addHelpText('after', say('cli.history.help.examples'))
    .action(async (check: string | undefined, target: string | undefined, opts: HistoryOptions) => {
      const now = deps.now?.() ?? new Date();
      const limit = parseLimit(opts.limit);
      const since = opts.since === undefined ? undefined : parseSince(opts.since, now);
      const store = await deps.openStore();
      let changes: StatusChange[];
      try {
        changes = await store.history({
          ...(check !== undefined ? { check } : {}),
          ...(target !== undefined ? { target } : {}),
          ...(since !== undefined ? { since } : {}),
          limit,
        });
      } finally {
        await store.close();
      }
      // A name the config does not know is a typo unless the store remembers it (a check since removed).
      if (changes.length === 0 && deps.names) {
        const { book, kinds } = await deps.names();
        if (check !== undefined && check !== 'ronde.self')
          refuse(checkProblem(book, check, kinds, cliLang()));
        if (target !== undefined && target !== SELF_TARGET) refuse(hostProblem(book, target, cliLang()));
      }
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      if (opts.json) {
        write(`${JSON.stringify({ version: HISTORY_OUTPUT_VERSION, changes }, null, 2)}\n`);
        return;
      }
      const color = opts.color && (deps.color ?? useColor(process.stdout));
      const zone = deps.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const lang = cliLang();
      write(
        changes.length === 0
          ? `${t(lang, 'cli.history.none')}\n`
          : renderHistory(changes, color, { lang, timeZone: zone }),
      );
    });
}

/** A table: time, target, check, from → to, summary. Columns padded to their widest cell. */
export function renderHistory(
  changes: StatusChange[],
  color = false,
  o: { lang: Lang; timeZone: string } = { lang: 'en', timeZone: 'UTC' },
): string {
  const rows = changes.map((c) => [
    dateTime(new Date(c.at), o.timeZone),
    c.target,
    c.check,
    `${c.from ?? t(o.lang, 'cli.history.new')} → ${c.to}`,
    c.summary,
  ]);
  const header = t(o.lang, 'cli.history.head').split('\t');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[], paintChange?: Status) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]!);
        return i === 3 && paintChange ? paint(color, STATUS_STYLE[paintChange], padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map((r, i) => line(r, changes[i]!.to))].join('\n') + '\n';
}

function parseLimit(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s.trim()) || n < 1)
    throw new CliError(say('cli.history.badLimit', { value: s }), EX_USAGE);
  return n;
}

/** `7d`, `12h`, `30m`, `2w` ago, or a date/time that Date understands (a bare date is midnight UTC). */
export function parseSince(s: string, now: Date): Date {
  const m = /^(\d+)([smhdw])$/.exec(s.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]);
  const t = /^\d{4}-\d{2}-\d{2}/.test(s.trim()) ? Date.parse(s.trim()) : Number.NaN;
  if (Number.isNaN(t)) throw new CliError(say('cli.history.badSince', { value: s }), EX_USAGE);
  return new Date(t);
}
