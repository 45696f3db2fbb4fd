import { z } from 'zod';
import { durationSchema } from '../../../config/duration.js';
import { secretString } from '../../../core/secret-ref.js';
import { sentence } from '../../../core/sentence.js';

export const ACCESS_SOURCES = ['ldap', 'gitlab.members', 'pass.recipients', 'ssh.authorized_keys'] as const;

const Ldap = z
  .object({
    url: z
      .string()
      .regex(/^ldaps?:\/\/[^/\s]+\/?$/, 'ldap://HOST:389 or ldaps://HOST:636')
      .describe('The directory, `ldap://HOST` or `ldaps://HOST`.'),
    bind_dn: z.string().min(1).describe('DN of a read-only account to bind as.'),
    password: secretString.describe(
      'Its password, as a reference: `${pass:infra/ldap-ronde}`, `${env:LDAP_PW}`.',
    ),
    base: z.string().min(1).describe('Where the accounts are, e.g. `ou=people,dc=example,dc=org`.'),
    filter: z
      .string()
      .optional()
      .describe(
        'Which entries under `base` are accounts (default: any inetOrgPerson, posixAccount or AD user).',
      ),
    group_base: z.string().optional().describe('Where the groups are (default: `base`).'),
    group_filter: z
      .string()
      .optional()
      .describe(
        'Which entries are groups (default: groupOfNames, groupOfUniqueNames, posixGroup, AD group; members by `member`, `uniqueMember` or `memberUid`).',
      ),
    timeout: durationSchema.prefault('15s').describe('Time limit of the connection and of each search.'),
  })
  .strict();

const Gitlab = z
  .object({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'https://gitlab.example.org')
      .describe('The GitLab instance, e.g. `https://gitlab.example.org`.'),
    token: secretString.describe(
      'An access token with `read_api`, as a reference: `${pass:infra/gitlab-ronde}`.',
    ),
    groups: z
      .array(z.string().min(1))
      .default([])
      .describe('Groups (path or id) whose members, inherited ones included, are reviewed.'),
    projects: z
      .array(z.string().min(1))
      .default([])
      .describe('Projects (path or id) whose members are reviewed.'),
    timeout: durationSchema.prefault('15s').describe('Time limit of each request.'),
  })
  .strict()
  .refine((g) => g.groups.length + g.projects.length > 0, sentence('config.option.groupOrProject'));

const Pass = z
  .object({
    store: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .describe('The password store on the target, e.g. `/home/alice/.password-store`.'),
    gnupg_home: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .optional()
      .describe('GNUPGHOME whose public keyring knows the recipients (default: the login user’s).'),
  })
  .strict();

const Ssh = z
  .object({
    users: z
      .array(z.string().regex(/^[a-z_][a-z0-9_.-]*\$?$/, 'a login name'))
      .min(1)
      .default(['root'])
      .describe('Accounts whose keys are read (from the files sshd’s `AuthorizedKeysFile` names).'),
    sudo: z
      .boolean()
      .default(false)
      .describe('Read them through `sudo -n` (another user’s home is usually not readable).'),
    sshd_config: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .default('/etc/ssh/sshd_config')
      .describe(
        'The sshd configuration whose `AuthorizedKeysFile` says which files hold the keys (`sshd -T` as root, else parsed).',
      ),
  })
  .strict();

export const AccessReviewOptions = z
  .object({
    source: z
      .enum(ACCESS_SOURCES)
      .describe(
        'Where the accesses are read: `ldap`, `gitlab.members`, `pass.recipients`, `ssh.authorized_keys`.',
      ),
    ldap: Ldap.optional().describe('With `source: ldap`.'),
    gitlab: Gitlab.optional().describe('With `source: gitlab.members`.'),
    pass: Pass.optional().describe('With `source: pass.recipients`.'),
    ssh: Ssh.optional().describe('With `source: ssh.authorized_keys` (default: root).'),
    stale_after: durationSchema
      .prefault('180d')
      .describe(
        'An account without login or activity for longer is flagged stale (when the source keeps it).',
      ),
    expiring_within: durationSchema
      .prefault('30d')
      .describe('An access or key expiring within this is flagged expiring.'),
  })
  .strict()
  .superRefine((o, ctx) => {
    const key = {
      ldap: 'ldap',
      'gitlab.members': 'gitlab',
      'pass.recipients': 'pass',
      'ssh.authorized_keys': 'ssh',
    }[o.source] as 'ldap' | 'gitlab' | 'pass' | 'ssh';
    if (key !== 'ssh' && !o[key])
      ctx.addIssue({
        code: 'custom',
        ...sentence('config.option.sourceNeeds', { source: o.source, key }),
        path: [key],
      });
    for (const other of ['ldap', 'gitlab', 'pass', 'ssh'] as const)
      if (other !== key && o[other])
        ctx.addIssue({
          code: 'custom',
          ...sentence('config.option.notForSource', { source: o.source, key: other }),
          path: [other],
        });
  });
export type AccessReviewOptions = z.output<typeof AccessReviewOptions>;
