import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { createSession, type Session } from '../auth/sessions.js';
import { getUser, upsertExternalUser } from '../auth/users.js';
import { appendAudit } from '../store/audit.js';
import type { WebEnv } from './context.js';

/*
 * A reverse proxy that authenticates (SSO, client certificates…) names the
 * user in a header. Trusted only from the configured proxy addresses — from
 * anywhere else the header is ignored, so a client cannot name itself. The
 * named user gets an ordinary server-side session (cookie, CSRF token), so the
 * rest of the app does not care how they logged in.
 */

const normalize = (a: string) => a.replace(/^::ffff:/, '');

export function fromTrustedProxy(c: Context<WebEnv>): boolean {
  const proxy = c.get('deps').config.web.trusted_proxy;
  const peer = c.env?.incoming?.socket?.remoteAddress;
  return !!proxy && !!peer && proxy.addresses.map(normalize).includes(normalize(peer));
}

/** The client's address: the proxy's X-Forwarded-For (last hop) when the peer is a trusted proxy. */
export function forwardedAddress(c: Context<WebEnv>, peer: string): string {
  if (!fromTrustedProxy(c)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1) ?? peer;
}

/** The session of the user the trusted proxy names, made when the current one is not theirs. */
export async function proxySession(
  c: Context<WebEnv>,
  current: Session | undefined,
): Promise<Session | undefined> {
  const deps = c.get('deps');
  const proxy = deps.config.web.trusted_proxy;
  if (!proxy || !fromTrustedProxy(c)) return current;
  const name = c.req.header(proxy.header)?.trim();
  if (!name) return current;
  if (current && current.user.name === name) return current;
  const now = deps.now?.() ?? new Date();
  const address = c.get('address');
  const ttlMs = deps.config.web.session_ttl * 1000;
  const { token, session } = await deps.store.conn.write(async (trx) => {
    const existing = await getUser(trx, name);
    const user =
      existing ?? (await upsertExternalUser(trx, { name, role: proxy.default_role, source: 'proxy', now }));
    await appendAudit(trx, {
      at: now,
      actor: name,
      action: 'login',
      subject: name,
      detail: { via: 'proxy' },
      address,
      channel: 'web',
    });
    return createSession(trx, user, { now, ttlMs, address });
  });
  setCookie(c, 'ronde_session', token, {
    httpOnly: true,
    secure: deps.config.web.cookie_secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
  });
  return session;
}
