import { z } from 'zod';
import { UpgradeSettings } from '../actions/upgrade/schema.js';
import type { Registry } from '../core/registry.js';
import { secretString } from '../core/secret-ref.js';
import { LANGS, type Lang } from '../i18n/lang.js';
import { MaintenanceWindows, Notifiers, Routes } from '../notify/schema.js';
import { Releases } from '../releases/schema.js';
import { Routines, Team } from '../routines/schema.js';
import { type WebSettings, webSettingsSchema } from '../web/config.js';
import { durationSchema } from './duration.js';
import {
  type HeartbeatSettings,
  heartbeatSchema,
  type NotifySettings,
  notifySettingsSchema,
} from './notify-settings.js';

/*
 * The raw shape of ronde.yaml. Every object is strict: a typo in a key is an
 * error, never silently ignored. Cross-field rules (unique names, selectors that
 * name real hosts, options per check kind) live in load.ts, which knows the registry.
 */

const NAME_RE = /^[A-Za-z0-9._-]+$/;
const nameSchema = z
  .string()
  .regex(NAME_RE, { error: 'expected a name of letters, digits, ".", "_" or "-"' });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const sshSchema = z
  .object({
    user: z.string().min(1).optional().describe('Login user (default: the user running ronde).'),
    port: z.number().int().min(1).max(65535).optional().describe('TCP port of sshd (default 22).'),
    identity: z
      .string()
      .min(1)
      .optional()
      .describe('Private key file; `~/` is the home of the user running ronde.'),
    agent: z
      .boolean()
      .optional()
      .describe('Offer the keys of the SSH agent at $SSH_AUTH_SOCK (default true).'),
    known_hosts: z
      .string()
      .min(1)
      .optional()
      .describe('known_hosts file (default ~/.ssh/known_hosts). Unknown or changed host keys are refused.'),
    jump: z
      .string()
      .min(1)
      .optional()
      .describe('Jump host (like ProxyJump): an inventory host name, or [user@]host[:port].'),
    connect_timeout: z
      .number()
      .positive()
      .max(600)
      .optional()
      .describe(
        'Seconds to connect, get the banner, exchange keys and log in (default: ssh_config ConnectTimeout, else 10).',
      ),
  })
  .strict()
  .describe('SSH connection settings; a host’s settings are merged over `defaults.ssh`.');

const SELECTOR_RE = /^!?(all|tag:[A-Za-z0-9._-]+|[A-Za-z0-9._-]+)$/;
const selectorSchema = z.string().regex(SELECTOR_RE, {
  error: 'expected a selector: all, a host name, tag:NAME, or one of these prefixed with ! to exclude',
});

export const hostSchema = z
  .object({
    name: nameSchema.describe('Unique name of the host, used in results and selectors.'),
    address: z.string().min(1).optional().describe('DNS name or IP address to reach it (default: the name).'),
    local: z
      .boolean()
      .optional()
      .describe('The machine ronde runs on: commands run locally, without SSH (default false).'),
    tags: z.array(nameSchema).optional().describe('Tags, for selecting hosts with `tag:NAME`.'),
    ssh: sshSchema.optional(),
    sudo: z
      .boolean()
      .optional()
      .describe('Run privileged commands through `sudo -n` on this host (default: `defaults.sudo`).'),
  })
  .strict();

export const checkEntrySchema = z
  .object({
    kind: z.string().describe('The check kind, e.g. `apt.pending` (see `ronde checks` / docs/checks/).'),
    name: nameSchema.optional().describe('Instance name, unique among checks (default: the kind).'),
    on: z
      .union([selectorSchema, z.array(selectorSchema).min(1)])
      .optional()
      .describe(
        'Hosts to run on: `all`, a host name, `tag:NAME`, `!…` to exclude; a list is the union minus exclusions (default all).',
      ),
    options: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Options of the kind, validated by its schema (see its docs page).'),
    interval: durationSchema.optional().describe('How often it runs (default: `defaults.interval`).'),
    timeout: durationSchema.optional().describe('Time limit (default: the kind’s, else `defaults.timeout`).'),
    sudo: z.boolean().optional().describe('Run its commands through `sudo -n` (default: the host’s `sudo`).'),
  })
  .strict();

export const databaseSchema = z
  .object({
    url: secretString
      .regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// or postgresql:// URL' })
      .optional()
      .describe(
        'PostgreSQL URL; put the password in a reference: `postgres://ronde:${env:PGPASS}@host/ronde`.',
      ),
    path: z.string().min(1).optional().describe('SQLite database file (default /var/lib/ronde/ronde.db).'),
  })
  .strict()
  .refine((d) => !(d.url && d.path), {
    error: 'give either url (PostgreSQL) or path (SQLite), not both',
    params: { key: 'config.database.urlOrPath' },
  })
  .describe('Where results, sign-offs and the outbox are stored.');

export const defaultsSchema = z
  .object({
    interval: durationSchema
      .prefault('5m')
      .describe('Default check interval: 30s, 5m, 1h, 7d, 2w or seconds.'),
    timeout: durationSchema.prefault('60s').describe('Default check time limit.'),
    concurrency: z.number().int().min(1).default(32).describe('Hosts checked at the same time.'),
    ssh: sshSchema.prefault({}),
    sudo: z.boolean().default(false).describe('Default of every host’s `sudo`.'),
  })
  .strict()
  .describe('Settings every host and check inherits.');

