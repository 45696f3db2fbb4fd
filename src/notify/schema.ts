import { Cron } from 'croner';
import { z } from 'zod';
import { durationSchema } from '../config/duration.js';
import { secretString as SecretString, secretHttpUrl } from '../core/secret-ref.js';
import { type Lang, t } from '../i18n/index.js';
import { EVENTS, type NotifyEvent } from './types.js';

/*
 * The `notifiers:` and `routes:` sections of ronde.yaml, exported for the main
 * config schema. Defined here, not imported from config/schema.ts, so that
 * file can import this one without an import cycle.
 */

const Name = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a name of letters, digits, ".", "_" or "-"' });

// A URL, or a reference to one: syntax checked now, scheme checked again at each send.
const HttpUrl = secretHttpUrl('HOOK_URL');

const timeout = durationSchema
  .prefault(10)
  .describe('Time limit of one send, after which it counts as failed and is retried (default 10s).');

export const MattermostNotifier = z
  .object({
    name: Name.describe('Unique name of the notifier, used in `routes:` and `ronde notify test NAME`.'),
    type: z.literal('mattermost'),
    url: HttpUrl.describe(
      'Incoming webhook URL. It is a credential: give it as a reference, e.g. `${env:MATTERMOST_HOOK}`.',
    ),
    channel: z
      .string()
      .min(1)
      .optional()
      .describe('Channel name (e.g. `town-square`, `@user` for a DM) instead of the hook’s default.'),
    username: z.string().min(1).optional().describe('Name shown as the poster (needs override enabled).'),
    icon_url: z.url().optional().describe('Avatar URL shown with the post (needs override enabled).'),
    icon_emoji: z.string().min(1).optional().describe('Emoji shown as avatar, e.g. `bell`.'),
    timeout,
  })
  .strict();
export type MattermostNotifier = z.output<typeof MattermostNotifier>;

export const WebhookNotifier = z
  .object({
    name: Name.describe('Unique name of the notifier.'),
    type: z.literal('webhook'),
    url: HttpUrl.describe('URL the JSON is POSTed to; may hold references.'),
    headers: z
      .record(
        z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { error: 'expected an HTTP header name' }),
        SecretString,
      )
      .default({})
      .describe('Extra request headers; values may hold references (`Bearer ${env:TOKEN}`).'),
    timeout,
  })
  .strict();
export type WebhookNotifier = z.output<typeof WebhookNotifier>;

export const EmailNotifier = z
  .object({
    name: Name.describe('Unique name of the notifier.'),
    type: z.literal('email'),
    host: z.string().min(1).describe('SMTP server.'),
    port: z.number().int().min(1).max(65535).optional().describe('Default 587, or 465 with `tls: true`.'),
    starttls: z
      .boolean()
      .default(true)
      .describe('Require STARTTLS: a server that does not offer it is an error, never plaintext.'),
    tls: z.boolean().default(false).describe('Implicit TLS from the first byte (SMTPS, usually port 465).'),
    ca: z.string().min(1).optional().describe('PEM file of the CA that signed the server certificate.'),
    user: SecretString.optional().describe('SMTP login.'),
    password: SecretString.optional().describe('SMTP password, as a reference: `${file:/etc/ronde/smtp}`.'),
    from: z.string().min(1).describe('Sender, e.g. `ronde <ronde@example.org>`.'),
    to: z.array(z.string().min(1)).min(1).describe('Recipients.'),
    timeout,
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.user === undefined) !== (e.password === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'give both `user` and `password`, or neither',
        params: { key: 'config.email.userPassword' },
        path: ['user'],
      });
    if (e.user !== undefined && !e.starttls && !e.tls)
      ctx.addIssue({
        code: 'custom',
        message: 'a password is never sent in plaintext: keep `starttls: true` or set `tls: true`',
        params: { key: 'config.email.plaintext' },
        path: ['starttls'],
      });
  });
export type EmailNotifier = z.output<typeof EmailNotifier>;

export const NotifierConfig = z.discriminatedUnion('type', [
  MattermostNotifier,
  WebhookNotifier,
  EmailNotifier,
]);
export type NotifierConfig = z.output<typeof NotifierConfig>;
export type NotifierType = NotifierConfig['type'];

