import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** One message the sink accepted. */
export interface CapturedMail {
  envelope: { from: string; to: string[] };
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  /** Body, quoted-printable decoded. */
  body: string;
  /** The parts of a multipart message (e.g. text/plain and text/html), each decoded; empty otherwise. */
  parts: { headers: Record<string, string>; body: string }[];
  raw: string;
  /** The session was encrypted (STARTTLS) when the message came. */
  secure: boolean;
}

export interface AuthAttempt {
  username: string;
  secure: boolean;
}

/** An SMTP refusal for the next command of that stage, e.g. `{ stage: 'rcpt', code: 550 }`. */
export interface Refusal {
  stage: 'mail' | 'rcpt' | 'data';
  code: number;
  message?: string;
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  /** PEM file of the sink's self-signed certificate: give it as the client's CA. */
  caFile: string;
  messages: CapturedMail[];
  auths: AuthAttempt[];
  refuse(r: Refusal): void;
  waitForMessages(n: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Offer STARTTLS (default true). False: a server that only speaks plaintext. */
  starttls?: boolean;
  /** Require this login (only accepted over TLS). */
  auth?: { user: string; pass: string };
}

/** A self-signed certificate for 127.0.0.1 made with openssl in a fresh temp dir. */
export function makeCertificate(): { dir: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-smtp-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1'])
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { dir, key, cert };
}

/** A real SMTP server (smtp-server) on 127.0.0.1, random port, recording what it accepts. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const tls = makeCertificate();
  const messages: CapturedMail[] = [];
  const auths: AuthAttempt[] = [];
  const refusals: Refusal[] = [];
  const waiters: Array<() => void> = [];
  const refused = (stage: Refusal['stage']): Error | null => {
    const i = refusals.findIndex((r) => r.stage === stage);
    if (i < 0) return null;
    const [r] = refusals.splice(i, 1);
    return Object.assign(new Error(r!.message ?? `refused by the sink at ${stage}`), {
      responseCode: r!.code,
    });
  };

  const server = new SMTPServer({
    key: readFileSync(tls.key),
    cert: readFileSync(tls.cert),
    // Not only hidden from EHLO: a client that tries STARTTLS anyway is refused.
    hideSTARTTLS: options.starttls === false,
    disabledCommands: options.starttls === false ? ['STARTTLS'] : [],
    // The sink never resolves names (tests stay off DNS).
    disableReverseLookup: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, session, cb) {
      auths.push({ username: auth.username ?? '', secure: session.secure });
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_a, _s, cb) {
      cb(refused('mail'));
    },
    onRcptTo(_a, _s, cb) {
      cb(refused('rcpt'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const err = refused('data');
        if (err) return cb(err);
        const raw = Buffer.concat(chunks).toString('utf8');
        const env = session.envelope;
        messages.push({
          envelope: {
            from: env.mailFrom ? env.mailFrom.address : '',
            to: env.rcptTo.map((r) => r.address),
          },
          ...parseMail(raw),
          raw,
          secure: session.secure,
        });
        for (const w of waiters.splice(0)) w();
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    caFile: tls.cert,
    messages,
    auths,
    refuse: (r) => {
      refusals.push(r);
    },
    waitForMessages: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`expected ${n} messages within ${timeoutMs} ms, got ${messages.length}`)),
          timeoutMs,
        );
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(deadline);
            resolve(messages.slice());
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(tls.dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

function parseMail(raw: string): {
  headers: Record<string, string>;
  body: string;
  parts: { headers: Record<string, string>; body: string }[];
} {
  const single = parsePart(raw);
  const boundary = /^multipart\/[^;]+;.*boundary="?([^";]+)"?/i.exec(
    single.headers['content-type'] ?? '',
  )?.[1];
  if (!boundary) return { ...single, parts: [] };
  const chunks = raw.split(`--${boundary}`).slice(1, -1);
  return { ...single, parts: chunks.map((c) => parsePart(c.replace(/^\r\n/, ''))) };
}

function parsePart(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const encoding = headers['content-transfer-encoding'] ?? '';
  const qp = /quoted-printable/i.test(encoding);
  const body = /base64/i.test(encoding)
    ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
    : qp
      ? Buffer.from(
          rawBody
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8')
      : rawBody;
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as mail clients show them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