export const configSchema = z
  .object({
    timezone: z
      .string()
      .refine(isTimeZone, {
        error: 'expected an IANA time zone such as Europe/Paris',
        params: { key: 'config.timezone' },
      })
      .optional()
      .describe('IANA time zone for schedules and reports (default: the system’s).'),
    language: z
      .enum(LANGS)
      .optional()
      .describe(
        'Language of posts, e-mails, reminders, the digest and command output: `en` or `fr` (default: the locale — LC_ALL, LC_MESSAGES, LANG starting with `fr` → `fr`, else `en`).',
      ),
    database: databaseSchema.optional(),
    defaults: defaultsSchema.prefault({}),
    hosts: z.array(hostSchema).default([]).describe('The inventory. Empty: the machine ronde runs on.'),
    checks: z
      .array(checkEntrySchema)
      .optional()
      .describe('Check instances. Absent: the zero-config checks on every host.'),
    team: Team.default([]),
    routines: Routines.default([]),
    notifiers: Notifiers.default([]),
    routes: Routes.default([]),
    releases: Releases.default([]),
    maintenance: MaintenanceWindows.describe(
      'Recurring maintenance windows: no message for what they cover while open (docs/web.md).',
    ),
    notify: notifySettingsSchema.prefault({}),
    heartbeat: heartbeatSchema.optional(),
    web: webSettingsSchema.prefault({}),
    upgrade: UpgradeSettings.optional(),
  })
  .strict()
  .describe('ronde configuration (ronde.yaml)');

export type RawConfig = z.output<typeof configSchema>;
export type RawSsh = z.output<typeof sshSchema>;

/** SSH settings after merging a host's over `defaults.ssh`. */
export interface SshSettings {
  user?: string;
  port?: number;
  identity?: string;
  agent?: boolean;
  knownHosts?: string;
  jump?: string;
  connectTimeoutSec?: number;
}

export interface HostConfig {
  name: string;
  /** Where to connect (the name when not given). */
  address: string;
  /** Run commands locally, without SSH. */
  local: boolean;
  tags: string[];
  ssh: SshSettings;
  sudo: boolean;
}

export interface CheckInstanceConfig {
  kind: string;
  /** Instance id, unique (the kind when not given). */
  name: string;
  /** Selectors, as written (`all`, `web1`, `tag:web`, `!tag:x`). */
  on: string[];
  /** Parsed by the kind's schema, defaults applied. */
  options: unknown;
  /** Seconds. */
  interval: number;
  /** Seconds. */
  timeout: number;
  /** Undefined: the host's `sudo`. */
  sudo?: boolean;
}

export interface Config {
  timezone?: string;
  /** What ronde speaks: `language:`, else the locale's (src/i18n/lang.ts). */
  language: Lang;
  /** `url` may hold secret references: `resolveSecrets(url)` when connecting. */
  database?: { url?: string; path?: string };
  defaults: { interval: number; timeout: number; concurrency: number; ssh: SshSettings; sudo: boolean };
  hosts: HostConfig[];
  /** Undefined: no `checks:` key, so the zero-config checks run (see `effectiveChecks`). */
  checks?: CheckInstanceConfig[];
  /** Who shares the routines (src/routines/schema.ts). */
  team: Team;
  /** The recurring human duties (src/routines/schema.ts), assignees checked against `team`. */
  routines: Routines;
  /** Where messages go (src/notify/schema.ts); secrets stay references until sent. */
  notifiers: Notifiers;
  /** Which events go to which notifiers; empty: every event to every notifier. */
  routes: Routes;
  /** The release bot's watch list (src/releases/schema.ts). */
  releases: Releases;
  /** Recurring maintenance windows (src/notify/schema.ts). */
  maintenance: MaintenanceWindows;
  /** Announcement and reminder knobs (src/config/notify-settings.ts). */
  notify: NotifySettings;
  /** The daemon's dead-man switch; `url` stays a reference until each ping. */
  heartbeat?: HeartbeatSettings;
  /** The team's page and API (src/web/config.ts). */
  web: WebSettings;
  /** `ronde upgrade` (src/actions/upgrade/schema.ts); absent: no `upgrade:` key, defaults apply. */
  upgrade?: UpgradeSettings;
}

/**
 * The JSON Schema of ronde.yaml for editors, with each registered kind's
 * options (a `oneOf` discriminated by `kind`). Works with an empty registry.
 */
export function buildJsonSchema(registry: Registry): Record<string, unknown> {
  const kinds = registry.all();
  const item =
    kinds.length === 0
      ? checkEntrySchema
      : z.discriminatedUnion(
          'kind',
          kinds.map((k) =>
            checkEntrySchema.extend({
              kind: z.literal(k.id).describe(k.title),
              options: (k.options as z.ZodType).optional().describe(`Options of ${k.id}.`),
            }),
          ) as unknown as [z.ZodObject, ...z.ZodObject[]],
        );
  const schema = configSchema.extend({
    checks: z
      .array(item)
      .optional()
      .describe('Check instances. Absent: the zero-config checks on every host.'),
  });
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return {
    $schema: json.$schema,
    title: 'ronde.yaml',
    ...json,
  };
}
