import { z } from 'zod';
import { resolverOption } from '../../../clients/dns/resolver.js';
import { durationSchema } from '../../../config/duration.js';
import { notAbove } from '../../../core/sentence.js';

export const Options = z
  .object({
    zones: z
      .array(
        z
          .string()
          .regex(
            /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{2,63}\.?$/i,
            'a zone name such as example.org',
          ),
      )
      .min(1)
      .describe('Signed zones to watch, e.g. `example.org`.'),
    resolver: resolverOption,
    warn_days: z
      .number()
      .min(0)
      .default(6)
      .describe(
        'WARN when the earliest signature (SOA, DNSKEY, NS) expires in fewer days: signers refresh well before (BIND at 7.5 days left).',
      ),
    crit_days: z.number().min(0).default(4).describe('CRIT when it expires in fewer days, or has expired.'),
    require_ds: z
      .boolean()
      .default(true)
      .describe('WARN when the parent has no DS for a signed zone (its signatures then protect nothing).'),
    timeout: durationSchema.prefault('5s').describe('Time limit of each DNS query.'),
  })
  .strict()
  .refine((o) => o.crit_days <= o.warn_days, notAbove('crit_days', 'warn_days'));
export type DnssecOptions = z.output<typeof Options>;
