import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { getUser, type User } from './users.js';

/*
 * Server-side sessions: the browser holds a random token, the store its
 * SHA-256 with the user, the CSRF token and the expiry. Logging out, removing
 * the user or changing the password deletes the rows, so the cookie dies at once.
 */

export interface Session {
  /** The store's key (hash of the token). */
  id: string;
  user: User;
  csrf: string;
  expiresAt: Date;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Creates a session; returns the token for the cookie (never stored) and the session. */
export async function createSession(
  trx: Kysely<Database>,
  user: User,
  o: { now: Date; ttlMs: number; address: string },
): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session: Session = {
    id: tokenId(token),
    user,
    csrf: newToken(),
    expiresAt: new Date(o.now.getTime() + o.ttlMs),
  };
  // Expired sessions of anyone are cleared on the way: the table stays small.
  await trx.deleteFrom('sessions').where('expires_at', '<=', o.now.getTime()).execute();
  await trx
    .insertInto('sessions')
    .values({
      id: session.id,
      user_name: user.name,
      csrf: session.csrf,
      created_at: o.now.getTime(),
      expires_at: session.expiresAt.getTime(),
      address: o.address,
    })
    .execute();
  return { token, session };
}

/** The live session of a cookie's token, with its user as stored now (role changes apply at once). */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', tokenId(token)).executeTakeFirst();
  if (!row || Number(row.expires_at) <= now.getTime()) return undefined;
  const user = await getUser(db, row.user_name);
  if (!user) return undefined;
  return { id: row.id, user, csrf: row.csrf, expiresAt: new Date(Number(row.expires_at)) };
}

export async function deleteSession(trx: Kysely<Database>, id: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', id).execute();
}
