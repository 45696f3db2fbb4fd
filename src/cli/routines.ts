import { Command } from 'commander';
import { registry } from '../checks/index.js';
import { routineProblem } from '../config/names.js';
import type { Config } from '../config/schema.js';
import { selfResult } from '../daemon/self.js';
import { type BoardEntry, boardTimeZone, loadBoard } from '../routines/board.js';
import { toLocal } from '../routines/cadence.js';
import type { StoredSignoff } from '../routines/repo.js';
import type { Routine } from '../routines/schema.js';
import type { RoutineStatus } from '../routines/state.js';
import type { Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';
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
    .summary('show the routines: overdue first, who did each last and when')
    .description(
      'One line per routine, overdue first: its state (OVERDUE n d, DUE, DUE SOON, OK), who should ' +
        'take it (WHO: the assignee, or `bob?` — the fair suggestion the reminders make for a due or ' +
        'overdue routine), who signed it off last and when, the next due date, and the worst status ' +
        'of its linked checks. A routine never signed off is due from the moment ronde first saw it ' +
        'in the configuration.',
    )
    .option('--json', 'print a JSON document { version, routines }', false)
    .option('--no-color', 'no colours (also: NO_COLOR=1, or output not a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  ronde routines\n  ronde routines show backups\n  ronde done backups --note "dumps checked"',
    )
    .action(async (opts: ListOptions) => {
      const { entries, tz, now, self } = await board(deps);
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      if (opts.json) {
        const doc = { version: ROUTINES_OUTPUT_VERSION, now, timezone: tz, routines: entries.map(entryJson) };
        write(`${JSON.stringify(doc, null, 2)}\n`);
        return;
      }
      if (entries.length === 0) {
        write(
          'No routine configured: add `routines:` to ronde.yaml (see docs/routines.md, or `ronde init`).\n',
        );
        return;
      }
      write(renderBoard(entries, now, tz, opts.color && (deps.color ?? useColor(process.stdout))));
      // Reminders come from the daemon: say so when they cannot be trusted (ronde.self).
      if (self.status !== 'OK' && !self.notApplicable)
        write(`\nronde.self ${self.status}: ${self.summary}\n`);
    });
  cmd
    .command('show')
    .summary('one routine: checklist, history of sign-offs, linked check results')
    .argument('<id>', 'the routine id')
    .option('--json', 'print a JSON document { version, routine }', false)
    .option('--no-color', 'no colours')
    .action(async (id: string, own: ListOptions, self: Command) => {
      // Unless the whole program has positional options, `routines show ID --json`
      // hands --json to `routines`: the flags mean the same here, so take both.
      const parent = self.parent?.opts<ListOptions>() ?? { json: false, color: true };
      const opts = { json: own.json || parent.json, color: own.color && parent.color };
      const { entries, tz, now, config } = await board(deps);
      const entry = findEntry(entries, id, config);
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      if (opts.json) {
        const doc = { version: ROUTINES_OUTPUT_VERSION, now, timezone: tz, routine: showJson(entry) };
        write(`${JSON.stringify(doc, null, 2)}\n`);
        return;
      }
      write(renderShow(entry, now, tz, opts.color && (deps.color ?? useColor(process.stdout))));
    });
  return cmd;
}

async function board(deps: RoutinesDeps) {
  const { config, openStore } = await deps.context();
  const now = deps.now?.() ?? new Date();
  const store = await openStore();
  try {
    const entries = await loadBoard(store, config, now);
    const self = await selfResult(store, config, registry, now);
    return { entries, tz: boardTimeZone(config), now, config, self };
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
    ) ?? `unknown routine "${id}"`,
    EX_USAGE,
  );
}

const STATUS_TEXT: Readonly<Record<RoutineStatus, string>> = {
  overdue: 'OVERDUE',
  due: 'DUE',
  due_soon: 'DUE SOON',
  ok: 'OK',
};
const STATUS_COLOR: Readonly<Record<RoutineStatus, Style>> = {
  overdue: 'red',
  due: 'yellow',
  due_soon: 'bold',
  ok: 'green',
};

export function statusText(e: Pick<BoardEntry, 'state'>): string {
  const s = e.state;
  return s.status === 'overdue' ? `OVERDUE ${s.overdueDays} d` : STATUS_TEXT[s.status];
}

