import { type Said, said } from '../core/said.js';
import type { WebhookNotifier } from './schema.js';
import {
  labelled,
  type Message,
  type Notifier,
  NotifyError,
  revealSecret,
  type SendOptions,
  scrub,
  urlSecrets,
} from './types.js';

export interface PostRequest {
  /** Revealed URL: used for the request only, never put in an error. */
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutSec: number;
  signal?: AbortSignal;
  /** Revealed secrets to mask in anything the receiver sends back. */
  secrets: readonly string[];
  /** For messages: `mattermost "chat"`. */
  label: string;
  /** Seconds to wait read from receiver-specific headers, when `Retry-After` is absent. */
  retryAfterFallback?: (headers: Headers) => number | undefined;
}

export interface PostResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** How long a receiver asked us to wait: `Retry-After` (seconds or HTTP date). */
export function retryAfterSec(headers: Headers, now = Date.now()): number | undefined {
  const v = headers.get('retry-after')?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** 4xx but 408/429 cannot succeed by retrying; 408, 429 and 5xx may. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * POSTs JSON and returns the answer when it is 2xx; otherwise throws a
 * NotifyError that never shows the URL (it often is the credential).
 */
export async function postJson(req: PostRequest): Promise<PostResponse> {
  const timeout = AbortSignal.timeout(req.timeoutSec * 1000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...req.headers },
      body: JSON.stringify(req.body),
      // A redirected POST turns into a GET and would be lost silently.
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    if (err instanceof TypeError && /parse URL/i.test(err.message))
      throw new NotifyError(labelled(req.label, said('notify.error.badUrl')), {
        permanent: true,
      });
    throw new NotifyError(labelled(req.label, networkReason(err, timeout.aborted, req.timeoutSec)), {
      permanent: false,
    });
  }
  const body = scrub(await readText(res, signal), req.secrets);
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, body };
  const answer = body.trim().slice(0, 300);
  const permanent = res.status < 400 || isPermanentStatus(res.status);
  const redirect = res.status >= 300 && res.status < 400;
  const retry = retryAfterSec(res.headers) ?? req.retryAfterFallback?.(res.headers);
  throw new NotifyError(
    labelled(req.label, said('notify.error.http', { status: res.status, redirect, answer })),
    {
      permanent,
      status: res.status,
      ...(retry === undefined ? {} : { retryAfterSec: retry }),
    },
  );
}

async function readText(res: Response, signal: AbortSignal): Promise<string> {
  try {
    return signal.aborted ? '' : await res.text();
  } catch {
    return '';
  }
}

function networkReason(err: unknown, timedOut: boolean, timeoutSec: number): Said {
  if (timedOut) return said('notify.error.noAnswer', { sec: timeoutSec });
  const e = err as Error & { cause?: { code?: string } };
  if (e.name === 'AbortError') return said('notify.error.aborted');
  // Only the error code: undici's messages may quote the URL.
  return said('notify.error.unreachable', { code: e.cause?.code ?? '' });
}

/** A generic JSON webhook: POST `{ key, event, title, text, severity, url, sent_at }`. */
export function createWebhook(cfg: WebhookNotifier, env: NodeJS.ProcessEnv = process.env): Notifier {
  const label = `webhook "${cfg.name}"`;
  return {
    type: 'webhook',
    name: cfg.name,
    async send(msg: Message, opts: SendOptions): Promise<void> {
      // Resolved at each send so a rotated token is picked up without a restart.
      const url = revealSecret(cfg.url, env, label);
      const headers: Record<string, string> = {};
      const secrets = urlSecrets(url);
      for (const [k, v] of Object.entries(cfg.headers)) {
        // Ours is set below; a configured one would be sent twice.
        if (k.toLowerCase() === 'idempotency-key') continue;
        headers[k] = revealSecret(v, env, label);
        if (v !== headers[k]) secrets.push(headers[k]);
      }
      headers['idempotency-key'] = msg.key;
      await postJson({
        url,
        headers,
        body: {
          key: msg.key,
          event: msg.event,
          title: msg.title,
          text: msg.text,
          severity: msg.severity ?? null,
          url: msg.url ?? null,
          sent_at: new Date().toISOString(),
        },
        timeoutSec: cfg.timeout,
        secrets,
        label,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    },
  };
}
