import { z } from 'zod';
import { durationSchema } from '../../config/duration.js';
import { type CheckOutcome, defineCheck } from '../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../core/command.js';
import { unknown } from '../../core/outcome.js';
import { judgeAge, parseEpoch, parseFindErrors } from './util-age.js';

const Options = z
  .object({
    /** Absolute path of the artefact (a directory's own mtime works too). */
    path: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .default('/var/lib/apt/periodic/update-success-stamp'),
    /** Older than this: CRIT. */
    max_age: durationSchema.prefault('2d'),
    /** Older than this: WARN (optional). */
    warn_age: durationSchema.optional(),
    future_tolerance: durationSchema.prefault('5m'),
    sudo: z.boolean().default(false),
  })
  .strict()
  .refine((o) => o.warn_age === undefined || o.warn_age <= o.max_age, 'warn_age must not exceed max_age');
export type FreshnessFileOptions = z.output<typeof Options>;

export function evaluateFreshnessFile(
  outputs: readonly CommandResult[],
  o: FreshnessFileOptions,
): CheckOutcome {
  const [find, date] = outputs;
  if (!find || !date) return unknown('find or date did not run');
  if (find.exitCode === EXIT_NOT_FOUND) return unknown('find not found on the target');
  const now = parseEpoch(date.stdout);
  if (now === null)
    return unknown(`cannot read the host's clock (date +%s): ${date.stderr.trim() || date.stdout.trim()}`);
  const errors = parseFindErrors(find.stderr);
  if (errors.some((e) => e.kind === 'missing')) {
    const why = `no such file: ${o.path}`;
    return { status: 'CRIT', summary: why, reasons: [why], details: { path: o.path } };
  }
  const denied = errors.find((e) => e.kind === 'denied');
  if (denied) return unknown(`permission denied: ${denied.path ?? o.path}`);
  const mtime = parseEpoch(find.stdout);
  if (find.exitCode !== 0 || mtime === null)
    return unknown(
      `cannot read the mtime of ${o.path}: ${errors[0]?.message ?? (find.stdout.trim() || `exit ${find.exitCode}`)}`,
    );
  return judgeAge(o.path, mtime, now, o, { path: o.path });
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
  evaluate: (ctx) => evaluateFreshnessFile(ctx.outputs, ctx.options),
  docs: {
    observes:
      'The modification time of one file (a report, a graph, a stamp written by a job) against a maximum age, with the host’s own clock: "if the graph is not from yesterday, something is wrong".',
    privileges: 'Search access to the directories above the file; `sudo: true` runs find through `sudo -n`.',
    statuses: {
      OK: 'modified less than max_age (and warn_age) ago',
      WARN: 'older than warn_age, or dated in the future beyond future_tolerance',
      CRIT: 'older than max_age, or missing',
      UNKNOWN: 'permission denied (named), the host clock unreadable, or find failed',
    },
    example:
      'checks:\n  - kind: freshness.file\n    name: grafana-report\n    on: monitor\n    options:\n      path: /var/www/reports/daily.png\n      max_age: 26h\n',
  },
});
