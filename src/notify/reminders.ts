import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isStatus } from '../core/status.js';
import { type Lang, date as localDate, t } from '../i18n/index.js';
import { needingSomeone } from '../routines/board.js';
import { toLocal } from '../routines/cadence.js';
import { listSignoffs } from '../routines/repo.js';
import type { Routine, Team, TeamMember } from '../routines/schema.js';
import { effectiveSignoffs, routineState, type Signoff } from '../routines/state.js';
import { suggestPeople } from '../routines/suggest.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';
import {
  type CheckLine,
  type Draft,
  digestMessage,
  md,
  type RoutineInfo,
  remindersMessage,
  routineDueMessage,
  routineOverdueMessage,
} from './format.js';
import { enqueue, type Routing } from './outbox.js';
import { route } from './schema.js';
import { type CheckSuggestions, latestSuggestions, suggestionsSection } from './suggestions.js';
import type { NotifyEvent } from './types.js';

/*
 * Routine reminders and the weekly digest. Each has an identity that names
 * its occasion (a due date, the n-th re-reminder, an ISO week); a mark per
 * identity, written with the outbox rows in one transaction, makes each
 * once-only however often the daemon evaluates.
 */

export interface RemindersConfig extends Routing {
  routines: readonly Routine[];
  team: Team;
  /** IANA zone of due dates, quiet hours and the digest. */
  timezone: string;
  /** The team's language (`language:`); default en. */
  language?: Lang;
  /** An overdue routine is re-reminded every this many days (default 3). */
  remindEveryDays?: number;
  /** When the weekly digest goes out, local time (ISO weekday 1 = Monday); false: never. Default Monday 9:00. */
  digest?: { weekday: number; hour: number } | false;
  /** Local hours [from, to) when no reminder is sent (they wait until the end), e.g. { from: 21, to: 8 }. */
  quietHours?: { from: number; to: number };
}

export interface RemindersReport {
  /** Outbox rows inserted. */
  enqueued: number;
  /** Identities handled now (new marks). */
  occasions: string[];
  quiet?: boolean;
}

const DAY_MS = 86_400_000;
const FIRST_RUN = 'routines:first-run';

/**
 * Inserts the due, overdue and digest messages that are due now and were
 * never sent, in one write transaction. The first evaluation of an
 * installation only records the current occasions: the first-run summary
 * speaks for them.
 */
export async function evaluateRoutines(
  store: Pick<Store, 'conn'>,
  config: RemindersConfig,
  now: Date,
): Promise<RemindersReport> {
  if (inQuietHours(config, now)) return { enqueued: 0, occasions: [], quiet: true };
  return store.conn.write(async (trx) => {
    const signoffs = await listSignoffs(trx);
    const seen = await firstSeen(
      trx,
      config.routines.map((r) => r.id),
      now,
    );
    const occasions = await plan(trx, config, signoffs, seen, now);
    const first = await mark(trx, FIRST_RUN, now);
    const report: RemindersReport = { enqueued: 0, occasions: [] };
    const fresh: Occasion[] = [];
    for (const o of occasions) {
      if (!(await mark(trx, o.identity, now))) continue;
      report.occasions.push(o.identity);
      fresh.push(o);
    }
    if (first) report.occasions = [];
    else report.enqueued = await enqueueGrouped(trx, fresh, config, now);
    return report;
  });
}

interface Occasion {
  identity: string;
  event: NotifyEvent;
  /** A routine's reminder (grouped with the others of this run), or a message of its own (the digest). */
  routine?: RoutineInfo;
  draft?: Draft;
}

/**
 * One message per notifier for all the routine reminders of this run
 * (overdue first), so twelve due routines are one post, not twelve; a
 * notifier gets the reminders its routes take. A lone reminder keeps its
 * full form (checklist included) and its own identity.
 */
async function enqueueGrouped(
  trx: Kysely<Database>,
  fresh: readonly Occasion[],
  config: RemindersConfig,
  now: Date,
): Promise<number> {
  const lang = config.language ?? 'en';
  let inserted = 0;
  const reminders = new Map<string, Occasion[]>();
  for (const o of fresh) {
    if (o.draft) {
      inserted += await enqueue(trx, o.identity, o.draft, config, now);
      continue;
    }
    for (const n of route(o.event, config.routes, config.notifierNames))
      reminders.set(n, [...(reminders.get(n) ?? []), o]);
  }
  for (const [notifier, list] of reminders) {
    const only = list.length === 1 ? list[0]! : undefined;
    const identity = only
      ? only.identity
      : `reminders:${createHash('sha256')
          .update(list.map((o) => o.identity).join('\n'))
          .digest('hex')}`;
    const draft = only
      ? only.event === 'routine.due'
        ? routineDueMessage(lang, only.routine!)
        : routineOverdueMessage(lang, only.routine!)
      : remindersMessage(
          lang,
          list.map((o) => o.routine!),
        );
    inserted += await enqueue(trx, identity, draft, { notifierNames: [notifier] }, now);
  }
  return inserted;
}

