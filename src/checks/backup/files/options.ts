import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { notAbove, sentence } from '../../../core/sentence.js';
import { ageRuleShape, refineRules, sizeRuleShape } from '../_shared/rules.js';

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

/** Options of backup.files (snake_case, as the backup issue names them). */
export const BackupFilesOptions = refineRules(
  z
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
      ...ageRuleShape,
      group_by: z
        .string()
        .min(1)
        .refine(compiles, sentence('config.option.regex'))
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
      ...sizeRuleShape,
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
        .describe(
          "A newest file dated further ahead of the host's clock is WARN (bogus date or clock skew).",
        ),
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
    .strict(),
).refine(
  (o) =>
    !o.retention ||
    o.retention.min === undefined ||
    o.retention.max === undefined ||
    o.retention.min <= o.retention.max,
  notAbove('retention.min', 'retention.max'),
);
export type BackupFilesOptions = z.output<typeof BackupFilesOptions>;
