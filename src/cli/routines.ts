import { Command } from 'commander';
import { registry } from '../checks/index.js';
import { routineProblem } from '../config/names.js';
import type { Config } from '../config/schema.js';
import { resultKey } from '../core/check.js';
import type { Suggestion } from '../core/suggestions.js';
import { selfResult } from '../daemon/self.js';
import { date, dateTime, duration, type Lang, t } from '../i18n/index.js';
import { type BoardEntry, boardTimeZone, loadBoard } from '../routines/board.js';
import type { StoredSignoff } from '../routines/repo.js';
import type { Routine } from '../routines/schema.js';
import type { RoutineStatus } from '../routines/state.js';
import { linkedSuggestions } from '../routines/suggestions.js';
import type { Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { paint, STATUS_STYLE, type Style, useColor } from './style.js';

export const ROUTINES_OUTPUT_VERSION = 1;

export interface RoutinesDeps {
  /** The loaded configuration and its store (loading is the caller's: main.ts). */
  context(): Promise<{ config: Config; openStore(): Promise<Store> }>;
  now?(): Date;
  write?(text: string): void;
  color?: boolean;
}

interface ListOptions {
  json: boolean;
  color: boolean;
}

export function routinesCommand(deps: RoutinesDeps): Command {
  const cmd = new Command('routines')
    .summary(say('cli.routines.help.summary'))
    .description(say('cli.routines.help.description'))
    .option('--json', say('cli.routines.help.json'), false)
    .option('--no-color', say('cli.routines.help.noColor'))
    .addHelpText('after', say('cli.routines.help.examples'))
    .action(async (opts: ListOptions) => {
      const { entries, tz, now, self } = await board(deps);
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      if (opts.json) {
        const doc = { version: ROUTINES_OUTPUT_VERSION, now, timezone: tz, routines: entries.map(entryJson) };
        write(`${JSON.stringify(doc, null, 2)}\n`);
        return;
      }
      if (entries.length === 0) {
        write(`${t(cliLang(), 'cli.routines.none')}\n`);
        return;
      }
      write(renderBoard(entries, now, tz, opts.color && (deps.color ?? useColor(process.stdout)), cliLang()));
      // Reminders come from the daemon: say so when they cannot be trusted (ronde.self).
      if (self.status !== 'OK' && !self.notApplicable)
        write(`\n${say('cli.routines.self', { status: self.status, summary: self.summary })}\n`);
    });
  cmd
    .command('show')
    .summary(say('cli.routines.help.show.summary'))
    .argument('<id>', say('cli.routines.help.show.id'))
    .option('--json', say('cli.routines.help.show.json'), false)
    .option('--no-color', say('cli.routines.help.show.noColor'))
    .action(async (id: string, own: ListOptions, self: Command) => {
      // Unless the whole program has positional options, `routines show ID --json`
      // hands --json to `routines`: the flags mean the same here, so take both.
      const parent = self.parent?.opts<ListOptions>() ?? { json: false, color: true };
      const opts = { json: own.json || parent.json, color: own.color && parent.color };
      const { entries, tz, now, config, suggestions } = await board(deps, id);
      const entry = findEntry(entries, id, config);
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      if (opts.json) {
        const doc = { version: ROUTINES_OUTPUT_VERSION, now, timezone: tz, routine: showJson(entry) };
        write(`${JSON.stringify(doc, null, 2)}\n`);
        return;
      }
      write(
        renderShow(
          entry,
          now,
          tz,
          opts.color && (deps.color ?? useColor(process.stdout)),
          cliLang(),
          suggestions,
        ),
      );
    });
  return cmd;
}

/** The board; with a routine id, also what its linked checks suggest (`routines show`). */
async function board(deps: RoutinesDeps, suggestFor?: string) {
  const { config, openStore } = await deps.context();
  const now = deps.now?.() ?? new Date();
  const store = await openStore();
  try {
    const entries = await loadBoard(store, config, now);
    const self = await selfResult(store, config, registry, now);
    const linked = entries.find((e) => e.routine.id === suggestFor)?.linked.results ?? [];
    const suggestions = await linkedSuggestions(store.conn.db, linked);
    return { entries, tz: boardTimeZone(config), now, config, self, suggestions };
  } finally {
    await store.close();
  }
}

/** The entry of a routine id, or a usage error listing the ids (and the closest one). */
export function findEntry(
  entries: readonly BoardEntry[],
  id: string,
  config: Pick<Config, 'routines'>,
): BoardEntry {
  const entry = entries.find((e) => e.routine.id === id);
  if (entry) return entry;
  throw unknownRoutine(id, config.routines);
}

export function unknownRoutine(id: string, routines: readonly Routine[]): CliError {
  return new CliError(
    routineProblem(
      routines.map((r) => r.id),
      id,
      cliLang(),
    ) ?? say('cli.routines.unknown', { id }),
    EX_USAGE,
  );
}

const STATUS_COLOR: Readonly<Record<RoutineStatus, Style>> = {
  overdue: 'red',
  due: 'yellow',
  due_soon: 'bold',
  ok: 'green',
};

export function statusText(e: Pick<BoardEntry, 'state'>, lang: Lang = 'en'): string {
  const s = e.state;
  return s.status === 'overdue'
    ? t(lang, 'cli.routines.status.overdue', { days: s.overdueDays ?? 1 })
    : t(lang, `cli.routines.status.${s.status}`);
}

/** "3 min ago", "5 h ago", "12 days ago": how long ago, as a person says it. */
export function ago(at: Date, now: Date, lang: Lang = 'en'): string {
  const sec = (now.getTime() - at.getTime()) / 1000;
  if (sec < 60) return t(lang, 'cli.ago.now');
  return t(lang, 'cli.ago', { d: duration(lang, sec) });
}

/** The local calendar date in `tz`. */
export function localDate(d: Date, tz: string): string {
  return date(d, tz);
}

/** Local time to the minute, labelled with its zone: `2026-12-05 17:40 CET`. */
export function localDateTime(d: Date, tz: string): string {
  return dateTime(d, tz);
}

function checksText(e: BoardEntry, lang: Lang): string {
  const { status, results, unmatched } = e.linked;
  if (e.routine.checks.length === 0) return '';
  const na = e.linked.notApplicable.length;
  const missing =
    (unmatched.length > 0 ? t(lang, 'cli.routines.checks.missing', { n: unmatched.length }) : '') +
    (na > 0 ? t(lang, 'cli.routines.checks.na', { n: na }) : '');
  if (status === null)
    return na > 0 && unmatched.length === 0
      ? t(lang, 'cli.routines.checks.allNa', { n: na })
      : t(lang, 'cli.routines.checks.noResult');
  const bad = results.filter((r) => r.status !== 'OK').length;
  return bad === 0
    ? `${t(lang, 'cli.routines.checks.ok', { n: results.length })}${missing}`
    : `${t(lang, 'cli.routines.checks.bad', { status, bad, n: results.length })}${missing}`;
}

/** The assignee, or for a due or overdue routine who the reminders suggest (`bob?`). */
function personText(e: Pick<BoardEntry, 'person'>): string {
  if (!e.person) return '';
  return e.person.assigned ? e.person.member.name : `${e.person.member.name}?`;
}

/** One line per routine, columns padded to their widest cell. */
export function renderBoard(
  entries: readonly BoardEntry[],
  now: Date,
  tz: string,
  color = false,
  lang: Lang = 'en',
): string {
  const header = t(lang, 'cli.routines.head').split('\t');
  const rows = entries.map((e) => [
    statusText(e, lang),
    e.routine.id,
    e.routine.title,
    personText(e),
    e.lastDone
      ? t(lang, 'cli.routines.lastBy', { ago: ago(e.lastDone.at, now, lang), by: e.lastDone.by })
      : t(lang, 'cli.routines.never'),
    localDate(e.state.nextDue, tz),
    checksText(e, lang),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[], paintFirst?: Style, paintLast?: Style) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]!);
        if (i === 0 && paintFirst) return paint(color, paintFirst, padded);
        if (i === cells.length - 1 && paintLast) return paint(color, paintLast, padded);
        return padded;
      })
      .join('  ')
      .trimEnd();
  const body = rows.map((r, i) => {
    const e = entries[i]!;
    return line(r, STATUS_COLOR[e.state.status], e.linked.status ? STATUS_STYLE[e.linked.status] : undefined);
  });
  return `${[line(header), ...body].join('\n')}\n`;
}

