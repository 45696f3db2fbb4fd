import type { Socket } from 'node:net';
import { attachSaid, englishOf, type Said, said } from '../../core/said.js';
import type { TlsStage } from '../../i18n/checks/client.js';

/**
 * The plaintext dialogs that upgrade a connection to TLS (STARTTLS and its cousins),
 * each the minimal exchange its RFC defines. They run on a connected socket and
 * resolve when the server has agreed; the TLS handshake follows on the same socket.
 */
export type StartTls = 'none' | 'smtp' | 'imap' | 'pop3' | 'ldap' | 'postgres';

/** Where a probe stopped, for a message a person understands. */
export class StartTlsError extends Error {
  declare readonly said: Said | undefined;
  constructor(
    message: string | Said,
    /** The server does not offer the upgrade at all (plain text only): a finding, not a failure to probe. */
    readonly notOffered = false,
  ) {
    super(englishOf(message));
    this.name = 'StartTlsError';
    attachSaid(this, message);
  }
}

/** Reads the socket into a buffer and lets a dialog wait for a predicate on it. */
class Reader {
  #buf = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  #ended = false;
  constructor(private sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.#buf = Buffer.concat([this.#buf, d]);
      for (const w of this.#waiters.splice(0)) w();
    });
    sock.on('end', () => {
      this.#ended = true;
      for (const w of this.#waiters.splice(0)) w();
    });
  }
  /** Waits until `done(buffer)` returns a value; consumes the whole buffer then. */
  async until<T>(done: (b: Buffer) => T | undefined, what: TlsStage): Promise<T> {
    for (;;) {
      const v = done(this.#buf);
      if (v !== undefined) {
        this.#buf = Buffer.alloc(0);
        return v;
      }
      if (this.#ended) throw new StartTlsError(said('client.tls.closed', { what }));
      if (this.#buf.length > 65536) throw new StartTlsError(said('client.tls.tooLong', { what }));
      await new Promise<void>((r) => this.#waiters.push(r));
    }
  }
  stop(): void {
    this.sock.removeAllListeners('data');
    this.sock.removeAllListeners('end');
  }
}

/** A complete SMTP reply (last line `NNN text`), its code and lines. */
export function smtpReply(b: Buffer): { code: number; lines: string[] } | undefined {
  const text = b.toString('latin1');
  if (!text.endsWith('\n')) return undefined;
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const last = lines.at(-1);
  if (!last) return undefined;
  const m = /^(\d{3})(?: |$)/.exec(last);
  if (!m) return /^\d{3}-/.test(last) ? undefined : { code: 0, lines };
  return { code: Number(m[1]), lines };
}

/** A complete line (CRLF or LF). */
export function firstLine(b: Buffer): string | undefined {
  const i = b.indexOf(10);
  return i < 0 ? undefined : b.subarray(0, i).toString('latin1').replace(/\r$/, '');
}

/** The line of an IMAP tagged reply, once it arrived (untagged lines before it are skipped). */
export function imapTagged(b: Buffer, tag: string): string | undefined {
  const text = b.toString('latin1');
  if (!text.endsWith('\n')) return undefined;
  return text.split(/\r?\n/).find((l) => l.startsWith(`${tag} `));
}

/** LDAP StartTLS extended request (RFC 4511 §4.14), message id 1. */
const LDAP_STARTTLS = Buffer.concat([
  Buffer.from([0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16]),
  Buffer.from('1.3.6.1.4.1.1466.20037', 'latin1'),
]);

/**
 * The resultCode of an LDAP ExtendedResponse (`[APPLICATION 24]`), once a whole BER
 * message arrived; -1 when it is some other message. Short-form and long-form lengths.
 */
export function ldapExtendedResult(b: Buffer): number | undefined {
  const outer = berLength(b, 1);
  if (!outer || b.length < outer.start + outer.len) return undefined;
  // messageID INTEGER, then the protocolOp.
  let i = outer.start;
  if (b[i] !== 0x02) return -1;
  const id = berLength(b, i + 1);
  if (!id) return -1;
  i = id.start + id.len;
  if (b[i] !== 0x78) return -1;
  const op = berLength(b, i + 1);
  if (!op) return -1;
  i = op.start;
  if (b[i] !== 0x0a) return -1;
  const rc = berLength(b, i + 1);
  if (!rc || rc.len < 1 || rc.start + rc.len > b.length) return -1;
  return b.readUIntBE(rc.start, Math.min(rc.len, 6));
}

function berLength(b: Buffer, at: number): { start: number; len: number } | undefined {
  const first = b[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { start: at + 1, len: first };
  const n = first & 0x7f;
  if (n === 0 || n > 4 || at + 1 + n > b.length) return undefined;
  return { start: at + 1 + n, len: b.readUIntBE(at + 1, n) };
}

export async function startTls(sock: Socket, proto: StartTls): Promise<void> {
  if (proto === 'none') return;
  const r = new Reader(sock);
  const send = (s: string | Buffer) => sock.write(s);
  try {
    switch (proto) {
      case 'smtp': {
        const hello = await r.until(smtpReply, 'smtpGreeting');
        if (hello.code !== 220)
          throw new StartTlsError(
            said('client.tls.badGreeting', { what: 'smtpGreeting', reply: hello.lines.join(' ') }),
          );
        send('EHLO ronde.invalid\r\n');
        const ehlo = await r.until(smtpReply, 'ehlo');
        if (ehlo.code !== 250)
          throw new StartTlsError(said('client.tls.refuses', { what: 'EHLO', reply: ehlo.lines.join(' ') }));
        if (!ehlo.lines.some((l) => /^250[- ]STARTTLS\b/i.test(l)))
          throw new StartTlsError(said('client.tls.noStarttls'), true);
        send('STARTTLS\r\n');
        const go = await r.until(smtpReply, 'starttls');
        if (go.code !== 220)
          throw new StartTlsError(said('client.tls.starttlsRefused', { reply: go.lines.join(' ') }));
        return;
      }
      case 'imap': {
        const hello = await r.until(firstLine, 'imapGreeting');
        if (!/^\* (OK|PREAUTH)/i.test(hello))
          throw new StartTlsError(said('client.tls.badGreeting', { what: 'imapGreeting', reply: hello }));
        send('r1 STARTTLS\r\n');
        const go = await r.until((b) => imapTagged(b, 'r1'), 'starttls');
        if (!/^r1 OK/i.test(go))
          throw new StartTlsError(
            said('client.tls.refuses', { what: 'STARTTLS', reply: go }),
            /BAD|NO/i.test(go.split(' ')[1] ?? ''),
          );
        return;
      }
      case 'pop3': {
        const hello = await r.until(firstLine, 'pop3Greeting');
        if (!hello.startsWith('+OK'))
          throw new StartTlsError(said('client.tls.badGreeting', { what: 'pop3Greeting', reply: hello }));
        send('STLS\r\n');
        const go = await r.until(firstLine, 'stls');
        if (!go.startsWith('+OK'))
          throw new StartTlsError(said('client.tls.refuses', { what: 'STLS', reply: go }), true);
        return;
      }
      case 'ldap': {
        send(LDAP_STARTTLS);
        const rc = await r.until(ldapExtendedResult, 'ldapStartTls');
        if (rc !== 0) throw new StartTlsError(said('client.tls.ldapRefuses', { rc }), rc === 2);
        return;
      }
      case 'postgres': {
        // SSLRequest: length 8, code 80877103; the server answers one byte.
        send(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]));
        const c = await r.until((b) => (b.length ? String.fromCharCode(b[0]!) : undefined), 'sslRequest');
        if (c === 'N') throw new StartTlsError(said('client.tls.pgSslOff'), true);
        if (c !== 'S')
          throw new StartTlsError(
            said('client.tls.badGreeting', { what: 'sslRequest', reply: JSON.stringify(c) }),
          );
        return;
      }
    }
  } finally {
    r.stop();
  }
}
