import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';

export const VERIFY_FORMATS = [
  'auto',
  'gzip',
  'zstd',
  'xz',
  'bzip2',
  'tar',
  'pg_custom',
  'sql',
  'none',
] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

function compiles(re: string): boolean {
  try {
    new RegExp(re);
    return true;
  } catch {
    return false;
  }
}

const pct = z.number().min(0);

/** Options of backup.files (snake_case, as the backup issue names them). */
export const BackupFilesOptions = z
  .object({
    path: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute directory')
      .default('/var/backups')
      .describe('Absolute directory of the backups (a symlink is followed).'),
    pattern: z
      .string()
      .min(1)
      .default('*')
      .describe('`find -name` glob of the backup files, e.g. `*.sql.gz`.'),
    max_depth: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(1)
      .describe('How deep below `path` to look (1: only its own files).'),
    cadence: durationSchema.prefault('1d').describe('How often a new backup is expected: `12h`, `1d`, `1w`…'),
    warn_factor: z
      .number()
      .positive()
      .default(1.5)
      .describe('The newest file older than this × cadence is WARN.'),
    crit_factor: z
      .number()
      .positive()
      .default(2)
      .describe('The newest file older than this × cadence is CRIT.'),
    group_by: z
      .string()
      .min(1)
      .refine(compiles, 'not a valid regular expression')
      .optional()
      .describe(
        'Regex on the path below `path`; its first named group (else first group, else the match) names the series; files that do not match are ignored (counted in `unmatched`).',
      ),
    expected_groups: z
      .array(z.string().min(1))
      .default([])
      .describe('Series that must exist (e.g. every database): one without any file is CRIT.'),
    size_window: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(7)
      .describe('The newest size is compared with the median of this many previous non-empty backups.'),
    shrink_warn_pct: pct
      .max(100)
      .default(20)
      .describe('Newest this many percent smaller than the median: WARN.'),
    shrink_crit_pct: pct
      .max(100)
      .default(50)
      .describe('Newest this many percent smaller than the median: CRIT.'),
    growth_warn_pct: pct.default(100).describe('Newest this many percent larger than the median: WARN.'),
    growth_crit_pct: pct
      .optional()
      .describe('Newest this many percent larger than the median: CRIT (default: never).'),
    retention: z
      .object({
        min: z.number().int().min(0).optional().describe('Fewer files than this in a series: WARN.'),
        max: z.number().int().min(1).optional().describe('More files than this in a series: WARN.'),
      })
      .strict()
      .optional()
      .describe(
        'Number of files a series should keep: fewer is lost history, more is a broken rotation (WARN).',
      ),
    future_tolerance: durationSchema
      .prefault('5m')
      .describe("A newest file dated further ahead of the host's clock is WARN (bogus date or clock skew)."),
    verify: z
      .enum(VERIFY_FORMATS)
      .default('none')
      .describe(
        'Integrity test of the newest file of each series: `auto` (by its name), `gzip`, `zstd`, `xz`, `bzip2`, `tar`, `pg_custom`, `sql` or `none`.',
      ),
    verify_timeout: durationSchema
      .prefault('10m')
      .describe("Time limit of one integrity test (the instance's `timeout` must cover them all)."),
    sudo: z.boolean().default(false).describe('Run find and the tests through `sudo -n`.'),
  })
  .strict()
  .refine((o) => o.warn_factor <= o.crit_factor, 'warn_factor must not exceed crit_factor')
  .refine((o) => o.shrink_warn_pct <= o.shrink_crit_pct, 'shrink_warn_pct must not exceed shrink_crit_pct')
  .refine(
    (o) => o.growth_crit_pct === undefined || o.growth_warn_pct <= o.growth_crit_pct,
    'growth_warn_pct must not exceed growth_crit_pct',
  )
  .refine(
    (o) =>
      !o.retention ||
      o.retention.min === undefined ||
      o.retention.max === undefined ||
      o.retention.min <= o.retention.max,
    'retention.min must not exceed retention.max',
  );
export type BackupFilesOptions = z.output<typeof BackupFilesOptions>;