function cadenceText(r: Routine, lang: Lang): string {
  return r.every !== undefined ? t(lang, 'cli.routines.every', { every: r.every }) : `cron "${r.cron}"`;
}

function signoffLine(s: StoredSignoff, log: readonly StoredSignoff[], tz: string, lang: Lang): string {
  const undone = log.some((u) => u.kind === 'undo' && u.undoes === s.id);
  const what =
    s.kind === 'undo'
      ? t(lang, 'cli.routines.undoOf', { id: s.undoes ?? '?' })
      : t(lang, s.source === 'auto' ? 'cli.routines.doneAuto' : 'cli.routines.done');
  const items = s.items.length > 0 ? t(lang, 'cli.routines.items', { items: s.items.join(', ') }) : '';
  const note = s.note ? ` — ${s.note}` : '';
  const who = t(lang, 'cli.routines.signoff', { what, by: s.by, osUser: s.osUser });
  return `  #${s.id}  ${localDateTime(s.at, tz)}  ${who}${items}${note}${undone ? `  ${t(lang, 'cli.routines.undone')}` : ''}`;
}

const FIELDS = ['status', 'next', 'cadence', 'assignee', 'suggested', 'lastDone'] as const;

export function renderShow(
  e: BoardEntry,
  now: Date,
  tz: string,
  color = false,
  lang: Lang = 'en',
  suggestions: ReadonlyMap<string, readonly Suggestion[]> = new Map(),
): string {
  const r = e.routine;
  const out: string[] = [`${r.id} — ${r.title}`, ''];
  const labels = FIELDS.map((k) => t(lang, `cli.routines.show.${k}`));
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  const field = (k: (typeof FIELDS)[number], v: string) =>
    `  ${t(lang, `cli.routines.show.${k}`).padEnd(width)}${v}`;
  out.push(
    field('status', paint(color, STATUS_COLOR[e.state.status], statusText(e, lang))),
    field('next', `${localDateTime(e.state.nextDue, tz)} (${tz})`),
    field(
      'cadence',
      `${cadenceText(r, lang)}${r.done_when ? t(lang, 'cli.routines.show.selfCompletes') : ''}`,
    ),
  );
  if (r.assignee) out.push(field('assignee', r.assignee));
  else if (e.person)
    out.push(field('suggested', t(lang, 'cli.routines.show.suggestedWhy', { name: e.person.member.name })));
  out.push(
    field(
      'lastDone',
      e.lastDone
        ? t(lang, 'cli.routines.show.lastDoneAt', {
            at: localDateTime(e.lastDone.at, tz),
            ago: ago(e.lastDone.at, now, lang),
            by: e.lastDone.by,
          })
        : t(lang, 'cli.routines.show.neverSince', { at: localDateTime(e.firstSeenAt, tz) }),
    ),
  );
  if (r.description) out.push('', ...r.description.trimEnd().split('\n'));
  if (r.checklist.length > 0) {
    out.push('', t(lang, 'cli.routines.show.checklist'));
    const ticked = new Set(e.lastDone?.items ?? []);
    for (const [i, item] of r.checklist.entries())
      out.push(`  [${ticked.has(i + 1) ? 'x' : ' '}] ${i + 1}. ${item}`);
  }
  out.push('', t(lang, 'cli.routines.show.history'));
  if (e.log.length === 0) out.push(`  ${t(lang, 'cli.routines.show.noSignoff')}`);
  for (const s of [...e.log].reverse()) out.push(signoffLine(s, e.log, tz, lang));
  if (r.checks.length > 0) {
    out.push('', t(lang, 'cli.routines.show.linked', { checks: r.checks.join(', ') }));
    for (const c of e.linked.results)
      out.push(
        `  ${paint(color, STATUS_STYLE[c.status], c.status.padEnd(7))}  ${t(
          lang,
          'cli.routines.show.checkLine',
          {
            check: c.check,
            target: c.target,
            since: localDateTime(c.since, tz),
            summary: c.summary,
          },
        )}`,
        // What it suggests (pages to write, forgotten issues), with where to act.
        ...(suggestions.get(resultKey(c.target, c.check)) ?? []).map(
          (x) => `           - ${x.text}${x.group ? ` (${x.group})` : ''}${x.url ? `  ${x.url}` : ''}`,
        ),
      );
    for (const c of e.linked.notApplicable)
      out.push(
        `  ${t(lang, 'cli.check.na').trimEnd().padEnd(7)}  ${t(lang, 'cli.routines.show.naLine', { check: c.check, target: c.target, summary: c.summary })}`,
      );
    for (const u of e.linked.unmatched)
      out.push(`  ${t(lang, 'cli.routines.show.noResultFor', { selector: u })}`);
  }
  return `${out.join('\n')}\n`;
}

