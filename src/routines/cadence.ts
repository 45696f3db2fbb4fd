import { Cron } from 'croner';
import { type Every, parseEvery, type Routine } from './schema.js';

/** A wall-clock time in some timezone (month 1-12). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError on an unknown zone: better than silently using UTC.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function toLocal(at: Date, tz: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const ms = ((at.getTime() % 1000) + 1000) % 1000;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    ms,
  };
}

function wallAsUtc(l: LocalDateTime): number {
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.ms);
}

/** Offset of tz from UTC at an instant, in ms. */
function offsetAt(t: number, tz: string): number {
  return wallAsUtc(toLocal(new Date(t), tz)) - t;
}

/**
 * The instant a wall-clock time names in tz. Like Temporal's "compatible":
 * an ambiguous time (autumn) is the earlier instant; a time in the spring gap
 * moves forward by the gap (02:30 → 03:30 in Europe/Paris).
 */
export function fromLocal(l: LocalDateTime, tz: string): Date {
  const wall = wallAsUtc(l);
  const day = 86_400_000;
  // Zones change offset at most once within a day around the wanted time.
  const before = offsetAt(wall - day, tz);
  const after = offsetAt(wall + day, tz);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, tz) === wall - t);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds a calendar duration to a wall-clock time: months clamp to the month's end (Jan 31 + 1mo = Feb 28/29). */
export function addLocal(l: LocalDateTime, every: Every): LocalDateTime {
  if (every.unit === 'd' || every.unit === 'w') {
    const days = every.unit === 'd' ? every.n : every.n * 7;
    const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
    return { ...l, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const months = every.unit === 'mo' ? every.n : every.n * 12;
  const index = l.year * 12 + (l.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ...l, year, month, day: Math.min(l.day, daysInMonth(year, month)) };
}

/** `every` after an instant, in calendar terms in tz (a weekly duty keeps its local hour across DST). */
export function addEvery(at: Date, every: Every | string, tz: string): Date {
  const e = typeof every === 'string' ? parseEvery(every) : every;
  return fromLocal(addLocal(toLocal(at, tz), e), tz);
}

/** The first occurrence of a cron pattern strictly after an instant, in tz. */
export function nextCron(pattern: string, after: Date, tz: string): Date {
  const next = new Cron(pattern, { timezone: tz, paused: true }).nextRun(after);
  // The schema refuses patterns that never fire; this guards callers that skipped it.
  if (!next) throw new Error(`cron pattern "${pattern}" has no occurrence after ${after.toISOString()}`);
  return next;
}

/**
 * When a routine is next due. Never signed off: due from the moment it was configured.
 * `every`: counted from the last sign-off. `cron`: the first occurrence after the last sign-off.
 */
export function nextDue(
  routine: Pick<Routine, 'every' | 'cron'>,
  lastDoneAt: Date | null,
  configuredAt: Date,
  tz: string,
): Date {
  if (lastDoneAt === null) return configuredAt;
  if (routine.every !== undefined) return addEvery(lastDoneAt, routine.every, tz);
  if (routine.cron !== undefined) return nextCron(routine.cron, lastDoneAt, tz);
  throw new Error('routine has neither `every` nor `cron`');
}

/** Length of one period of the cadence around `due` (for the due-soon window), in ms. */
export function periodMs(routine: Pick<Routine, 'every' | 'cron'>, due: Date, tz: string): number {
  if (routine.every !== undefined) return addEvery(due, routine.every, tz).getTime() - due.getTime();
  if (routine.cron !== undefined) return nextCron(routine.cron, due, tz).getTime() - due.getTime();
  throw new Error('routine has neither `every` nor `cron`');
}

/** Calendar days from one local date to another in tz (positive when `b` is later). */
export function localDaysBetween(a: Date, b: Date, tz: string): number {
  const la = toLocal(a, tz);
  const lb = toLocal(b, tz);
  return Math.round(
    (Date.UTC(lb.year, lb.month - 1, lb.day) - Date.UTC(la.year, la.month - 1, la.day)) / 86_400_000,
  );
}
