import { z } from 'zod';
import { durationSchema } from '../config/duration.js';
import { secretString } from '../core/secret-ref.js';
import { ROLES } from './roles.js';

/*
 * `web.ldap`: log in by binding to the directory as the user, the role from
 * the user's groups. Defined here (auth) and imported by web/config.ts.
 */

const groups = z
  .array(z.string().min(1))
  .default([])
  .describe('Groups (their cn, or their whole DN) whose members get this role.');

export const ldapSchema = z
  .object({
    url: z
      .string()
      .regex(/^ldaps?:\/\/[^\s/]+\/?$/, { error: 'expected ldap://HOST[:PORT] or ldaps://HOST[:PORT]' })
      .describe('The directory: `ldaps://ldap.example.org` (or `ldap://…` with `starttls: true`).'),
    starttls: z
      .boolean()
      .default(false)
      .describe('Upgrade an `ldap://` connection with StartTLS before binding.'),
    user_dn: z
      .string()
      .includes('{user}', { error: 'must contain {user}' })
      .optional()
      .describe('Bind DN template, e.g. `uid={user},ou=people,dc=example,dc=org` (no search needed).'),
    user_base: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Where to search for the user instead of a template (search then bind), e.g. `ou=people,dc=example,dc=org`.',
      ),
    user_filter: z
      .string()
      .includes('{user}', { error: 'must contain {user}' })
      .default('(uid={user})')
      .describe('Filter that finds the user under `user_base` (default `(uid={user})`).'),
    bind_dn: z
      .string()
      .min(1)
      .optional()
      .describe('Service account that searches (default: anonymous search).'),
    bind_password: secretString
      .refine((v) => /\$\{(env|file|pass):/.test(v), {
        error:
          'a reference, not the password itself: ${env:LDAP_BIND_PASSWORD}, ${file:/path} or ${pass:entry}',
      })
      .optional()
      .describe('Its password, as a reference: `${env:LDAP_BIND_PASSWORD}`, `${pass:ldap/ronde}`.'),
    group_base: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Where the groups are, e.g. `ou=groups,dc=example,dc=org` (default: the user gets `default_role`).',
      ),
    group_filter: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Filter of the user’s groups: `{dn}` is the user’s DN, `{user}` the login name (default: groups whose member, uniqueMember or memberUid is the user).',
      ),
    roles: z
      .object({ admin: groups, operator: groups, viewer: groups })
      .strict()
      .prefault({})
      .describe('Group → role; the highest role of the user’s groups wins.'),
    default_role: z
      .enum(ROLES)
      .optional()
      .describe('Role of a user in none of the groups (default: such a user may not log in).'),
    timeout: durationSchema.prefault('5s').describe('How long to wait for the directory (default 5s).'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.user_dn === !o.user_base)
      ctx.addIssue({
        code: 'custom',
        message: 'set either user_dn (a template) or user_base (search then bind)',
      });
    if (o.bind_password && !o.bind_dn)
      ctx.addIssue({ code: 'custom', message: 'bind_password needs bind_dn', path: ['bind_password'] });
  })
  .describe('Log in with the directory’s password (LDAP bind); local users keep theirs. See docs/web.md.');

export type LdapSettings = z.output<typeof ldapSchema>;

/** groupOfNames, groupOfUniqueNames and posixGroup alike. */
export const DEFAULT_GROUP_FILTER = '(|(member={dn})(uniqueMember={dn})(memberUid={user}))';
