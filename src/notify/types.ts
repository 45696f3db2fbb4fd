import { resolveSecrets, SecretError } from '../config/secrets.js';
import { attachSaid, englishOf, type Said, saidIn, sayError } from '../core/said.js';

/** Events a notifier can be sent. Routes match them with globs (`check.*`). */
export const EVENTS = [
  'routine.due',
  'routine.overdue',
  'routine.done',
  'check.problem',
  'check.recovery',
  'check.unknown',
  'digest',
  'summary',
  'release.new',
  // `ronde upgrade run` starts and ends (src/actions/upgrade/announce.ts).
  'upgrade.start',
  'upgrade.end',
  'test',
] as const;
export type NotifyEvent = (typeof EVENTS)[number];

export type Severity = 'info' | 'warning' | 'critical';

/** One notification for one channel. */
export interface Message {
  /**
   * Stable idempotency key (e.g. sha256 of event id + channel): a re-send of
   * the same notification carries the same key, so a receiver can drop it.
   */
  key: string;
  event: NotifyEvent;
  title: string;
  /** Markdown. */
  text: string;
  severity?: Severity;
  /** Where to look (the dashboard page of the check or routine). */
  url?: string;
}

export interface SendOptions {
  /** Aborting gives a transient NotifyError: the message was maybe not delivered. */
  signal?: AbortSignal;
}

/** A configured channel. `send` resolves once the receiver accepted the message. */
export interface Notifier {
  type: string;
  name: string;
  send(msg: Message, opts: SendOptions): Promise<void>;
}

/**
 * Why a send failed. `permanent`: retrying the same message cannot help (bad
 * URL, revoked hook, refused payload) — fix the configuration. Otherwise the
 * sender retries, not before `retryAfterSec` when the receiver said so.
 * The message never holds a secret (URL, password, header value).
 */
export class NotifyError extends Error {
  readonly permanent: boolean;
  /** HTTP status, or SMTP reply code for e-mail. */
  readonly status?: number;
  readonly retryAfterSec?: number;
  /** The secret reference that could not be resolved (`${env:X}`): the send failed before reaching anyone. */
  readonly secretRef?: string;

  /** The message in the team's language (sayError); `message` is its English, for the log. */
  declare readonly said: Said | undefined;

  constructor(
    message: string | Said,
    opts: { permanent: boolean; status?: number; retryAfterSec?: number; secretRef?: string },
  ) {
    super(englishOf(message));
    this.name = 'NotifyError';
    attachSaid(this, message);
    this.permanent = opts.permanent;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterSec !== undefined) this.retryAfterSec = opts.retryAfterSec;
    if (opts.secretRef !== undefined) this.secretRef = opts.secretRef;
  }
}

/** `email "ops": why`: a notifier's label before what went wrong, said in the language asked. */
export function labelled(label: string, why: Said): Said {
  return saidIn('notify.error.at', (l) => [{ label, why: why.say(l) }]);
}

/** Replaces every occurrence of each secret value by `***` (receivers sometimes echo the URL). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.replaceAll(s, '***');
  return out;
}

/**
 * The parts of a revealed URL that must not show: the whole, its path and
 * query (hook ids, tokens), long path segments and a password. Receivers
 * echo the path in their errors ("Invalid webhook /hooks/…").
 */
export function urlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    out.push(`${u.pathname}${u.search}`, u.search.slice(1), decodeURIComponent(u.password));
    for (const seg of u.pathname.split('/')) if (seg.length >= 12) out.push(seg);
    for (const v of u.searchParams.values()) out.push(v);
  } catch {
    // An unparsable URL is masked whole only.
  }
  return out.filter((s) => s.length >= 4 && s !== '/').sort((a, b) => b.length - a.length);
}

/** Resolves a secret reference for one send; an unresolvable one is a configuration error. */
export function revealSecret(value: string, env: NodeJS.ProcessEnv, label: string): string {
  try {
    return resolveSecrets(value, env).reveal();
  } catch (err) {
    // SecretError names the reference, never a value.
    const ref = err instanceof SecretError ? err.reference : '';
    throw new NotifyError(
      saidIn('notify.error.at', (l) => [{ label, why: sayError(l, err) }]),
      {
        permanent: true,
        secretRef: ref || '(malformed reference)',
      },
    );
  }
}
