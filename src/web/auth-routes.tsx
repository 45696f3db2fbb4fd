import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, newToken } from '../auth/sessions.js';
import { appendAudit } from '../store/audit.js';
import type { WebEnv } from './context.js';
import { need, SESSION_COOKIE, sameSecret } from './guard.js';
import { verifyLogin } from './login-check.js';
import { pageView } from './page-view.js';
import { LoginPage } from './pages/login.js';

/** The login form's double-submit token: a cookie the form must echo (there is no session yet). */
const LOGIN_COOKIE = 'ronde_login';

/** `next` only ever leads to a path of this site, never elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')
    ? next
    : '/';
}

export function authRoutes(app: Hono<WebEnv>): void {
  app.get('/login', (c) => {
    // Reused while it lasts: a second GET (a favicon request redirected here, another tab)
    // must not replace the token of a form already shown.
    const existing = getCookie(c, LOGIN_COOKIE);
    const token = existing && /^[\w-]{43}$/.test(existing) ? existing : newToken();
    const secure = c.get('deps').config.web.cookie_secure;
    setCookie(c, LOGIN_COOKIE, token, {
      httpOnly: true,
      secure,
      sameSite: 'Strict',
      path: '/login',
      maxAge: 3600,
    });
    return c.html(<LoginPage v={pageView(c)} csrf={token} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const now = deps.now?.() ?? new Date();
    const body = await c.req.parseBody();
    const cookie = getCookie(c, LOGIN_COOKIE);
    const sent = typeof body._csrf === 'string' ? body._csrf : '';
    if (!cookie || !sameSecret(sent, cookie))
      return c.text('missing or wrong CSRF token: reload the login page', 403);
    const name = (typeof body.user === 'string' ? body.user : '').trim().slice(0, 64);
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const address = c.get('address');
    const keys = [`addr:${address}`, `user:${name.toLowerCase()}`];
    const limiter = c.get('limiter');
    const wait = limiter.retryAfterMs(keys, now.getTime());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.html(
        <LoginPage
          v={pageView(c)}
          csrf={cookie}
          next={next}
          name={name}
          error={pageView(c).w('login.limited')}
        />,
        429,
      );
    }
    const verdict = await verifyLogin(deps, name, password, now);
    if ('unavailable' in verdict) {
      await deps.store.conn.write((trx) =>
        appendAudit(trx, {
          at: now,
          actor: name || '(empty)',
          action: 'login.failed',
          subject: name,
          detail: { via: 'ldap', error: verdict.unavailable },
          address,
          channel: 'web',
        }),
      );
      deps.log?.error(
        { user: name, address, err: verdict.unavailable },
        'LDAP login: the directory did not answer',
      );
      return c.html(
        <LoginPage
          v={pageView(c)}
          csrf={cookie}
          next={next}
          name={name}
          error={pageView(c).w('login.ldapDown')}
        />,
        503,
      );
    }
    if ('failed' in verdict) {
      limiter.fail(keys, now.getTime());
      await deps.store.conn.write((trx) =>
        appendAudit(trx, {
          at: now,
          actor: name || '(empty)',
          action: 'login.failed',
          subject: name,
          ...(verdict.failed.startsWith('ldap:') ? { detail: { via: 'ldap', why: verdict.failed } } : {}),
          address,
          channel: 'web',
        }),
      );
      deps.log?.warn({ user: name, address }, 'failed login');
      return c.html(
        <LoginPage
          v={pageView(c)}
          csrf={cookie}
          next={next}
          name={name}
          error={pageView(c).w('login.wrong')}
        />,
        401,
      );
    }
    const { user } = verdict;
    limiter.succeed(keys);
    const ttlMs = deps.config.web.session_ttl * 1000;
    const { token } = await deps.store.conn.write(async (trx) => {
      const created = await createSession(trx, user, { now, ttlMs, address });
      await appendAudit(trx, {
        at: now,
        actor: user.name,
        action: 'login',
        subject: user.name,
        ...(verdict.via === 'ldap' ? { detail: { via: 'ldap', role: user.role } } : {}),
        address,
        channel: 'web',
      });
      return created;
    });
    deleteCookie(c, LOGIN_COOKIE, { path: '/login' });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: deps.config.web.cookie_secure,
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(ttlMs / 1000),
    });
    return c.redirect(next, 303);
  });

  app.post('/logout', need('viewer'), async (c) => {
    const deps = c.get('deps');
    const session = c.get('session')!;
    const now = deps.now?.() ?? new Date();
    await deps.store.conn.write(async (trx) => {
      await deleteSession(trx, session.id);
      await appendAudit(trx, {
        at: now,
        actor: session.user.name,
        action: 'logout',
        subject: session.user.name,
        address: c.get('address'),
        channel: 'web',
      });
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
}
