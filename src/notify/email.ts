import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type nodemailerType from 'nodemailer';
import type { SentMessageInfo } from 'nodemailer/lib/smtp-transport/index.js';
import { type Said, said } from '../core/said.js';
import { type Lang, t } from '../i18n/index.js';
import { markdownToHtml, markdownToText } from './markdown.js';
import type { EmailNotifier } from './schema.js';
import {
  labelled,
  type Message,
  type Notifier,
  NotifyError,
  revealSecret,
  type SendOptions,
  scrub,
} from './types.js';

/** Loaded on first send: only a configured e-mail notifier needs it. */
const load = createRequire(import.meta.url);
const nodemailer = {
  createTransport: ((...args: unknown[]) =>
    (load('nodemailer') as typeof nodemailerType).createTransport(
      ...(args as Parameters<typeof nodemailerType.createTransport>),
    )) as typeof nodemailerType.createTransport,
};

/**
 * `<key@ronde>`: a re-send of the same notification has the same Message-ID,
 * so mail clients and archives show it once. A key with characters not
 * allowed there is hashed.
 */
export function messageId(key: string): string {
  const id = /^[A-Za-z0-9._-]{1,200}$/.test(key) ? key : createHash('sha256').update(key).digest('hex');
  return `<${id}@ronde>`;
}

/** Plain-text body: the markdown's words without markup; the link on its own line. */
export function emailText(msg: Message): string {
  return `${markdownToText(msg.text)}${msg.url ? `\n\n${msg.url}` : ''}\n\n-- \nronde (${msg.event})\n`;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML alternative, from the same markdown: what the text says, with its emphasis and links. */
export function emailHtml(msg: Message, lang: Lang = 'en'): string {
  const link =
    msg.url && /^https?:\/\//.test(msg.url)
      ? `<p><a href="${escapeHtml(msg.url)}">${escapeHtml(t(lang, 'post.open'))}</a></p>\n`
      : '';
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(msg.title)}</title></head>\n` +
    `<body>\n${markdownToHtml(msg.text)}${link}<p style="color:#777">-- <br>ronde (${escapeHtml(msg.event)})</p>\n</body></html>\n`
  );
}

const TRANSIENT_CODES = new Set(['ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ECONNREFUSED']);

/** SMTP 4xx and lost connections may pass later; 5xx, refused login, missing TLS or bad certificates need a fix. */
export function classifySmtpError(err: unknown, label: string, secrets: readonly string[]): NotifyError {
  const e = err as Error & { code?: string; responseCode?: number; response?: string };
  const text = scrub(String(e.response ?? e.message ?? err), secrets)
    .replace(/\s+/g, ' ')
    .slice(0, 300);
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const certificate = /certificate|self[- ]signed|CERT_|altname/i.test(`${e.code} ${e.message}`);
  let permanent: boolean;
  // The server's own reply (`text`) is quoted as it came; only our explanation is said in the language.
  let why: Said = { say: () => text };
  if (certificate) {
    permanent = true;
    why = said('notify.error.certificate', { text });
  } else if (e.code === 'ETLS') {
    permanent = true;
    why = said('notify.error.starttls', { text });
  } else if (status !== undefined) permanent = status >= 500;
  else permanent = !TRANSIENT_CODES.has(e.code ?? '');
  return new NotifyError(labelled(label, why), {
    permanent,
    ...(status === undefined ? {} : { status }),
  });
}

/** E-mail over SMTP: STARTTLS required by default, certificates always verified. */
export function createEmail(
  cfg: EmailNotifier,
  env: NodeJS.ProcessEnv = process.env,
  lang: Lang = 'en',
): Notifier {
  const label = `email "${cfg.name}"`;
  return {
    type: 'email',
    name: cfg.name,
    async send(msg: Message, opts: SendOptions): Promise<void> {
      const user = cfg.user === undefined ? undefined : revealSecret(cfg.user, env, label);
      const pass = cfg.password === undefined ? undefined : revealSecret(cfg.password, env, label);
      let ca: string | undefined;
      try {
        ca = cfg.ca === undefined ? undefined : readFileSync(cfg.ca, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new NotifyError(labelled(label, said('notify.error.caFile', { file: String(cfg.ca), code })), {
          permanent: true,
        });
      }
      const ms = cfg.timeout * 1000;
      const transport = nodemailer.createTransport({
        host: cfg.host,
        port: cfg.port ?? (cfg.tls ? 465 : 587),
        secure: cfg.tls,
        requireTLS: cfg.starttls && !cfg.tls,
        // `starttls: false` means plaintext on purpose (a local relay): no half-hearted upgrade.
        ignoreTLS: !cfg.starttls && !cfg.tls,
        // Verification stays on; a private CA is trusted through `ca`, never by turning it off.
        tls: { rejectUnauthorized: true, ...(ca ? { ca } : {}) },
        ...(user !== undefined && pass !== undefined ? { auth: { user, pass } } : {}),
        connectionTimeout: ms,
        greetingTimeout: ms,
        socketTimeout: ms,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      const secrets = [user, pass].filter((s): s is string => s !== undefined);
      const sending = transport.sendMail({
        from: cfg.from,
        to: cfg.to,
        subject: msg.title,
        // multipart/alternative: clients show the HTML, and the text where HTML is off.
        text: emailText(msg),
        html: emailHtml(msg, lang),
        messageId: messageId(msg.key),
        headers: { 'X-Ronde-Event': msg.event },
      });
      try {
        const info = await abortable(sending, opts.signal, () => transport.close());
        if (info.rejected.length > 0) throw partial(info, cfg.to.length, label);
      } catch (err) {
        if (err instanceof NotifyError) throw err;
        throw classifySmtpError(err, label, secrets);
      } finally {
        transport.close();
      }
    },
  };
}

/**
 * Some recipients refused, the others got it. Permanent: a retry would send
 * the others a duplicate; the refused addresses need a fix.
 */
function partial(info: SentMessageInfo, total: number, label: string): NotifyError {
  const refused = info.rejected.map((a) => (typeof a === 'string' ? a : a.address));
  // Set by the SMTP transport, missing from its type declarations.
  const errors = (info as { rejectedErrors?: Array<{ responseCode?: number; response?: string }> })
    .rejectedErrors;
  const first = errors?.[0];
  const why = first?.response ? first.response.replace(/\s+/g, ' ').slice(0, 200) : '';
  const refusedBy = { accepted: total - refused.length, total, refused: refused.join(', '), why };
  return new NotifyError(labelled(label, said('notify.error.refused', refusedBy)), {
    permanent: true,
    ...(first?.responseCode ? { status: first.responseCode } : {}),
  });
}

/** nodemailer takes no AbortSignal: on abort, close the connection and give up (transient). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, close: () => void): Promise<T> {
  if (!signal) return p;
  const interrupted = () => new NotifyError(said('notify.error.interrupted'), { permanent: false });
  if (signal.aborted) {
    close();
    p.catch(() => {});
    return Promise.reject(interrupted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      close();
      reject(interrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
