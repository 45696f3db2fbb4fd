import { said } from '../core/said.js';
import { type Lang, t } from '../i18n/index.js';
import type { MattermostNotifier } from './schema.js';
import {
  labelled,
  type Message,
  type Notifier,
  NotifyError,
  revealSecret,
  type SendOptions,
  type Severity,
  urlSecrets,
} from './types.js';
import { postJson } from './webhook.js';

/** Mattermost refuses posts longer than this many characters (runes). */
export const MATTERMOST_MAX_CHARS = 16383;

const ICON: Record<Severity, string> = {
  info: ':information_source:',
  warning: ':warning:',
  critical: ':red_circle:',
};

/** The post text: bold title, markdown body, link; cut to Mattermost's limit with a note. */
export function mattermostText(msg: Message, max = MATTERMOST_MAX_CHARS, lang: Lang = 'en'): string {
  const head = `${msg.severity ? `${ICON[msg.severity]} ` : ''}**${msg.title}**`;
  const link = msg.url ? `\n\n[${t(lang, 'post.open')}](${msg.url})` : '';
  const full = `${head}\n\n${msg.text}${link}`;
  // Count code points, as Mattermost does: an emoji is one character, not two.
  const chars = Array.from(full);
  if (chars.length <= max) return full;
  const note = `\n\n… _(${t(lang, 'post.cut', { n: chars.length, max })})_${link}`;
  const keep = Math.max(0, max - Array.from(note).length);
  return chars.slice(0, keep).join('') + note;
}

/** The incoming-webhook JSON body (Mattermost's documented fields). */
export function mattermostPayload(
  cfg: MattermostNotifier,
  msg: Message,
  lang: Lang = 'en',
): Record<string, unknown> {
  return {
    text: mattermostText(msg, MATTERMOST_MAX_CHARS, lang),
    ...(cfg.channel ? { channel: cfg.channel } : {}),
    ...(cfg.username ? { username: cfg.username } : {}),
    ...(cfg.icon_url ? { icon_url: cfg.icon_url } : {}),
    ...(cfg.icon_emoji ? { icon_emoji: cfg.icon_emoji } : {}),
    // Kept with the post: a re-sent notification can be recognised in the channel's data.
    props: { ronde_key: msg.key, ronde_event: msg.event },
  };
}

/**
 * Posts to a Mattermost incoming webhook. Mattermost answers 200 "ok"; 400
 * (invalid webhook or payload), 403 (overrides or the channel not allowed),
 * 404 (unknown hook) and 413 (too large) are permanent, 429 and 5xx transient.
 */
export function createMattermost(
  cfg: MattermostNotifier,
  env: NodeJS.ProcessEnv = process.env,
  lang: Lang = 'en',
): Notifier {
  const label = `mattermost "${cfg.name}"`;
  return {
    type: 'mattermost',
    name: cfg.name,
    async send(msg: Message, opts: SendOptions): Promise<void> {
      const url = revealSecret(cfg.url, env, label);
      const res = await postJson({
        url,
        headers: { 'idempotency-key': msg.key },
        body: mattermostPayload(cfg, msg, lang),
        timeoutSec: cfg.timeout,
        secrets: urlSecrets(url),
        label,
        retryAfterFallback: rateLimitReset,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      // A login page of a proxy in front of Mattermost also answers 200.
      if (/^\s*</.test(res.body))
        throw new NotifyError(labelled(label, said('notify.error.html')), {
          permanent: true,
          status: res.status,
        });
    },
  };
}

/** Mattermost's limiter also sends `X-Ratelimit-Reset: <seconds>`; used when Retry-After is absent. */
function rateLimitReset(headers: Headers): number | undefined {
  const reset = headers.get('x-ratelimit-reset')?.trim();
  // Seconds until the reset; a large value would be an epoch time, not a wait.
  return reset && /^\d{1,6}$/.test(reset) ? Number(reset) : undefined;
}
