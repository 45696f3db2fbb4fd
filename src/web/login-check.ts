import { type LdapOutcome, ldapAuthenticate } from '../auth/ldap.js';
import { checkPassword, decoyHash } from '../auth/passwords.js';
import {
  getUser,
  passwordHash,
  USER_NAME_RE,
  type User,
  UserError,
  upsertExternalUser,
} from '../auth/users.js';
import { resolveSecrets } from '../config/secrets.js';
import type { WebDeps } from './context.js';

/*
 * Who a login form names, and whether the password is theirs. A local user
 * (one with a password hash) is checked against it and never sent to the
 * directory; anyone else, when `web.ldap` is set, by binding to it. A
 * directory that cannot be reached is said as such, and local users still log in.
 */
export type Verdict =
  | { user: User; via: 'local' | 'ldap' }
  /** A failed login: counted by the rate limit; `why` goes to the audit log only. */
  | { failed: string }
  /** The directory did not answer: not counted against the user. */
  | { unavailable: string };

export async function verifyLogin(
  deps: WebDeps,
  name: string,
  password: string,
  now: Date,
): Promise<Verdict> {
  const db = deps.store.conn.db;
  const hash = name ? await passwordHash(db, name) : null;
  const ldap = deps.config.web.ldap;
  if (hash !== null || !ldap) {
    // Verify against a decoy when there is no hash: a wrong name takes as long as a wrong password.
    const ok = (await checkPassword(hash ?? (await decoyHash()), password)) && hash !== null;
    const user = ok ? await getUser(db, name) : undefined;
    return user ? { user, via: 'local' } : { failed: hash === null ? 'no such user' : 'wrong password' };
  }
  if (!USER_NAME_RE.test(name)) return { failed: 'not a user name' };
  let outcome: LdapOutcome;
  try {
    const bindPassword = ldap.bind_password ? resolveSecrets(ldap.bind_password).reveal() : undefined;
    outcome = await ldapAuthenticate(
      { settings: ldap, ...(bindPassword !== undefined ? { bindPassword } : {}) },
      name,
      password,
    );
  } catch (err) {
    // An unresolvable reference: its message names the reference, never a value.
    outcome = { ok: false, reason: 'unavailable', error: `bind_password: ${(err as Error).message}` };
  }
  if (outcome.ok) {
    try {
      const user = await deps.store.conn.write((trx) =>
        upsertExternalUser(trx, { name, role: outcome.role, source: 'ldap', now }),
      );
      return { user, via: 'ldap' };
    } catch (err) {
      if (err instanceof UserError) return { failed: err.message };
      throw err;
    }
  }
  if (outcome.reason === 'unavailable') return { unavailable: outcome.error };
  if (outcome.reason === 'no role')
    return {
      failed: `ldap: ${outcome.dn} is in no group of web.ldap.roles (${outcome.groups.join(', ') || 'no group'})`,
    };
  return { failed: `ldap: ${outcome.reason}` };
}