/** "3 min ago", "5 h ago", "12 d ago": how long ago, as a person says it. */
export function ago(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function localDate(d: Date, tz: string): string {
  const l = toLocal(d, tz);
  return `${l.year}-${p2(l.month)}-${p2(l.day)}`;
}

export function localDateTime(d: Date, tz: string): string {
  const l = toLocal(d, tz);
  return `${localDate(d, tz)} ${p2(l.hour)}:${p2(l.minute)}`;
}

function checksText(e: BoardEntry): string {
  const { status, results, unmatched } = e.linked;
  if (e.routine.checks.length === 0) return '';
  const na = e.linked.notApplicable.length;
  const missing =
    (unmatched.length > 0 ? `, ${unmatched.length} without result` : '') + (na > 0 ? `, ${na} n/a` : '');
  if (status === null) return na > 0 && unmatched.length === 0 ? `n/a (${na})` : 'no result yet';
  const bad = results.filter((r) => r.status !== 'OK').length;
  return bad === 0
    ? `OK (${results.length})${missing}`
    : `${status}: ${bad} of ${results.length} not OK${missing}`;
}

/** The assignee, or for a due or overdue routine who the reminders suggest (`bob?`). */
function personText(e: Pick<BoardEntry, 'person'>): string {
  if (!e.person) return '';
  return e.person.assigned ? e.person.member.name : `${e.person.member.name}?`;
}

/** One line per routine, columns padded to their widest cell. */
export function renderBoard(entries: readonly BoardEntry[], now: Date, tz: string, color = false): string {
  const header = ['STATUS', 'ROUTINE', 'TITLE', 'WHO', 'LAST DONE', 'NEXT DUE', 'CHECKS'];
  const rows = entries.map((e) => [
    statusText(e),
    e.routine.id,
    e.routine.title,
    personText(e),
    e.lastDone ? `${ago(e.lastDone.at, now)} by ${e.lastDone.by}` : 'never',
    localDate(e.state.nextDue, tz),
    checksText(e),
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

function cadenceText(r: Routine): string {
  return r.every !== undefined ? `every ${r.every}` : `cron "${r.cron}"`;
}

function signoffLine(s: StoredSignoff, log: readonly StoredSignoff[], tz: string): string {
  const undone = log.some((u) => u.kind === 'undo' && u.undoes === s.id);
  const what = s.kind === 'undo' ? `undo of #${s.undoes}` : s.source === 'auto' ? 'done (checks OK)' : 'done';
  const items = s.items.length > 0 ? ` items ${s.items.join(', ')}` : '';
  const note = s.note ? ` — ${s.note}` : '';
  return `  #${s.id}  ${localDateTime(s.at, tz)}  ${what} by ${s.by} (OS user ${s.osUser})${items}${note}${undone ? '  [undone]' : ''}`;
}

export function renderShow(e: BoardEntry, now: Date, tz: string, color = false): string {
  const r = e.routine;
  const out: string[] = [`${r.id} — ${r.title}`, ''];
  out.push(
    `  status     ${paint(color, STATUS_COLOR[e.state.status], statusText(e))}`,
    `  next due   ${localDateTime(e.state.nextDue, tz)} (${tz})`,
    `  cadence    ${cadenceText(r)}${r.done_when ? ', completes itself when its checks are OK' : ''}`,
  );
  if (r.assignee) out.push(`  assignee   ${r.assignee}`);
  else if (e.person)
    out.push(`  suggested  ${e.person.member.name} (fewest routines lately; see docs/routines.md)`);
  out.push(
    e.lastDone
      ? `  last done  ${localDateTime(e.lastDone.at, tz)} (${ago(e.lastDone.at, now)}) by ${e.lastDone.by}`
      : `  last done  never (configured ${localDateTime(e.firstSeenAt, tz)})`,
  );
  if (r.description) out.push('', ...r.description.trimEnd().split('\n'));
  if (r.checklist.length > 0) {
    out.push('', 'Checklist (ticks of the last sign-off):');
    const ticked = new Set(e.lastDone?.items ?? []);
    for (const [i, item] of r.checklist.entries())
      out.push(`  [${ticked.has(i + 1) ? 'x' : ' '}] ${i + 1}. ${item}`);
  }
  out.push('', 'History (newest first):');
  if (e.log.length === 0) out.push('  no sign-off yet');
  for (const s of [...e.log].reverse()) out.push(signoffLine(s, e.log, tz));
  if (r.checks.length > 0) {
    out.push('', `Linked checks (${r.checks.join(', ')}):`);
    for (const c of e.linked.results)
      out.push(
        `  ${paint(color, STATUS_STYLE[c.status], c.status.padEnd(7))}  ${c.check} on ${c.target} since ${localDateTime(c.since, tz)}: ${c.summary}`,
      );
    for (const c of e.linked.notApplicable)
      out.push(`  ${'n/a'.padEnd(7)}  ${c.check} on ${c.target}: ${c.summary}`);
    for (const u of e.linked.unmatched) out.push(`  no result yet for ${u}`);
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
