import { z } from 'zod';
import { durationSchema } from '../../config/duration.js';
import { secretString } from '../../core/secret-ref.js';
import { type Lang, t } from '../../i18n/index.js';

/*
 * The `upgrade:` section of ronde.yaml: which hosts `ronde upgrade` may
 * touch, in what order, with which safety nets. Lent to config/schema.ts
 * (the only part of actions that config may import).
 */

const Name = z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"');
const Selector = z
  .string()
  .regex(/^!?(all|tag:[A-Za-z0-9._-]+|[A-Za-z0-9._-]+)$/, 'expected all, a host name, tag:NAME, or !…');

const ProxmoxSnapshot = z
  .object({
    url: z
      .string()
      .regex(/^https:\/\/[^/\s]+(\/api2\/json)?\/?$/, 'https://HOST:8006')
      .describe('Proxmox VE API, `https://HOST:8006` (any node of the cluster).'),
    token_id: z
      .string()
      .regex(/^[^@\s]+@[^!\s]+![\w.-]+$/, 'USER@REALM!TOKENNAME')
      .describe('API token id with VM.Snapshot on the guests, `USER@REALM!TOKENNAME`.'),
    token: secretString.describe('The token secret, as a reference: `${env:PVE_TOKEN}` or `${file:/path}`.'),
    ca_file: z.string().min(1).optional().describe('PEM file of the CA (or certificate) to trust.'),
    fingerprint: z
      .string()
      .regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 fingerprint, AA:BB:… (32 bytes)')
      .optional()
      .describe('SHA-256 fingerprint of the server certificate to pin.'),
    guests: z
      .record(Name, z.object({ node: Name, vmid: z.number().int().positive() }).strict())
      .default({})
      .describe('Inventory host name → `{ node, vmid }` of its VM.'),
    timeout: durationSchema.prefault('10m').describe('Time limit of one snapshot task.'),
  })
  .strict()
  .describe('Snapshot each VM through the Proxmox API before upgrading it.');

export const UpgradeSettings = z
  .object({
    hosts: z
      .array(Selector)
      .default(['all'])
      .describe('Hosts `ronde upgrade` may upgrade: all, NAME, tag:NAME, !… to exclude.'),
    routine: z
      .string()
      .optional()
      .describe('Routine signed off when a run upgrades every one of these hosts (e.g. vm-updates).'),
    parallel: z.number().int().min(1).max(64).default(1).describe('Hosts upgraded at the same time.'),
    exclusive_tags: z
      .array(Name)
      .default([])
      .describe(
        'Two hosts sharing one of these tags are never upgraded at the same time (db, a service group).',
      ),
    timeout: durationSchema.prefault('30m').describe('Time limit of `apt-get full-upgrade` on one host.'),
    reboot: z
      .enum(['when-required', 'never'])
      .default('when-required')
      .describe(
        'when-required: reboot a host that asks for it (new kernel, reboot-required); never: only report it.',
      ),
    reboot_timeout: durationSchema
      .prefault('10m')
      .describe('How long a rebooting host has to answer SSH again.'),
    window: Name.optional().describe(
      'A `maintenance:` window by name: hosts it covers are upgraded only while it is open.',
    ),
    backup_max_age: durationSchema
      .optional()
      .describe('Refuse a host whose newest known backup (proxmox.backups results) is older than this.'),
    snapshot: ProxmoxSnapshot.optional(),
    pre_hook: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'A command run on the ronde machine before each host (argv; `{host}` is replaced); must exit 0.',
      ),
  })
  .strict()
  .describe('Orchestrated upgrades (`ronde upgrade`, docs/upgrade.md).');

export type UpgradeSettings = z.output<typeof UpgradeSettings>;
export type ProxmoxSnapshotSettings = z.output<typeof ProxmoxSnapshot>;

/** Cross-section checks the loader runs: names in `upgrade:` must exist elsewhere in the file. */
export function upgradeIssues(
  u: UpgradeSettings | undefined,
  known: { hosts: readonly string[]; routines: readonly string[]; windows: readonly string[] },
  lang: Lang = 'en',
): { path: (string | number)[]; message: string }[] {
  if (!u) return [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (u.routine !== undefined && !known.routines.includes(u.routine))
    issues.push({
      path: ['upgrade', 'routine'],
      message: t(lang, 'config.upgrade.noRoutine', { name: u.routine }),
    });
  if (u.window !== undefined && !known.windows.includes(u.window))
    issues.push({
      path: ['upgrade', 'window'],
      message: t(lang, 'config.upgrade.noWindow', { name: u.window }),
    });
  for (const name of Object.keys(u.snapshot?.guests ?? {}))
    if (!known.hosts.includes(name))
      issues.push({
        path: ['upgrade', 'snapshot', 'guests', name],
        message: t(lang, 'config.upgrade.notHost', { name }),
      });
  return issues;
}
