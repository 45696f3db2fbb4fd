import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';

const zone = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{2,63}\.?$/i,
    'a domain such as example.org',
  );
/** `ns1.example.org/192.0.2.53` or `ns1.example.org` (zonemaster-cli's --ns). */
const ns = z
  .string()
  .regex(/^[a-z0-9_.-]+(\/[0-9a-f:.]+)?$/i, 'NAME or NAME/IP, e.g. ns1.example.org/192.0.2.53');

export const Options = z
  .object({
    domains: z
      .array(
        z.union([
          zone,
          z
            .object({
              domain: zone.describe('The domain to test.'),
              ns: z
                .array(ns)
                .default([])
                .describe(
                  'Name servers to test instead of the delegation (undelegated test: a zone not yet delegated, a migration).',
                ),
            })
            .strict(),
        ]),
      )
      .min(1)
      .describe('Domains to test: a name, or `{domain, ns}`.'),
    hints: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .optional()
      .describe('Root hints file on the target (`--hints`): a private root, or a lab.'),
    ipv6: z
      .boolean()
      .default(true)
      .describe('Ask over IPv6 too (false: `--no-ipv6`, for a machine without IPv6).'),
    timeout: durationSchema
      .prefault('10m')
      .describe("Time limit of one domain's run (a full test takes minutes)."),
  })
  .strict();
export type ZonemasterOptions = z.output<typeof Options>;

export interface DomainSpec {
  domain: string;
  ns: string[];
}

export function domainSpecs(o: ZonemasterOptions): DomainSpec[] {
  return o.domains.map((d) =>
    typeof d === 'string'
      ? { domain: d.replace(/\.$/, '').toLowerCase(), ns: [] }
      : { domain: d.domain.replace(/\.$/, '').toLowerCase(), ns: d.ns },
  );
}

export function zonemasterArgv(d: DomainSpec, o: ZonemasterOptions): string[] {
  return [
    'zonemaster-cli',
    // One JSON object per line, each with its translated message.
    '--json-stream',
    '--json-translate',
    '--no-progress',
    '--level',
    'NOTICE',
    ...(o.ipv6 ? [] : ['--no-ipv6']),
    ...(o.hints ? ['--hints', o.hints] : []),
    ...d.ns.flatMap((n) => ['--ns', n]),
    // zonemaster-cli knows no `--`: the domain's syntax (no leading dash) keeps it an operand.
    d.domain,
  ];
}
