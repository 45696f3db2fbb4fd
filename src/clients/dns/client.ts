import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { getServers } from 'node:dns';
import { isIP, Socket } from 'node:net';
import dnsPacket, { type Answer, type RecordType } from 'dns-packet';
import { attachSaid, englishOf, type Said, said, saidIn, sayError } from '../../core/said.js';
import type { Lang } from '../../i18n/index.js';

/**
 * A small DNS client that speaks the protocol itself (dns-packet over UDP, TCP when the
 * answer is truncated) toward the servers it is given: the DNS kinds must see the rcode
 * (NXDOMAIN vs an empty answer), the AD flag and DNSSEC records, which node's resolver
 * hides, and must ask the configured resolver, never one of ours.
 */

export interface DnsServer {
  host: string;
  port: number;
}

/** `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`; null when not an address. */
export function parseServer(text: string): DnsServer | null {
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracket) return withPort(bracket[1]!, bracket[2]);
  if (isIP(text)) return { host: text, port: 53 };
  const v4 = /^([\d.]+):(\d{1,5})$/.exec(text);
  return v4 ? withPort(v4[1]!, v4[2]) : null;
}

function withPort(host: string, port: string | undefined): DnsServer | null {
  const p = port === undefined ? 53 : Number(port);
  return isIP(host) && p > 0 && p < 65536 ? { host, port: p } : null;
}

export function formatServer(s: DnsServer): string {
  const host = isIP(s.host) === 6 ? `[${s.host}]` : s.host;
  return s.port === 53 ? s.host : `${host}:${s.port}`;
}

/** The machine's resolvers (/etc/resolv.conf, as node reads it): the default when none is configured. */
export function systemServers(): DnsServer[] {
  return getServers().flatMap((s) => parseServer(s) ?? []);
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP' | string;

export interface DnsResponse {
  rcode: Rcode;
  /** Authoritative answer. */
  aa: boolean;
  /** Authenticated data: the resolver validated it (only meaningful from a validating resolver). */
  ad: boolean;
  answers: Answer[];
  authorities: Answer[];
  /** Which server answered, `host` or `host:port`. */
  server: string;
}

/** No answer could be had (timeout, network error, malformed reply): never "the name does not exist". */
export class DnsError extends Error {
  /** The message in the team's language (sayError); the English one is `message`. */
  declare readonly said: Said | undefined;
  constructor(message: string | Said) {
    super(englishOf(message));
    this.name = 'DnsError';
    attachSaid(this, message);
  }
}

export interface QueryOptions {
  /** Ask for DNSSEC records (EDNS DO bit). */
  dnssec?: boolean;
  /** Recursion desired (default true: a resolver; an authoritative server ignores it). */
  recurse?: boolean;
}

export interface DnsClientOptions {
  servers: readonly DnsServer[];
  /** Per attempt, milliseconds. */
  timeoutMs?: number;
  /** Attempts per server (UDP can be lost). */
  tries?: number;
  signal?: AbortSignal;
}

export class DnsClient {
  readonly servers: readonly DnsServer[];
  readonly #timeoutMs: number;
  readonly #tries: number;
  readonly #signal: AbortSignal | undefined;
  /** Queries sent, for tests and for the kinds that promise a bounded number. */
  sent = 0;

  constructor(o: DnsClientOptions) {
    if (o.servers.length === 0) throw new DnsError(said('client.dns.noServer'));
    this.servers = o.servers;
    this.#timeoutMs = o.timeoutMs ?? 3000;
    this.#tries = o.tries ?? 2;
    this.#signal = o.signal;
  }

  /** Asks each server in turn until one answers (any rcode is an answer). */
  async query(name: string, type: RecordType, o: QueryOptions = {}): Promise<DnsResponse> {
    const errors: { server: string; error: unknown }[] = [];
    for (const server of this.servers) {
      for (let attempt = 0; attempt < this.#tries; attempt++) {
        if (this.#signal?.aborted) throw new DnsError(said('client.dns.aborted'));
        try {
          const id = randomInt(65536);
          const packet = queryPacket(id, name, type, o);
          this.sent++;
          let reply = readReply(await udp(server, dnsPacket.encode(packet), this.#timeoutMs), id, name, type);
          if (reply.tc)
            reply = readReply(
              await tcp(server, dnsPacket.streamEncode(packet), this.#timeoutMs),
              id,
              name,
              type,
            );
          return { ...reply.response, server: formatServer(server) };
        } catch (e) {
          errors.push({ server: formatServer(server), error: e });
        }
      }
    }
    const list = (l: Lang) =>
      [...new Set(errors.map((e) => `${e.server}: ${sayError(l, e.error)}`))].join('; ');
    throw new DnsError(saidIn('client.dns.noAnswer', (l) => [{ name, type, errors: list(l) }]));
  }
}

function queryPacket(id: number, name: string, type: RecordType, o: QueryOptions): dnsPacket.Packet {
  return {
    type: 'query',
    id,
    flags: o.recurse === false ? 0 : dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        flags: o.dnssec ? dnsPacket.DNSSEC_OK : 0,
      } as Answer,
    ],
  };
}

/**
 * Decodes a reply and checks it answers our question; any malformed input is a DnsError,
 * never another exception (fuzzed).
 */
export function readReply(
  buf: Buffer,
  id: number,
  name: string,
  type: RecordType,
): { tc: boolean; response: Omit<DnsResponse, 'server'> } {
  let p: dnsPacket.DecodedPacket & { rcode?: string };
  try {
    p = dnsPacket.decode(buf);
  } catch (e) {
    throw new DnsError(said('client.dns.malformed', { error: (e as Error).message }));
  }
  const q = p.questions?.[0];
  if (p.type !== 'response' || p.id !== id) throw new DnsError(said('client.dns.otherQuery'));
  if (!q || q.name.toLowerCase() !== name.replace(/\.$/, '').toLowerCase() || q.type !== type)
    throw new DnsError(said('client.dns.otherQuestion'));
  return {
    tc: p.flag_tc === true,
    response: {
      rcode: typeof p.rcode === 'string' ? p.rcode : 'NOERROR',
      aa: p.flag_aa === true,
      ad: p.flag_ad === true,
      answers: (p.answers ?? []).filter((a) => a.type !== 'OPT'),
      authorities: p.authorities ?? [],
    },
  };
}

function udp(server: DnsServer, msg: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const timer = setTimeout(
      () => done(new DnsError(said('client.dns.timeout', { ms: timeoutMs, tcp: false }))),
      timeoutMs,
    );
    const done = (err: Error | null, buf?: Buffer) => {
      clearTimeout(timer);
      sock.close();
      if (err) reject(err);
      else resolve(buf!);
    };
    sock.once('error', (e) => done(e));
    sock.once('message', (buf) => done(null, buf));
    sock.send(msg, server.port, server.host, (e) => e && done(e));
  });
}

function tcp(server: DnsServer, msg: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    let data = Buffer.alloc(0);
    const timer = setTimeout(
      () => done(new DnsError(said('client.dns.timeout', { ms: timeoutMs, tcp: true }))),
      timeoutMs,
    );
    const done = (err: Error | null, buf?: Buffer) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(buf!);
    };
    sock.once('error', (e) => done(e));
    sock.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0))
        done(null, data.subarray(2, 2 + data.readUInt16BE(0)));
    });
    sock.once('end', () => done(new DnsError(said('client.dns.tcpClosed'))));
    sock.connect(server.port, server.host, () => sock.write(msg));
  });
}
