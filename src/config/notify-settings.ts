import { z } from 'zod';
import { secretHttpUrl } from '../core/secret-ref.js';
import { durationSchema } from './duration.js';

/*
 * The `notify:` and `heartbeat:` sections of ronde.yaml: the knobs of the
 * daemon's announcements and reminders, and its dead-man switch. Parsed to
 * the shapes src/notify/{announce,reminders}.ts accept.
 */

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_SEC = 86_400;

/** `mon 09:00` → ISO weekday and hour. Reminders are evaluated on the hour, so minutes must be :00. */
export function parseDigestTime(s: string): { weekday: number; hour: number } | string {
  const m = /^(mon|tue|wed|thu|fri|sat|sun)\s+(\d{1,2}):(\d{2})$/i.exec(s.trim());
  if (!m) return 'expected a weekday and a time such as "mon 09:00", or false';
  const hour = Number(m[2]);
  if (hour > 23) return `hour ${hour} is not in 0–23`;
  if (m[3] !== '00') return 'the digest goes out on the hour: use e.g. "mon 09:00"';
  return { weekday: WEEKDAYS.indexOf(m[1]!.toLowerCase() as (typeof WEEKDAYS)[number]) + 1, hour };
}

/** `22:00-08:00` → local hours [from, to), on the hour. */
export function parseQuietHours(s: string): { from: number; to: number } | string {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return 'expected a range of local times such as "22:00-08:00"';
  const [from, to] = [Number(m[1]), Number(m[3])];
  if (from > 23 || to > 23) return 'hours are 0–23';
  if (m[2] !== '00' || m[4] !== '00') return 'quiet hours start and end on the hour, e.g. "22:00-08:00"';
  if (from === to) return 'an empty range: give different start and end hours';
  return { from, to };
}

const digestSchema = z
  .union([z.literal(false), z.string()])
  .default('mon 09:00')
  .transform((v, ctx) => {
    if (v === false) return false as const;
    const parsed = parseDigestTime(v);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .describe('When the weekly digest goes out, local time (`mon 09:00`), or `false` for none.');

const quietSchema = z
  .string()
  .transform((v, ctx) => {
    const parsed = parseQuietHours(v);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .describe('Local hours when routine reminders and the digest wait (`22:00-08:00`); checks are never held.');

export const notifySettingsSchema = z
  .object({
    damping: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(2)
      .describe('Consecutive daemon rounds a new check status must hold before it is announced.'),
    remind_every: durationSchema
      .prefault('3d')
      .refine((s) => s >= DAY_SEC && s % DAY_SEC === 0, { error: 'expected whole days, e.g. 3d' })
      .describe('An overdue routine is reminded again every this many days.'),
    digest: digestSchema,
    quiet_hours: quietSchema.optional(),
    failing_after: z
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('`ronde.self` is CRIT when a notifier failed this many sends in a row.'),
    docs_url: z
      .string()
      .regex(/^https?:\/\/\S+$/, { error: 'expected an http(s):// URL of the docs folder' })
      .optional()
      .describe(
        'Where problem posts link each kind’s page: `DOCS_URL/checks/KIND.md`, e.g. your fork’s `https://git.example.org/ronde/-/blob/main/docs/` (default: the docs installed with ronde, as a path).',
      ),
    max_attempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe(
        'A message that keeps failing (timeouts, 5xx) is given up after this many attempts (10: about 3 h of back-off); it then shows in `ronde outbox` and makes `ronde.self` CRIT.',
      ),
  })
  .strict()
  .describe('How the daemon announces: damping, reminders, the weekly digest, quiet hours.');

export const heartbeatSchema = z
  .object({
    url: secretHttpUrl('HC_URL').describe(
      'Pinged after each daemon round (Healthchecks-style); `/fail` is appended when the round failed. A credential: give a reference, e.g. `${env:HC_URL}`.',
    ),
    timeout: durationSchema.prefault(10).describe('Time limit of one ping.'),
  })
  .strict()
  .describe('A dead-man switch: an outside service that alerts when the pings stop.');

/** The parsed `notify:` section, named as the notify modules take it. */
export interface NotifySettings {
  damping: number;
  remindEveryDays: number;
  digest: { weekday: number; hour: number } | false;
  quietHours?: { from: number; to: number };
  /** Consecutive failures of a notifier that make `ronde.self` CRIT. */
  failingAfter: number;
  /** Base URL of the docs folder; undefined: the installed docs, as a path. */
  docsUrl?: string;
  /** Attempts after which a transiently failing message is given up (`failed`). */
  maxAttempts: number;
}

export interface HeartbeatSettings {
  /** A secret reference or URL: resolved at each ping, never logged. */
  url: string;
  /** Seconds. */
  timeout: number;
}

export function toNotifySettings(raw: z.output<typeof notifySettingsSchema>): NotifySettings {
  const out: NotifySettings = {
    damping: raw.damping,
    remindEveryDays: raw.remind_every / DAY_SEC,
    digest: raw.digest,
    failingAfter: raw.failing_after,
    maxAttempts: raw.max_attempts,
  };
  if (raw.quiet_hours) out.quietHours = raw.quiet_hours;
  if (raw.docs_url) out.docsUrl = raw.docs_url;
  return out;
}
