import type { Kysely } from 'kysely';
import { type Key, type Lang, type Params, t } from '../i18n/index.js';
import type { Conn } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { hashPassword } from './passwords.js';
import { isRole, type Role } from './roles.js';

export type UserSource = 'local' | 'ldap' | 'proxy';

export interface User {
  name: string;
  role: Role;
  source: UserSource;
  /** The user's language over the browser's, if chosen. */
  language: 'fr' | 'en' | null;
  createdAt: Date;
  passwordChangedAt: Date | null;
}

export const USER_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** A refused change: its message is English (the page), `sayIn(lang)` says it in the CLI's language. */
export class UserError extends Error {
  override name = 'UserError';
  readonly sayIn: (lang: Lang) => string;
  constructor(words: (lang: Lang) => string) {
    super(words('en'));
    this.sayIn = words;
  }
}

const refuse = <K extends Key>(key: K, ...params: Params<K>) =>
  new UserError((lang) => t(lang, key, ...params));

export async function getUser(db: Kysely<Database>, name: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return r && fromRow(r);
}

/** The stored hash of a local user, for the login. */
export async function passwordHash(db: Kysely<Database>, name: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('password_hash').where('name', '=', name).executeTakeFirst();
  return r?.password_hash ?? null;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(fromRow);
}

/** Adds a local user; fails when the name is taken. `trx` is the caller's write transaction. */
export async function addUser(
  trx: Kysely<Database>,
  u: { name: string; role: Role; password: string; now: Date },
): Promise<User> {
  if (!USER_NAME_RE.test(u.name)) throw refuse('user.error.name', { name: u.name });
  if (await getUser(trx, u.name)) throw refuse('user.error.exists', { name: u.name });
  const hash = await hashPassword(u.password);
  await trx
    .insertInto('users')
    .values({
      name: u.name,
      role: u.role,
      password_hash: hash,
      source: 'local',
      language: null,
      created_at: u.now.getTime(),
      password_changed_at: u.now.getTime(),
    })
    .execute();
  return (await getUser(trx, u.name))!;
}

/** Sets a new password and ends every session of the user: a stolen session dies with the old password. */
export async function setPassword(
  trx: Kysely<Database>,
  name: string,
  password: string,
  now: Date,
): Promise<void> {
  const hash = await hashPassword(password);
  const r = await trx
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: now.getTime(), source: 'local' })
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw refuse('user.error.none', { name });
  await trx.deleteFrom('sessions').where('user_name', '=', name).execute();
}

export async function setRole(trx: Kysely<Database>, name: string, role: Role): Promise<void> {
  const r = await trx.updateTable('users').set({ role }).where('name', '=', name).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw refuse('user.error.none', { name });
}

export async function setLanguage(conn: Conn, name: string, language: 'fr' | 'en' | null): Promise<void> {
  await conn.write((trx) => trx.updateTable('users').set({ language }).where('name', '=', name).execute());
}

/** Removes a user and (by cascade, and explicitly for stores without it) their sessions. */
export async function removeUser(trx: Kysely<Database>, name: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_name', '=', name).execute();
  const r = await trx.deleteFrom('users').where('name', '=', name).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw refuse('user.error.none', { name });
}

/**
 * An LDAP or proxy user as the directory says now: created on first login,
 * role refreshed on every login (a group change takes effect at the next one).
 */
export async function upsertExternalUser(
  trx: Kysely<Database>,
  u: { name: string; role: Role; source: 'ldap' | 'proxy'; now: Date },
): Promise<User> {
  const existing = await getUser(trx, u.name);
  if (existing && existing.source === 'local') throw refuse('user.error.local', { name: u.name });
  if (existing) await trx.updateTable('users').set({ role: u.role }).where('name', '=', u.name).execute();
  else
    await trx
      .insertInto('users')
      .values({
        name: u.name,
        role: u.role,
        password_hash: null,
        source: u.source,
        language: null,
        created_at: u.now.getTime(),
        password_changed_at: null,
      })
      .execute();
  return (await getUser(trx, u.name))!;
}

function fromRow(r: {
  name: string;
  role: string;
  source: string;
  language: string | null;
  created_at: number | string;
  password_changed_at: number | string | null;
}): User {
  return {
    name: r.name,
    role: isRole(r.role) ? r.role : 'viewer',
    source: r.source === 'ldap' || r.source === 'proxy' ? r.source : 'local',
    language: r.language === 'fr' || r.language === 'en' ? r.language : null,
    createdAt: new Date(Number(r.created_at)),
    passwordChangedAt: r.password_changed_at === null ? null : new Date(Number(r.password_changed_at)),
  };
}
