import { readDirectory } from '../../../clients/ldap/directory.js';
import { resolveSecrets } from '../../../config/secrets.js';
import { type AccessFlag, dateFlags, type Principal } from '../../../core/access.js';

/** Accounts of OpenLDAP (inetOrgPerson, posixAccount) and Active Directory (user). */
export const DEFAULT_ACCOUNT_FILTER =
  '(|(objectClass=inetOrgPerson)(objectClass=posixAccount)(objectClass=user))';
export const DEFAULT_GROUP_FILTER =
  '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup)(objectClass=group))';

export interface LdapSettings {
  url: string;
  bind_dn: string;
  password: string;
  base: string;
  filter?: string | undefined;
  group_base?: string | undefined;
  group_filter?: string | undefined;
  timeout: number;
}

/** The directory's accounts as principals: DN, uid, groups, last login (lastbind/AD), password age as info. */
export async function ldapPrincipals(
  o: LdapSettings,
  now: Date,
  limits: { staleSec: number; expiringSec: number },
): Promise<Principal[]> {
  const { accounts, groups } = await readDirectory({
    url: o.url,
    bindDn: o.bind_dn,
    password: resolveSecrets(o.password).reveal(),
    base: o.base,
    filter: o.filter ?? DEFAULT_ACCOUNT_FILTER,
    groupBase: o.group_base ?? o.base,
    groupFilter: o.group_filter ?? DEFAULT_GROUP_FILTER,
    timeoutMs: o.timeout * 1000,
  });
  // A directory that stamps no login at all (no lastbind overlay) cannot tell stale accounts.
  const keepsLogins = accounts.some((a) => a.lastLogin !== undefined);
  return accounts.map((a) => {
    const dn = a.dn.toLowerCase();
    const inGroups = groups
      .filter((g) => g.members.some((m) => m.toLowerCase() === dn || m === a.name))
      .map((g) => g.name);
    const fromMemberOf = a.memberOf.map((m) => /^cn=([^,]+)/i.exec(m)?.[1] ?? m);
    const flags: AccessFlag[] = dateFlags(a, now, { ...limits, keepsLogins });
    if (a.locked) flags.push('locked');
    return {
      id: a.dn,
      name: a.name,
      groups: [...new Set([...inGroups, ...fromMemberOf])].sort(),
      expiresAt: a.expiresAt ?? null,
      lastLogin: a.lastLogin ?? null,
      ...(a.pwdChangedAt ? { info: { pwdChangedTime: a.pwdChangedAt } } : {}),
      flags,
    };
  });
}
