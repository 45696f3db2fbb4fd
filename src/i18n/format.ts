import type { Lang } from './lang.js';

/*
 * Numbers, durations and dates as the catalogues write them. Pure functions
 * of their arguments (never the machine's locale or zone), so a post reads
 * the same from every daemon.
 */

const RULES: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  fr: new Intl.PluralRules('fr'),
};

/** The form for `n`: French says "0 jour, 1 jour, 2 jours", English "0 days, 1 day". */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  return RULES[lang].select(n) === 'one' ? one : other;
}

/** `3 checks`, `1 vérification`. */
export function count(lang: Lang, n: number, one: string, other: string): string {
  return `${n} ${plural(lang, n, one, other)}`;
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * A length of time as a person says it, rounded to one unit: `45 s`,
 * `12 min`, `3 h`, `1 day` / `2 days` (`1 jour` / `2 jours`). Under two
 * days counts hours, so "since 0.0 days" becomes "since 3 h".
 */
export function duration(lang: Lang, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * MIN) return `${Math.round(s / MIN)} min`;
  if (s < 2 * DAY) return `${Math.round(s / HOUR)} h`;
  const d = Math.round(s / DAY);
  return lang === 'fr' ? count(lang, d, 'jour', 'jours') : count(lang, d, 'day', 'days');
}

const AGE_UNITS: Record<Lang, [string, string, string, string]> = {
  en: ['d', 'h', 'm', 's'],
  fr: [' j', ' h', ' min', ' s'],
};

/**
 * An age to two units, as config/duration.ts's formatAge writes it in English
 * (`2d 2h`, `1h 6m`, `45s`) and French (`2 j 2 h`, `1 h 6 min`): precise
 * where `duration()` rounds to one unit (a backup's age against its cadence).
 */
export function age(lang: Lang, seconds: number): string {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  const u = AGE_UNITS[lang] ?? AGE_UNITS.en;
  const parts: [number, string][] = [
    [Math.floor(s / DAY), u[0]],
    [Math.floor((s % DAY) / HOUR), u[1]],
    [Math.floor((s % HOUR) / MIN), u[2]],
    [s % MIN, u[3]],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return `0${u[3]}`;
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(' ');
}

/** A whole number of days: `1 day`, `3 jours`. */
export function days(lang: Lang, n: number): string {
  return lang === 'fr' ? count(lang, n, 'jour', 'jours') : count(lang, n, 'day', 'days');
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  zone: string;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function parts(at: Date, timeZone: string): Parts {
  let f = FORMATS.get(timeZone);
  if (!f) {
    // en-GB names the zone the way sysadmins write it (CET, CEST, UTC, GMT-5); hourCycle h23 avoids "24:00".
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    FORMATS.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    zone: out.timeZoneName ?? timeZone,
  };
}

/** `2026-12-05 17:40 CET`: local time to the minute, labelled with its zone. */
export function dateTime(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.zone}`;
}

/** `2026-12-05`: the local calendar date. */
export function date(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The zone's short label now (`CET`), for headers that print times without one. */
export function zoneLabel(timeZone: string, at = new Date()): string {
  return parts(at, timeZone).zone;
}
