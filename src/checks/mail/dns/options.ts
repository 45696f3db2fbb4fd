import { isIP } from 'node:net';
import { z } from 'zod';
import { resolverOption } from '../../../clients/dns/resolver.js';
import { durationSchema } from '../../../config/duration.js';
import { sentence } from '../../../core/sentence.js';

const domain = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\.?$/i,
    'a domain such as example.org',
  );

export const Options = z
  .object({
    domains: z.array(domain).default([]).describe('Mail domains to check: MX, SPF, DMARC, DKIM.'),
    sending_ips: z
      .array(z.string().refine((s) => isIP(s) !== 0, sentence('config.option.ipv4or6')))
      .default([])
      .describe(
        'Addresses your server sends from: each needs a PTR whose name resolves back to it (FCrDNS).',
      ),
    dkim_selectors: z
      .array(z.string().regex(/^[a-z0-9._-]+$/i, 'a DKIM selector such as mail2024'))
      .default([])
      .describe(
        'DKIM selectors you sign with; each must publish a key at `SELECTOR._domainkey.DOMAIN` of every domain.',
      ),
    dmarc_min_policy: z
      .enum(['none', 'quarantine', 'reject'])
      .default('quarantine')
      .describe(
        'WARN when the DMARC policy is weaker (`none` only reports forgeries, it does not stop them).',
      ),
    resolver: resolverOption,
    timeout: durationSchema.prefault('5s').describe('Time limit of each DNS query.'),
  })
  .strict()
  .refine((o) => o.domains.length + o.sending_ips.length > 0, {
    ...sentence('config.option.mailDnsWhat'),
    path: ['domains'],
  });
export type MailDnsOptions = z.output<typeof Options>;
