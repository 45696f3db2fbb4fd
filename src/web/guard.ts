import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { allows, type Role } from '../auth/roles.js';
import { findSession } from '../auth/sessions.js';
import type { WebEnv } from './context.js';
import { forwardedAddress, proxySession } from './proxy.js';

/*
 * Who may reach what. Every path needs a live session except the few listed
 * in `isPublic`; every state change (any method but GET/HEAD) needs the
 * session's CSRF token, in the `_csrf` form field or the `X-CSRF-Token`
 * header; each route then names the least role it needs.
 */

export const SESSION_COOKIE = 'ronde_session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths reached without a session; each has its own protection (see its route). */
export function isPublic(method: string, path: string, publicMetrics: boolean): boolean {
  if (path === '/healthz') return SAFE.has(method);
  if (path === '/login') return true; // double-submit CSRF cookie, rate limit
  if (path === '/metrics') return publicMetrics && SAFE.has(method);
  if (path === '/chat/mattermost') return method === 'POST'; // Mattermost's per-command token
  return false;
}

export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || c.req.path === '/metrics';
}

/** Loads the session of the cookie (if any) and refuses what needs one. */
export function sessionGate(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const token = getCookie(c, SESSION_COOKIE);
    const now = deps.now?.() ?? new Date();
    const found = token ? await findSession(deps.store.conn.db, token, now) : undefined;
    const session = await proxySession(c, found);
    c.set('session', session);
    if (session || isPublic(c.req.method, c.req.path, deps.config.web.public_metrics)) return next();
    if (wantsJson(c)) return c.json({ error: 'not logged in' }, 401);
    if (c.req.method === 'GET') {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return c.text('not logged in', 401);
  };
}

/** Refuses a state change without the session's CSRF token. Public paths check their own. */
export function csrfGate(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (SAFE.has(c.req.method) || !session) return next();
    let sent = c.req.header('x-csrf-token');
    if (sent === undefined && isForm(c)) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
    if (!sent || !sameSecret(sent, session.csrf)) {
      const msg = 'missing or wrong CSRF token: reload the page and try again';
      return wantsJson(c) ? c.json({ error: msg }, 403) : c.text(msg, 403);
    }
    return next();
  };
}

/** The route needs at least `role`. */
export function need(role: Role): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (!session)
      return wantsJson(c) ? c.json({ error: 'not logged in' }, 401) : c.text('not logged in', 401);
    if (!allows(session.user.role, role)) {
      const msg = `this needs the ${role} role; you are ${session.user.role}`;
      return wantsJson(c) ? c.json({ error: msg }, 403) : c.text(msg, 403);
    }
    return next();
  };
}

export function isForm(c: Context): boolean {
  const type = c.req.header('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The client's address: the socket's peer, or what a trusted proxy forwards. */
export function clientAddress(c: Context<WebEnv>): string {
  return forwardedAddress(c, c.env?.incoming?.socket?.remoteAddress ?? 'unknown');
}