export const Notifiers = z
  .array(NotifierConfig)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, n] of list.entries()) {
      if (seen.has(n.name))
        ctx.addIssue({
          code: 'custom',
          message: `notifier "${n.name}" defined twice`,
          params: { key: 'config.notifier.twice', name: n.name },
          path: [i, 'name'],
        });
      seen.add(n.name);
    }
  })
  .describe('Where notifications go: Mattermost incoming webhooks, generic webhooks, e-mail.');
export type Notifiers = z.output<typeof Notifiers>;

/** `check.*` → /^check\..*$/. Only letters, dots and `*`, so nothing else is special. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
}

const EventGlob = z
  .string()
  .regex(/^[a-z.*]+$/, { error: 'expected an event or a glob such as check.* or *' })
  .refine((g) => EVENTS.some((e) => globToRegExp(g).test(e)), {
    // A typo (`chek.*`) would otherwise silently route nothing.
    error: `matches no event; events are ${EVENTS.join(', ')}`,
    params: { key: 'config.route.noEvent', events: EVENTS.join(', ') },
  });

export const Route = z
  .object({
    events: z.array(EventGlob).min(1).describe('Events or globs: `check.problem`, `routine.*`, `*`.'),
    notifiers: z.array(Name).min(1).describe('Names of notifiers these events go to.'),
  })
  .strict();
export type Route = z.output<typeof Route>;

export const Routes = z
  .array(Route)
  .describe('Which events go to which notifiers. Absent or empty: every event to every notifier.');
export type Routes = z.output<typeof Routes>;

/** Cross-section check for the config loader: a route must name defined notifiers. */
export function routeIssues(
  routes: readonly Route[],
  notifiers: readonly { name: string }[],
  lang: Lang = 'en',
): { path: (string | number)[]; message: string }[] {
  const names = new Set(notifiers.map((n) => n.name));
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [i, r] of routes.entries())
    for (const [j, n] of r.notifiers.entries())
      if (!names.has(n))
        issues.push({
          path: ['routes', i, 'notifiers', j],
          message: t(lang, 'config.notifier.none', { name: n }),
        });
  return issues;
}

/** Names of the notifiers `event` goes to, in the order of `notifierNames`. */
export function route(
  event: NotifyEvent,
  routes: readonly Route[] | undefined,
  notifierNames: readonly string[],
): string[] {
  if (!routes || routes.length === 0) return [...notifierNames];
  const chosen = new Set<string>();
  for (const r of routes)
    if (r.events.some((g) => globToRegExp(g).test(event))) for (const n of r.notifiers) chosen.add(n);
  return notifierNames.filter((n) => chosen.has(n));
}

function validCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** `maintenance:` — recurring windows (a cron and a duration) that hold back what they cover. */
export const MaintenanceWindow = z
  .object({
    name: Name.describe('Unique name, shown on the page and in the outbox as the reason.'),
    cron: z
      .string()
      .min(1)
      .refine(validCron, {
        error: 'expected a cron pattern such as "0 3 * * sun" (MIN HOUR DOM MON DOW)',
        params: { key: 'config.window.cron' },
      })
      .describe('When each window opens: "MIN HOUR DOM MON DOW" in the configured timezone.'),
    duration: durationSchema.describe('How long each window lasts (`2h`, `30m`).'),
    host: z.string().min(1).optional().describe('Cover this host only.'),
    tag: z.string().min(1).optional().describe('Cover the hosts with this tag.'),
    kind: z.string().min(1).optional().describe('Cover this check kind only.'),
    check: z.string().min(1).optional().describe('Cover this check name only.'),
    reason: z.string().default('').describe('Why (shown with the window).'),
  })
  .strict()
  .refine((w) => w.host || w.tag || w.kind || w.check, {
    error: 'a window covers something: give host, tag, kind or check',
    params: { key: 'config.window.covers' },
  })
  .describe('A recurring maintenance window: no message for what it covers while it is open.');

export const MaintenanceWindows = z.array(MaintenanceWindow).default([]);
export type MaintenanceWindow = z.output<typeof MaintenanceWindow>;
export type MaintenanceWindows = z.output<typeof MaintenanceWindows>;
