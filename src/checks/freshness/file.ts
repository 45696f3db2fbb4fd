import { z } from 'zod';
import { durationSchema } from '../../config/duration.js';
import { type CheckOutcome, defineCheck } from '../../core/check.js';
import type { CommandResult } from '../../core/command.js';
import { unknown } from '../../core/outcome.js';
import { notAbove } from '../../core/sentence.js';
import { type Lang, t } from '../../i18n/index.js';
import { findAndClock, judgeAge, parseEpoch, parseFindErrors } from '../_shared/age.js';

const Options = z
  .object({
    path: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .default('/var/lib/apt/periodic/update-success-stamp')
      .describe("Absolute path of the artefact (a symlink is followed; a directory's own mtime works too)."),
    max_age: durationSchema.prefault('2d').describe('Older than this: CRIT.'),
    warn_age: durationSchema.optional().describe('Older than this: WARN.'),
    future_tolerance: durationSchema
      .prefault('5m')
      .describe("Dated further ahead of the host's clock than this: WARN (bogus date or clock skew)."),
    sudo: z.boolean().default(false).describe('Run find through `sudo -n`.'),
  })
  .strict()
  .refine((o) => o.warn_age === undefined || o.warn_age <= o.max_age, notAbove('warn_age', 'max_age'));
export type FreshnessFileOptions = z.output<typeof Options>;

export function evaluateFreshnessFile(
  outputs: readonly CommandResult[],
  o: FreshnessFileOptions,
  lang: Lang,
): CheckOutcome {
  const ran = findAndClock(outputs, lang);
  if ('status' in ran) return ran;
  const { find, now } = ran;
  const errors = parseFindErrors(find.stderr);
  if (errors.some((e) => e.kind === 'missing')) {
    const why = t(lang, 'freshness.file.missing', { path: o.path });
    return { status: 'CRIT', summary: why, reasons: [why], details: { path: o.path } };
  }
  const denied = errors.find((e) => e.kind === 'denied');
  if (denied) return unknown(t(lang, 'freshness.file.denied', { path: denied.path ?? o.path }));
  const mtime = parseEpoch(find.stdout);
  if (find.exitCode !== 0 || mtime === null)
    return unknown(
      t(lang, 'freshness.file.noMtime', {
        path: o.path,
        error:
          errors[0]?.message ?? (find.stdout.trim() || t(lang, 'check.why.exit', { code: find.exitCode })),
      }),
    );
  return judgeAge(o.path, mtime, now, o, { path: o.path }, lang);
}

export const freshnessFile = defineCheck({
  id: 'freshness.file',
  title: 'Freshness of a file',
  options: Options,
  zeroConfig: false,
  timeoutSec: 20,
  commands: (o) => [
    { argv: ['find', '-H', o.path, '-maxdepth', '0', '-printf', '%T@\\n'], timeoutSec: 20, sudo: o.sudo },
    { argv: ['date', '+%s'], timeoutSec: 10 },
  ],
  evaluate: (ctx) => evaluateFreshnessFile(ctx.outputs, ctx.options, ctx.lang),
});
