import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { notAbove } from '../../../core/sentence.js';

/* The age and size rules every backup.* kind applies to its newest backup, and their cross-field checks. */

const pct = z.number().min(0);

/** How old the newest backup may be: cadence × factor. */
export const ageRuleShape = {
  cadence: durationSchema.prefault('1d').describe('How often a new backup is expected: `12h`, `1d`, `1w`…'),
  warn_factor: z
    .number()
    .positive()
    .default(1.5)
    .describe('The newest backup older than this × cadence is WARN.'),
  crit_factor: z
    .number()
    .positive()
    .default(2)
    .describe('The newest backup older than this × cadence is CRIT.'),
};

/** How far the newest size may stray from the median of the previous ones. */
export const sizeRuleShape = {
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
};

export type RuleValues = {
  warn_factor: number;
  crit_factor: number;
  shrink_warn_pct: number;
  shrink_crit_pct: number;
  growth_warn_pct: number;
  growth_crit_pct?: number | undefined;
};

/** A WARN threshold never beyond its CRIT one. */
export function refineRules<T extends RuleValues>(schema: z.ZodType<T>) {
  return schema
    .refine((o) => o.warn_factor <= o.crit_factor, notAbove('warn_factor', 'crit_factor'))
    .refine((o) => o.shrink_warn_pct <= o.shrink_crit_pct, notAbove('shrink_warn_pct', 'shrink_crit_pct'))
    .refine(
      (o) => o.growth_crit_pct === undefined || o.growth_warn_pct <= o.growth_crit_pct,
      notAbove('growth_warn_pct', 'growth_crit_pct'),
    );
}
