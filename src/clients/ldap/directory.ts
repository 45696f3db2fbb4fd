import { Client, type Entry } from 'ldapts';
import { attachSaid, englishOf, type Said, said } from '../../core/said.js';

/*
 * Reads the accounts and groups of a directory for an access review: one
 * simple bind (a read-only service account), a paged subtree search of the
 * accounts with the operational attributes that tell the last login and the
 * password's age, and one of the groups. Works with OpenLDAP (lastbind's
 * authTimestamp, ppolicy's pwdChangedTime / pwdLastSuccess /
 * pwdAccountLockedTime) and Active Directory (lastLogonTimestamp, memberOf).
 */

export interface LdapAccount {
  dn: string;
  name: string;
  /** ISO; undefined when the directory keeps no login time for it. */
  lastLogin?: string;
  pwdChangedAt?: string;
  expiresAt?: string;
  locked: boolean;
  memberOf: string[];
}

export interface LdapGroup {
  dn: string;
  name: string;
  /** Member DNs (member, uniqueMember) and uids (memberUid). */
  members: string[];
}

export interface DirectoryQuery {
  url: string;
  bindDn: string;
  password: string;
  base: string;
  filter: string;
  groupBase: string;
  groupFilter: string;
  timeoutMs: number;
}

/** Our words (a Said) or the LDAP library's raw message. */
export class LdapError extends Error {
  /** The message in the team's language (sayError); `message` is its English. */
  declare readonly said: Said | undefined;
  constructor(message: string | Said) {
    super(englishOf(message));
    attachSaid(this, message);
  }
}

const ACCOUNT_ATTRS = [
  'uid',
  'cn',
  'sAMAccountName',
  'memberOf',
  'authTimestamp',
  'pwdLastSuccess',
  'lastLogonTimestamp',
  'lastLogon',
  'pwdChangedTime',
  'pwdAccountLockedTime',
  'shadowExpire',
];

export async function readDirectory(
  q: DirectoryQuery,
): Promise<{ accounts: LdapAccount[]; groups: LdapGroup[] }> {
  const client = new Client({ url: q.url, timeout: q.timeoutMs, connectTimeout: q.timeoutMs });
  try {
    try {
      await client.bind(q.bindDn, q.password);
    } catch (err) {
      throw new LdapError(said('client.ldap.bindRefused', { dn: q.bindDn, error: (err as Error).message }));
    }
    const people = await client.search(q.base, {
      scope: 'sub',
      filter: q.filter,
      attributes: ACCOUNT_ATTRS,
      paged: { pageSize: 500 },
    });
    const groups = await client.search(q.groupBase, {
      scope: 'sub',
      filter: q.groupFilter,
      attributes: ['cn', 'member', 'uniqueMember', 'memberUid'],
      paged: { pageSize: 500 },
    });
    return { accounts: people.searchEntries.map(toAccount), groups: groups.searchEntries.map(toGroup) };
  } catch (err) {
    if (err instanceof LdapError) throw err;
    throw new LdapError((err as Error).message || String(err));
  } finally {
    await client.unbind().catch(() => {});
  }
}

function values(e: Entry, attr: string): string[] {
  // ldapts keys attributes as the server spells them: compare case-insensitively.
  const key = Object.keys(e).find((k) => k.toLowerCase() === attr.toLowerCase());
  const v = key ? e[key] : undefined;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

const first = (e: Entry, attr: string) => values(e, attr)[0];

/** `20240101000000Z`, `20240101000000.123Z` → ISO; undefined if not a GeneralizedTime. */
export function generalizedTime(v: string | undefined): string | undefined {
  const m = v && /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?Z$/.exec(v);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Active Directory's FILETIME (100 ns since 1601); 0 means never. */
export function fileTime(v: string | undefined): string | undefined {
  if (!v || !/^\d+$/.test(v) || v === '0') return undefined;
  const ms = Number(BigInt(v) / 10_000n) - 11_644_473_600_000;
  return ms > 0 ? new Date(ms).toISOString() : undefined;
}

/** A search entry of an account → what the review reads of it (OpenLDAP or Active Directory attributes). */
export function toAccount(e: Entry): LdapAccount {
  const logins = [
    generalizedTime(first(e, 'authTimestamp')),
    generalizedTime(first(e, 'pwdLastSuccess')),
    fileTime(first(e, 'lastLogonTimestamp')),
    fileTime(first(e, 'lastLogon')),
  ].filter((x): x is string => x !== undefined);
  const shadow = first(e, 'shadowExpire');
  const expiresAt =
    shadow && /^\d+$/.test(shadow) && Number(shadow) > 0
      ? new Date(Number(shadow) * 86_400_000).toISOString()
      : undefined;
  const pwdChangedAt = generalizedTime(first(e, 'pwdChangedTime'));
  return {
    dn: e.dn,
    name: first(e, 'uid') ?? first(e, 'sAMAccountName') ?? first(e, 'cn') ?? e.dn,
    ...(logins.length ? { lastLogin: logins.sort().at(-1)! } : {}),
    ...(pwdChangedAt ? { pwdChangedAt } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    locked: values(e, 'pwdAccountLockedTime').length > 0,
    memberOf: values(e, 'memberOf'),
  };
}

/** A group entry → its name and members (member, uniqueMember DNs; memberUid names). */
export function toGroup(e: Entry): LdapGroup {
  return {
    dn: e.dn,
    name: first(e, 'cn') ?? e.dn,
    members: [...values(e, 'member'), ...values(e, 'uniqueMember'), ...values(e, 'memberUid')],
  };
}
