import type { Hono } from 'hono';
import { allows, type Role } from '../auth/roles.js';
import { getUser } from '../auth/users.js';
import { resolveSecrets } from '../config/secrets.js';
import { boardTimeZone } from '../routines/board.js';
import { appendAudit } from '../store/audit.js';
import type { WebEnv } from './context.js';
import { ActionError, type Actor, acknowledge } from './cover-actions.js';
import { loadProblems } from './data.js';
import { sameSecret } from './guard.js';
import { isRefusal, signOff } from './signoff.js';
import { view } from './words.js';

/*
 * Mattermost's slash command `/ronde`, at POST /chat/mattermost. Mattermost
 * sends its per-command token with each request: anything else is refused
 * (and audited). The sender is the team member whose `mattermost:` username
 * it is; what they may do is the role of the ronde user of that member's
 * name (viewer without one). Actions are the page's, audited as channel chat.
 */
export function chatRoutes(app: Hono<WebEnv>): void {
  app.post('/chat/mattermost', async (c) => {
    const deps = c.get('deps');
    const settings = deps.config.web.mattermost;
    if (!settings)
      return c.json({ error: 'the Mattermost slash command is not configured (web.mattermost)' }, 404);
    const now = deps.now?.() ?? new Date();
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const token = field('token');
    const valid = settings.tokens.some((t) => {
      try {
        return token !== '' && sameSecret(token, resolveSecrets(t).reveal());
      } catch {
        return false;
      }
    });
    const address = c.get('address');
    if (!valid) {
      await deps.store.conn.write((trx) =>
        appendAudit(trx, {
          at: now,
          actor: field('user_name') || '(unknown)',
          action: 'chat.refused',
          subject: 'bad token',
          address,
          channel: 'chat',
        }),
      );
      return c.json({ error: 'invalid slash command token' }, 401);
    }
    const v = view(deps.config.language ?? 'en', boardTimeZone(deps.config), now);
    const reply = (text: string, inChannel = false) =>
      c.json({ response_type: inChannel ? 'in_channel' : 'ephemeral', text });

    const username = field('user_name').toLowerCase();
    const member = deps.config.team.find((m) => m.mattermost?.toLowerCase() === username);
    if (!member) return reply(v.w('chat.notMember', { user: field('user_name') }));
    const user =
      (await getUser(deps.store.conn.db, member.name)) ?? (await getUser(deps.store.conn.db, username));
    const role: Role = user?.role ?? 'viewer';
    const who: Actor = {
      name: member.name,
      address: `${address} (mattermost @${username})`,
      channel: 'chat',
    };
    const need = (r: Role) => (allows(role, r) ? undefined : reply(v.w('chat.needRole', { role: r })));

    const [verb = '', ...rest] = field('text').trim().split(/\s+/);
    switch (verb.toLowerCase()) {
      case 'done': {
        const refused = need('operator');
        if (refused) return refused;
        const [id = '', ...note] = rest;
        const out = await signOff(deps.store, deps.config, {
          routine: id,
          user: member.name,
          note: note.join(' '),
          items: [],
          address: who.address,
          channel: 'chat',
          now,
        });
        if (!isRefusal(out)) {
          const title = deps.config.routines.find((r) => r.id === id)?.title ?? id;
          return reply(v.w('chat.signedOff', { who: member.name, title, note: out.note }), true);
        }
        if (out.kind === 'unknown')
          return reply(
            v.w('chat.unknownRoutine', { id, ids: deps.config.routines.map((r) => r.id).join(', ') }),
          );
        if (out.kind === 'empty') return reply(v.w('routine.needNote'));
        return reply(
          out.kind === 'notMember' ? v.w('routine.notMember', { user: out.user }) : v.w('chat.usage'),
        );
      }
      case 'ack': {
        const refused = need('operator');
        if (refused) return refused;
        const [host = '', check = '', ...reason] = rest;
        try {
          await acknowledge(deps.store, who, {
            target: host,
            check,
            reason: reason.join(' '),
            forMs: null,
            now,
          });
        } catch (err) {
          if (err instanceof ActionError) return reply(err.message);
          throw err;
        }
        return reply(v.w('chat.acked', { who: member.name, host, check, reason: reason.join(' ') }), true);
      }
      case 'status': {
        const host = rest[0];
        const home = await loadProblems(deps.store, deps.config, deps.daemon, now);
        const hosts = home.problems.filter((h) => host === undefined || h.host === host);
        const lines = hosts.flatMap((h) =>
          [...h.open, ...h.covered].map(
            (p) =>
              `- **${h.host}** ${p.check} ${p.status}: ${p.summary}` +
              (p.covers[0]
                ? ` _(${v.w(`cover.${p.covers[0].type}`, { by: p.covers[0].by, reason: p.covers[0].reason })})_`
                : ''),
          ),
        );
        return reply(
          lines.length === 0
            ? v.w('chat.allOk')
            : [v.w('chat.problems', { n: lines.length }), ...lines].join('\n'),
        );
      }
      default:
        return reply(v.w('chat.usage'));
    }
  });
}