async function plan(
  trx: Kysely<Database>,
  config: RemindersConfig,
  signoffs: Signoff[],
  seen: Map<string, Date>,
  now: Date,
): Promise<Occasion[]> {
  const tz = config.timezone;
  const every = Math.max(1, config.remindEveryDays ?? 3);
  const states = config.routines.map((routine) => ({
    routine,
    state: routineState(routine, signoffs, now, tz, { configuredAt: seen.get(routine.id) ?? now }),
  }));
  // The order and the suggestions are the board's (`ronde routines` names the same people).
  const needing = needingSomeone(states);
  const people = suggestPeople(needing, config.team, signoffs, now);
  const out: Occasion[] = [];
  const overdue: RoutineInfo[] = [];
  for (const routine of needing) {
    const state = states.find((s) => s.routine === routine)!.state;
    const info: RoutineInfo = {
      id: routine.id,
      title: routine.title,
      checklist: routine.checklist,
      dueDate: localDate(state.nextDue, tz),
    };
    const person = people.get(routine.id);
    if (person) info.person = person;
    if (state.lastDone) info.lastDone = { by: state.lastDone.by, at: localDate(state.lastDone.at, tz) };
    if (state.status === 'due') {
      out.push({
        identity: `routine.due:${routine.id}:${info.dueDate}`,
        event: 'routine.due',
        routine: info,
      });
    } else {
      info.overdueDays = state.overdueDays ?? 1;
      overdue.push(info);
      const index = Math.floor((info.overdueDays - 1) / every);
      out.push({
        identity: `routine.overdue:${routine.id}:${info.dueDate}:${index}`,
        event: 'routine.overdue',
        routine: info,
      });
    }
  }
  const week = digestWeek(config, now);
  if (week) {
    const draft = await digest(trx, config, signoffs, overdue, week, now);
    out.push({ identity: `digest:${week}`, event: 'digest', draft });
  }
  return out;
}

/**
 * Where the routines stand, as markdown for the first-run summary
 * (`recordDaemonRound`'s `summaryExtra`): the due and overdue ones, since the
 * first evaluation does not remind of them. Undefined when none is.
 */
export async function routinesSummary(
  store: Pick<Store, 'conn'>,
  config: Pick<RemindersConfig, 'routines' | 'timezone' | 'language'>,
  now: Date,
): Promise<string | undefined> {
  const lang = config.language ?? 'en';
  const db = store.conn.db;
  const signoffs = await listSignoffs(db);
  const seen = new Map(
    (await db.selectFrom('routine_seen').select(['routine', 'first_seen_at']).execute()).map((r) => [
      r.routine,
      new Date(Number(r.first_seen_at)),
    ]),
  );
  const lines: string[] = [];
  for (const routine of config.routines) {
    const state = routineState(routine, signoffs, now, config.timezone, {
      configuredAt: seen.get(routine.id) ?? now,
    });
    const title = md(routine.title);
    if (state.status === 'overdue')
      lines.push(
        `- ${title} — ${t(lang, 'summary.overdueSince', { date: localDate(state.nextDue, config.timezone) })}`,
      );
    else if (state.status === 'due')
      lines.push(`- ${title} — ${t(lang, state.lastDone ? 'summary.dueToday' : 'summary.dueNever')}`);
  }
  return lines.length > 0 ? `${t(lang, 'summary.routines')}\n${lines.join('\n')}` : undefined;
}

