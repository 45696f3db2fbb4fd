import { z } from 'zod';
import { readBackupInventory } from '../../../clients/proxmox/backup-inventory.js';
import { ProxmoxClient, ProxmoxError } from '../../../clients/proxmox/client.js';
import { durationSchema } from '../../../config/duration.js';
import { SecretError } from '../../../config/secrets.js';
import { type CheckKind, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { notAbove, notBoth } from '../../../core/sentence.js';
import { type Lang, t } from '../../../i18n/index.js';
import { type ConnectionFetcher, connectionFetcher, connectionOptions } from '../_shared/connection.js';
import { judgeBackups } from './judge.js';

const fraction = z.number().min(0).max(1);

const Options = z
  .object({
    ...connectionOptions,
    storages: z
      .array(z.string().min(1))
      .default([])
      .describe('Storages that hold backups; empty: every storage with content `backup`.'),
    cadence: durationSchema.prefault('1d').describe('How often each guest is backed up.'),
    warn_factor: z
      .number()
      .min(1)
      .default(1.5)
      .describe('WARN when the newest backup is older than cadence × this.'),
    crit_factor: z.number().min(1).default(2).describe('CRIT when older than cadence × this.'),
    size_drop_warn: fraction
      .default(0.2)
      .describe('WARN when the newest backup is this much below the median.'),
    size_drop_crit: fraction.default(0.5).describe('CRIT when this much below the median.'),
    ignore_vmids: z.array(z.number().int().positive()).default([]).describe('Guests never judged.'),
    failed_task_days: z
      .number()
      .positive()
      .default(7)
      .describe('Look-back window for failed vzdump tasks, days.'),
  })
  .strict()
  .refine((o) => o.warn_factor <= o.crit_factor, notAbove('warn_factor', 'crit_factor'))
  .refine((o) => o.size_drop_warn <= o.size_drop_crit, notAbove('size_drop_warn', 'size_drop_crit'))
  .refine((o) => !(o.ca_file && o.fingerprint), notBoth('ca_file', 'fingerprint'));
export type ProxmoxBackupsOptions = z.output<typeof Options>;

/** Builds the API fetcher from the options; injectable for tests. */
export type FetcherFactory = ConnectionFetcher;
export const defaultFetcher: FetcherFactory = connectionFetcher;

/** Reads the cluster's backups through the API and judges them; any failure to read is UNKNOWN. */
export async function evaluateBackups(
  o: ProxmoxBackupsOptions,
  now: Date,
  signal: AbortSignal,
  lang: Lang,
  factory: FetcherFactory = defaultFetcher,
): Promise<CheckOutcome> {
  try {
    const api = new ProxmoxClient(factory(o), signal);
    const inv = await readBackupInventory(api, {
      storages: o.storages,
      since: Math.floor(now.getTime() / 1000 - o.failed_task_days * 86_400),
    });
    return judgeBackups(
      inv,
      {
        cadenceSec: o.cadence,
        warnFactor: o.warn_factor,
        critFactor: o.crit_factor,
        sizeDropWarn: o.size_drop_warn,
        sizeDropCrit: o.size_drop_crit,
        ignoreVmids: o.ignore_vmids,
      },
      now,
      lang,
    );
  } catch (err) {
    if (err instanceof ProxmoxError || err instanceof SecretError)
      return unknown(t(lang, 'proxmox.backups.api', { url: o.url, error: sayError(lang, err) }));
    throw err;
  }
}

/** The kind over a given fetcher factory; the registered one uses real HTTPS. */
export function makeProxmoxBackups(factory: FetcherFactory): CheckKind<ProxmoxBackupsOptions> {
  return defineCheck({
    id: 'proxmox.backups',
    title: 'Proxmox VE backups of every guest',
    options: Options,
    zeroConfig: false,
    timeoutSec: 120,
    // Talks to the API from ronde's machine: nothing runs on the target.
    commands: () => [],
    evaluate: (ctx) => evaluateBackups(ctx.options, ctx.now, ctx.signal, ctx.lang, factory),
  });
}

export const proxmoxBackups = makeProxmoxBackups(defaultFetcher);
