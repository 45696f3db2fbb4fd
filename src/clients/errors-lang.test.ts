import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english.js';
import { prometheusQuery } from '../checks/prometheus/query/index.js';
import { sayError } from '../core/said.js';
import { absentSocket, engineFailure } from './docker/engine.js';
import { DockerError, dockerError } from './docker/errors.js';
import { PrometheusError } from './prometheus/errors.js';
import { expectOk } from './prometheus/http.js';
import { httpsFetcher } from './proxmox/transport.js';
import { ProbeError, probeTls } from './tls/probe.js';

/*
 * The rule for clients' errors (docs/architecture.md, "A kind's words"): a
 * client throws its typed error with a Said; `message` is the English (logs,
 * details), `sayError(lang, err)` the team's language; the raw text of the
 * other program or of Node stays as it came, after a colon.
 */
describe("clients' errors in the team's language", () => {
  it('Docker: unreachable, permission, absent socket said in French, raw code kept', () => {
    const refused = dockerError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'unix:///run/docker.sock',
      'GET /info',
    );
    expect(refused.message).toBe('cannot reach the Docker engine at unix:///run/docker.sock: ECONNREFUSED');
    const fr = sayError('fr', refused);
    expect(fr).toBe('impossible de joindre le moteur Docker en unix:///run/docker.sock : ECONNREFUSED');
    expect(englishWords(fr)).toEqual([]);
    const d = { via_ssh: true } as Parameters<typeof engineFailure>[1];
    const o = engineFailure(refused, d, undefined, 'local', 'fr');
    expect(o.summary).toBe(fr);
    const denied = dockerError(
      Object.assign(new Error('x'), { code: 'EACCES' }),
      'unix:///run/docker.sock',
      'GET /info',
    );
    expect(englishWords(sayError('fr', denied))).toEqual([]);
    const probe = {
      argv: ['test', '-S', '/var/run/docker.sock'],
      exitCode: 1,
      stdout: '',
      stderr: '',
      timedOut: false,
      durationMs: 1,
    };
    const absent = absentSocket(probe, d, 'local', 'fr');
    expect(absent?.summary).toBe('pas de socket Docker en /var/run/docker.sock');
    for (const r of absent?.reasons ?? []) expect(englishWords(r), r).toEqual([]);
    // An error built from a raw text (another program's) is shown as it came.
    expect(sayError('fr', new DockerError('Conflict. The container name is in use', 'api'))).toBe(
      'Conflict. The container name is in use',
    );
  });

  it('Prometheus: a closed port and a refused token, in French through prometheus.query', async () => {
    // A port that was just free on our loopback: connection refused.
    const srv = createServer((_q, r) => r.writeHead(401).end());
    await new Promise<void>((ok) => srv.listen(0, '127.0.70.1', ok));
    const port = (srv.address() as AddressInfo).port;
    const run = (url: string) =>
      prometheusQuery.evaluate({
        lang: 'fr',
        options: prometheusQuery.options.parse({ url, query: 'up', crit: 1 }),
        outputs: [],
        now: new Date(),
        target: { name: 'prom', transport: 'local' },
        signal: new AbortController().signal,
        run: async () => [],
      });
    const auth = await run(`http://127.0.70.1:${port}`);
    expect(auth.status).toBe('UNKNOWN');
    expect(auth.summary).toBe(
      `impossible d’interroger Prometheus http://127.0.70.1:${port} : http://127.0.70.1:${port}/api/v1/query : HTTP 401 : vérifiez le jeton`,
    );
    await new Promise((ok) => srv.close(ok));
    const refused = await run(`http://127.0.70.1:${port}`);
    expect(refused.summary).toMatch(
      /^impossible d’interroger Prometheus \S+ : impossible de joindre \S+ : ECONNREFUSED$/,
    );
    expect(englishWords(refused.summary)).toEqual([]);
    expect(() => expectOk('http://p', '/x', { status: 500, body: 'boom' })).toThrow(
      'http://p/x: HTTP 500: boom',
    );
    expect(new PrometheusError('raw', 'http').said).toBeUndefined();
  });

  it('Proxmox: a configuration error in French, its English as the message', () => {
    let err: unknown;
    try {
      httpsFetcher({ url: 'http://127.0.70.1:8006', tokenId: 't', secret: { reveal: () => 's' } } as never);
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe('url must be https:// (http://127.0.70.1:8006)');
    expect(sayError('fr', err)).toBe('url doit être en https:// (http://127.0.70.1:8006)');
  });

  it('TLS: a PostgreSQL server with SSL off, said in French by the probe', async () => {
    // Answers the SSLRequest as a PostgreSQL server with ssl = off does: one byte, "N".
    const srv = createTcpServer((sock) => sock.once('data', () => sock.end('N')));
    await new Promise<void>((ok) => srv.listen(0, '127.0.70.4', ok));
    const port = (srv.address() as AddressInfo).port;
    const err = await probeTls({ host: '127.0.70.4', port, starttls: 'postgres', timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    srv.close();
    expect(err).toBeInstanceOf(ProbeError);
    expect((err as ProbeError).notOffered).toBe(true);
    expect((err as Error).message).toBe('the PostgreSQL server has SSL off');
    expect(sayError('fr', err)).toBe('le serveur PostgreSQL a SSL désactivé');
  });

  it('TLS: an SMTP server closing before its greeting, and a bad greeting, said in French', async () => {
    // A server that closes at once (postscreen or a full listener does so): no greeting.
    const closing = createTcpServer((sock) => sock.end());
    // A server that greets with 554 (a refused client): its reply quoted as it came.
    const refusing = createTcpServer((sock) => sock.end('554 5.7.1 127.0.74.3 go away\r\n'));
    await Promise.all(
      [closing, refusing].map((s) => new Promise<void>((ok) => s.listen(0, '127.0.74.3', ok))),
    );
    const probe = (s: typeof closing) =>
      probeTls({
        host: '127.0.74.3',
        port: (s.address() as AddressInfo).port,
        starttls: 'smtp',
        timeoutMs: 5000,
      }).catch((e: unknown) => e);
    const [closed, refused] = await Promise.all([probe(closing), probe(refusing)]);
    closing.close();
    refusing.close();
    expect((closed as Error).message).toBe('connection closed while waiting for the SMTP greeting');
    expect(sayError('fr', closed)).toBe('connexion fermée en attendant la bannière SMTP');
    expect((refused as Error).message).toBe('SMTP greeting: 554 5.7.1 127.0.74.3 go away');
    const fr = sayError('fr', refused);
    expect(fr).toBe('bannière SMTP inattendue : 554 5.7.1 127.0.74.3 go away');
    expect(englishWords(fr, { raw: ['554 5.7.1 127.0.74.3 go away'] })).toEqual([]);
  });
});
