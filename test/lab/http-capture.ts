import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface CapturedRequest {
  method: string;
  /** Path and query, e.g. `/hooks/abc`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json?: unknown;
  receivedAt: Date;
}

/** How to answer one request. Default: 200 `ok` as text/plain, like Mattermost. */
export interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Cut the connection without an answer (the client sees a network error). */
  destroy?: boolean;
  /** Answer only after this many milliseconds. */
  delayMs?: number;
}

export interface HttpCapture {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request received, in order, recorded before it is answered. */
  requests: CapturedRequest[];
  /** Answers for the next requests, one each, in order; then the default again. */
  script(...replies: Reply[]): void;
  /** The answer to every request no script covers (initially 200 `ok`): a receiver that is down, then fixed. */
  answerByDefault(reply: Reply): void;
  /** Record but do not answer requests until `release()` (crash tests). */
  hold(): void;
  /** Stop holding: answer the held requests (with their scripted replies) and the next ones. */
  release(): void;
  /** Number of requests received but not answered yet. */
  readonly pending: number;
  /** Resolves when at least `n` requests were received. */
  waitForRequests(n: number, timeoutMs?: number): Promise<CapturedRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, random port, that records requests and answers as scripted. */
export async function startHttpCapture(): Promise<HttpCapture> {
  const requests: CapturedRequest[] = [];
  const queue: Reply[] = [];
  let fallback: Reply = {};
  const held: Array<() => void> = [];
  const waiters: Array<() => void> = [];
  let holding = false;
  let pending = 0;

  const answer = (res: ServerResponse, reply: Reply) => {
    const send = () => {
      pending--;
      if (reply.destroy) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? 'ok');
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        receivedAt: new Date(),
      });
      pending++;
      for (const w of waiters.splice(0)) w();
      // The reply is chosen on arrival, so a script applies in request order even when held.
      const reply = queue.shift() ?? fallback;
      if (holding) held.push(() => answer(res, reply));
      else answer(res, reply);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    answerByDefault: (reply) => {
      fallback = reply;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const h of held.splice(0)) h();
    },
    get pending() {
      return pending;
    },
    waitForRequests: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`expected ${n} requests within ${timeoutMs} ms, got ${requests.length}`)),
          timeoutMs,
        );
        const check = () => {
          if (requests.length >= n) {
            clearTimeout(deadline);
            resolve(requests.slice());
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        held.length = 0;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
