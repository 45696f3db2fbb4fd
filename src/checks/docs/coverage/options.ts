import { z } from 'zod';
import { dockerConnection } from '../../../clients/docker/settings.js';
import { durationSchema } from '../../../config/duration.js';
import { secretString } from '../../../core/secret-ref.js';

const template = (what: string) =>
  z
    .string()
    .min(1)
    .refine((s) => s.includes('{name}'), { error: 'a page name with {name}, e.g. services:{name}' })
    .default('{name}')
    .describe(
      `Page name of ${what}: \`{name}\` is its name, \`{host}\` the host's (\`services:{name}\`, \`Service {name}\`).`,
    );

export const CoverageOptions = z
  .object({
    wiki: z
      .enum(['dokuwiki', 'mediawiki'])
      .default('dokuwiki')
      .describe('The wiki engine: `dokuwiki` (XML-RPC API) or `mediawiki` (Action API).'),
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'an http(s) URL')
      .describe(
        "DokuWiki: the wiki's base URL (`https://wiki.example.org/`); MediaWiki: its `api.php` (`https://wiki.example.org/w/api.php`).",
      ),
    user: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A read-only user (DokuWiki: listed in `remoteuser`; MediaWiki: a bot password, `Ronde@coverage`).',
      ),
    password: secretString
      .optional()
      .describe("The user's password, as a reference: `${env:WIKI_PASSWORD}`, `${file:…}`, `${pass:…}`."),
    namespace: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('MediaWiki: the namespace of the pages (0: main).'),
    host: z.boolean().default(true).describe('The host itself needs a page.'),
    compose: z
      .boolean()
      .default(true)
      .describe('Each Docker Compose project on the host needs a page (a host without Docker has none).'),
    services: z
      .array(z.string().min(1))
      .default([])
      .describe('Other services that need a page (not run by Compose here: LDAP, the mail server…).'),
    host_page: template('the host'),
    compose_page: template('a Compose project'),
    service_page: template('a service of `services`'),
    pages: z
      .record(z.string(), z.string().min(1))
      .default({})
      .describe('Page names by subject name, when the pattern does not fit: `{ ldap: infra:annuaire }`.'),
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe('Subjects (host, project or service names) that need no page.'),
    max_age: durationSchema
      .optional()
      .describe('A page not edited for this long is stale, whatever changed (absent: only changes count).'),
    grace: durationSchema
      .prefault('7d')
      .describe(
        'A page edited at most this long before a change is not stale: the team documents first, then deploys.',
      ),
    docker: dockerConnection,
    request_timeout: durationSchema.prefault('15s').describe('Time limit of each wiki request.'),
  })
  .strict()
  .refine((o) => o.password === undefined || o.user !== undefined, 'password needs user');
export type CoverageOptions = z.output<typeof CoverageOptions>;