async function digest(
  trx: Kysely<Database>,
  config: RemindersConfig,
  signoffs: readonly Signoff[],
  overdue: RoutineInfo[],
  week: string,
  now: Date,
): Promise<Draft> {
  const tz = config.timezone;
  const titles = new Map(config.routines.map((r) => [r.id, r.title]));
  const since = now.getTime() - 7 * DAY_MS;
  const effective = effectiveSignoffs(signoffs);
  const done = effective
    .filter((s) => s.at.getTime() >= since && s.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((s) => ({ title: titles.get(s.routine) ?? s.routine, by: s.by, at: localDate(s.at, tz) }));
  return digestMessage(config.language ?? 'en', {
    week,
    overdue,
    problems: await openProblems(trx, now),
    done,
    longest: longestWithout(config.team, effective, tz),
    ...withSuggestions(config.language ?? 'en', await latestSuggestions(trx, now.getTime() - STALE_MS)),
  });
}

function withSuggestions(lang: Lang, list: readonly CheckSuggestions[]): { suggestions?: string } {
  const section = suggestionsSection(lang, list);
  return section ? { suggestions: section } : {};
}

/** A check with no result for this long is presumed removed from the config: not an open problem. */
const STALE_MS = 8 * DAY_MS;

/** Problems as the daemon announced them (damped, applicable checks only), with the latest summary. */
async function openProblems(trx: Kysely<Database>, now: Date): Promise<CheckLine[]> {
  const rows = await trx
    .selectFrom('announced')
    .innerJoin('check_state', (j) =>
      j
        .onRef('check_state.check_name', '=', 'announced.check_name')
        .onRef('check_state.target', '=', 'announced.target'),
    )
    .select(['announced.check_name', 'announced.target', 'announced.announced_status', 'check_state.summary'])
    .where('announced.announced_status', '!=', 'OK')
    .where('check_state.last_at', '>=', now.getTime() - STALE_MS)
    .orderBy('announced.target')
    .orderBy('announced.check_name')
    .execute();
  return rows.flatMap((r) =>
    isStatus(r.announced_status)
      ? [{ check: r.check_name, target: r.target, status: r.announced_status, summary: r.summary }]
      : [],
  );
}

/** Up to three members, the one without a sign-off for longest first (never = first). */
function longestWithout(
  team: Team,
  signoffs: readonly Signoff[],
  tz: string,
): { member: TeamMember; lastAt: string | null }[] {
  const last = new Map<string, number>();
  for (const s of signoffs) last.set(s.by, Math.max(last.get(s.by) ?? 0, s.at.getTime()));
  return team
    .map((member, i) => ({ member, i, at: last.get(member.name) ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .slice(0, 3)
    .map(({ member, at }) => ({
      member,
      lastAt: Number.isFinite(at) ? localDate(new Date(at), tz) : null,
    }));
}

/** The ISO week whose digest is due now (at or after its weekday and hour), or undefined. */
export function digestWeek(
  config: Pick<RemindersConfig, 'digest' | 'timezone'>,
  now: Date,
): string | undefined {
  const when = config.digest ?? { weekday: 1, hour: 9 };
  if (when === false) return undefined;
  const l = toLocal(now, config.timezone);
  const weekday = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay() || 7;
  if (weekday < when.weekday || (weekday === when.weekday && l.hour < when.hour)) return undefined;
  return isoWeek(l.year, l.month, l.day);
}

/** ISO 8601 week of a calendar date: `2025-W01` (the week with the year's first Thursday). */
export function isoWeek(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const y = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(y, 0, 1)) / DAY_MS + 1) / 7);
  return `${y}-W${String(week).padStart(2, '0')}`;
}

export function inQuietHours(config: Pick<RemindersConfig, 'quietHours' | 'timezone'>, now: Date): boolean {
  const q = config.quietHours;
  if (!q || q.from === q.to) return false;
  const h = toLocal(now, config.timezone).hour;
  return q.from < q.to ? h >= q.from && h < q.to : h >= q.from || h < q.to;
}

/**
 * When each routine first appeared, recording `now` for new ones in this
 * transaction (as routines/repo.ts markSeen does): without it a routine never
 * done would be "due today" again every day.
 */
async function firstSeen(
  trx: Kysely<Database>,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, Date>> {
  if (ids.length > 0)
    await trx
      .insertInto('routine_seen')
      .values(ids.map((routine) => ({ routine, first_seen_at: now.getTime() })))
      .onConflict((oc) => oc.column('routine').doNothing())
      .execute();
  const rows = await trx.selectFrom('routine_seen').select(['routine', 'first_seen_at']).execute();
  return new Map(rows.map((r) => [r.routine, new Date(Number(r.first_seen_at))]));
}

/** Records an occasion; false when it was already handled. */
async function mark(trx: Kysely<Database>, identity: string, now: Date): Promise<boolean> {
  const res = await trx
    .insertInto('notify_marks')
    .values({ identity, at: now.getTime() })
    .onConflict((oc) => oc.column('identity').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
