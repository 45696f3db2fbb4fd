import { isIP } from 'node:net';
import { z } from 'zod';
import { resolverOption } from '../../../clients/dns/resolver.js';
import { durationSchema } from '../../../config/duration.js';
import { secretString } from '../../../core/secret-ref.js';
import { sentence } from '../../../core/sentence.js';
import { DEFAULT_ZONES } from './zones.js';

const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\.?$/i,
    'a DNS name such as example.org',
  );

const customZone = z
  .object({
    zone: hostname.describe('The DNS zone of the list, e.g. `dnsbl.example.net`.'),
    type: z
      .enum(['ip', 'domain'])
      .default('ip')
      .describe('`ip`: reversed addresses are asked; `domain`: domain names.'),
    listed: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        "Return code → meaning, from the list's documentation (any other 127.x code is still a listing).",
      ),
    refused: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'Return codes that mean "query refused" → how to fix it (default: 127.0.0.1 and 127.255.255.x).',
      ),
  })
  .strict();

export const Options = z
  .object({
    addresses: z
      .array(z.string().refine((s) => isIP(s) !== 0, sentence('config.option.ipv4or6')))
      .default([])
      .describe('The IPv4/IPv6 addresses your mail server sends from, asked of the `ip` lists.'),
    domains: z
      .array(hostname)
      .default([])
      .describe('Your sending domains (envelope, From, links), asked of the `domain` lists (DBL).'),
    zones: z
      .array(z.union([hostname, customZone]))
      .default(DEFAULT_ZONES)
      .describe(
        'Lists to ask: a known zone by name (its return codes are built in, see the docs) or `{zone, type, listed, refused}`.',
      ),
    resolver: resolverOption,
    dqs_key: secretString
      .optional()
      .describe(
        'A Spamhaus Data Query Service key, as a secret reference (`${env:SPAMHAUS_DQS}`): Spamhaus zones are then asked at `<key>.zen.dq.spamhaus.net`, which works from any resolver.',
      ),
    min_interval: durationSchema
      .prefault('1h')
      .describe(
        'At most one query per list and address in this time: a run sooner reuses the previous answers (lists rate-limit and block heavy users).',
      ),
    timeout: durationSchema.prefault('5s').describe('Time limit of each DNS query.'),
  })
  .strict()
  .refine((o) => o.addresses.length + o.domains.length > 0, {
    ...sentence('config.option.dnsblWhat'),
    path: ['addresses'],
  });
export type DnsblOptions = z.output<typeof Options>;