export function signoffJson(s: StoredSignoff) {
  return {
    id: s.id,
    routine: s.routine,
    kind: s.kind,
    at: s.at.toISOString(),
    by: s.by,
    osUser: s.osUser,
    note: s.note,
    items: s.items,
    undoes: s.undoes ?? null,
    source: s.source,
  };
}

export function entryJson(e: BoardEntry) {
  const r = e.routine;
  return {
    id: r.id,
    title: r.title,
    cadence: r.every !== undefined ? { every: r.every } : { cron: r.cron },
    assignee: r.assignee ?? null,
    /** Who the reminders name: the assignee, or the fair suggestion for a due or overdue routine. */
    person: e.person ? { name: e.person.member.name, assigned: e.person.assigned } : null,
    status: e.state.status,
    overdueDays: e.state.overdueDays ?? null,
    nextDue: e.state.nextDue.toISOString(),
    firstSeenAt: e.firstSeenAt.toISOString(),
    lastDone: e.lastDone ? signoffJson(e.lastDone) : null,
    checks: {
      selectors: r.checks,
      status: e.linked.status,
      unmatched: e.linked.unmatched,
      results: e.linked.results.map((c) => ({
        check: c.check,
        kind: c.kind,
        target: c.target,
        status: c.status,
        since: c.since.toISOString(),
        lastAt: c.lastAt.toISOString(),
        summary: c.summary,
      })),
      notApplicable: e.linked.notApplicable.map((c) => ({
        check: c.check,
        kind: c.kind,
        target: c.target,
        summary: c.summary,
      })),
    },
  };
}

function showJson(e: BoardEntry) {
  const ticked = new Set(e.lastDone?.items ?? []);
  const undone = new Set(e.log.filter((s) => s.kind === 'undo').map((s) => s.undoes));
  return {
    ...entryJson(e),
    description: e.routine.description ?? null,
    checklist: e.routine.checklist.map((text, i) => ({ n: i + 1, text, ticked: ticked.has(i + 1) })),
    history: [...e.log].reverse().map((s) => ({ ...signoffJson(s), undone: undone.has(s.id) })),
  };
}
