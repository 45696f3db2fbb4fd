import { Client, InvalidCredentialsError } from 'ldapts';
import { DEFAULT_GROUP_FILTER, type LdapSettings } from './ldap-config.js';
import { ROLES, type Role } from './roles.js';

/*
 * LDAP login: a simple bind as the user, with the DN from a template or found
 * by a search (anonymous or as a service account); then the user's groups,
 * mapped to a role (the highest wins). The user's password is only ever sent
 * in that bind. Names are escaped (RFC 4514 in a DN, RFC 4515 in a filter).
 */

export type LdapOutcome =
  | { ok: true; dn: string; role: Role; groups: string[] }
  /** Wrong password, no such user, or several entries for the name: a failed login. */
  | { ok: false; reason: 'credentials' | 'no such user' | 'ambiguous user' }
  /** Bound, but in no group that gives a role, and no default_role. */
  | { ok: false; reason: 'no role'; dn: string; groups: string[] }
  /** The directory cannot be reached or answered an error: not the user's fault. */
  | { ok: false; reason: 'unavailable'; error: string };

/** RFC 4514: the characters that must be escaped in an attribute value of a DN. */
export function escapeDnValue(v: string): string {
  return v
    .replace(/[\\,+"<>;=\0]/g, (c) => (c === '\0' ? '\\00' : `\\${c}`))
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** RFC 4515: the characters that must be escaped in a filter's assertion value. */
export function escapeFilterValue(v: string): string {
  return v.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function fill(template: string, values: Record<string, string>, quote: (v: string) => string): string {
  return template.replace(/\{(user|dn)\}/g, (_, k: string) => quote(values[k] ?? ''));
}

/** The highest role given by the groups (by cn or DN, case-insensitive), else the default. */
export function roleOf(
  groups: readonly { dn: string; cn: readonly string[] }[],
  settings: Pick<LdapSettings, 'roles' | 'default_role'>,
): Role | undefined {
  const names = new Set(groups.flatMap((g) => [g.dn, ...g.cn].map((n) => n.toLowerCase())));
  for (const role of [...ROLES].reverse())
    if (settings.roles[role].some((g) => names.has(g.toLowerCase()))) return role;
  return settings.default_role;
}

export interface LdapLogin {
  settings: LdapSettings;
  /** The service account's password, resolved from its reference. */
  bindPassword?: string;
}

export async function ldapAuthenticate(
  login: LdapLogin,
  user: string,
  password: string,
): Promise<LdapOutcome> {
  // An empty password is an unauthenticated bind, which servers accept: never a login.
  if (password === '' || user === '') return { ok: false, reason: 'credentials' };
  const s = login.settings;
  const ms = s.timeout * 1000;
  const client = new Client({ url: s.url, timeout: ms, connectTimeout: ms });
  try {
    if (s.starttls) await client.startTLS({ servername: new URL(s.url).hostname });
    let dn: string;
    if (s.user_dn) dn = fill(s.user_dn, { user }, escapeDnValue);
    else {
      if (s.bind_dn) await client.bind(s.bind_dn, login.bindPassword ?? '');
      const { searchEntries } = await client.search(s.user_base!, {
        scope: 'sub',
        filter: fill(s.user_filter, { user }, escapeFilterValue),
        attributes: ['dn'],
        sizeLimit: 2,
      });
      if (searchEntries.length === 0) return { ok: false, reason: 'no such user' };
      if (searchEntries.length > 1) return { ok: false, reason: 'ambiguous user' };
      dn = searchEntries[0]!.dn;
    }
    try {
      await client.bind(dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return { ok: false, reason: 'credentials' };
      throw err;
    }
    let groups: { dn: string; cn: string[] }[] = [];
    if (s.group_base) {
      // The groups as the service account when there is one (users may not read them), else as the user.
      if (s.bind_dn) await client.bind(s.bind_dn, login.bindPassword ?? '');
      const { searchEntries } = await client.search(s.group_base, {
        scope: 'sub',
        filter: fill(s.group_filter ?? DEFAULT_GROUP_FILTER, { user, dn }, escapeFilterValue),
        attributes: ['cn'],
      });
      groups = searchEntries.map((e) => ({
        dn: e.dn,
        cn: (Array.isArray(e.cn) ? e.cn : [e.cn]).filter((x): x is string => typeof x === 'string'),
      }));
    }
    const names = groups.map((g) => g.cn[0] ?? g.dn);
    const role = roleOf(groups, s);
    return role ? { ok: true, dn, role, groups: names } : { ok: false, reason: 'no role', dn, groups: names };
  } catch (err) {
    return { ok: false, reason: 'unavailable', error: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
