import { z } from 'zod';
import { STATUSES } from '../core/status.js';

/**
 * The `ronde check --json` document. Versioned: a field is never removed or
 * changes meaning within a version; new optional fields may appear.
 * Its JSON Schema is published as docs/schema/check-output.schema.json.
 */
export const CHECK_OUTPUT_VERSION = 1;

const status = z.enum(STATUSES);

export const evidenceSchema = z
  .object({
    command: z.string().describe('The command as run (argv, shell-quoted for reading).'),
    exitCode: z.number().int().nullable().describe('null when it did not finish.'),
    timedOut: z.boolean(),
    durationMs: z.number(),
    stdout: z.string().optional().describe('Captured output, cut at 4 KiB.'),
    stderr: z.string().optional(),
    error: z.string().optional(),
  })
  .strict();

export const resultSchema = z
  .object({
    check: z.string().describe('Check instance: its `name` in the config, else its kind.'),
    kind: z.string().describe('Check kind, e.g. apt.pending.'),
    target: z.string().describe('Host name.'),
    status,
    summary: z.string(),
    reasons: z.array(z.string()).describe('Why the status is not OK; never empty for UNKNOWN.'),
    details: z.record(z.string(), z.unknown()).describe('Facts of the check, per kind (see docs/checks/).'),
    notApplicable: z
      .boolean()
      .optional()
      .describe('Zero-config run: the subject does not exist here; not counted in the overall status.'),
    startedAt: z.string().describe('ISO 8601 UTC.'),
    durationMs: z.number(),
    evidence: z.array(evidenceSchema),
  })
  .strict();

export const checkOutputSchema = z
  .object({
    version: z.literal(CHECK_OUTPUT_VERSION),
    tool: z.literal('ronde'),
    status: status.describe('Worst status, in the order CRIT > WARN > UNKNOWN > OK.'),
    exitCode: z.number().int().describe('0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN, 130 interrupted.'),
    startedAt: z.string(),
    finishedAt: z.string(),
    interrupted: z.boolean().describe('Ctrl-C: only the results that were complete are listed.'),
    round: z.number().int().nullable().describe('Id of the round in the store; null when not saved.'),
    config: z.string().nullable().describe('Configuration file used; null in zero-config mode.'),
    counts: z.record(z.enum([...STATUSES, 'NOT_APPLICABLE']), z.number().int()),
    targets: z.array(
      z
        .object({
          name: z.string(),
          transport: z.enum(['local', 'ssh']),
          status,
          results: z.array(resultSchema),
        })
        .strict(),
    ),
  })
  .strict()
  .describe('ronde check --json output');

export type CheckOutput = z.output<typeof checkOutputSchema>;

export function checkOutputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(checkOutputSchema, { target: 'draft-2020-12' });
}
