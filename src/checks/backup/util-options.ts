import { z } from 'zod';
import { durationSchema } from '../../config/duration.js';

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
    /** Directory holding the backups (symlink followed). */
    path: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute directory')
      .default('/var/backups'),
    /** find -name glob of the backup files. */
    pattern: z.string().min(1).default('*'),
    /** How deep below `path` to look (1 = only its own files). */
    max_depth: z.number().int().min(1).max(20).default(1),
    /** How often a new backup is expected. */
    cadence: durationSchema.prefault('1d'),
    warn_factor: z.number().positive().default(1.5),
    crit_factor: z.number().positive().default(2),
    /** Regex on the path below `path`; its named (or first) group names the series. */
    group_by: z.string().min(1).refine(compiles, 'not a valid regular expression').optional(),
    /** Series that must exist (e.g. every database): a missing one is CRIT. */
    expected_groups: z.array(z.string().min(1)).default([]),
    /** The newest size is compared with the median of this many previous backups. */
    size_window: z.number().int().min(1).max(100).default(7),
    shrink_warn_pct: pct.max(100).default(20),
    shrink_crit_pct: pct.max(100).default(50),
    growth_warn_pct: pct.default(100),
    growth_crit_pct: pct.optional(),
    /** Number of files a series should keep: fewer = lost history, more = rotation broken. */
    retention: z
      .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    /** A newest file dated further ahead of the host's clock is WARN (bogus date or skew). */
    future_tolerance: durationSchema.prefault('5m'),
    verify: z.enum(VERIFY_FORMATS).default('none'),
    /** Time limit of one integrity test (the instance's `timeout` must cover them all). */
    verify_timeout: durationSchema.prefault('10m'),
    sudo: z.boolean().default(false),
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
