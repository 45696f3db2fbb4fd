import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshnessUrl } from '../../src/checks/freshness/url/index.js';
import type { AnyCheckKind, CheckResult } from '../../src/core/check.js';
import { runRound } from '../../src/core/runner.js';
import { LocalTarget } from '../../src/targets/local.js';

const HOUR = 3600_000;
const dir = mkdtempSync(join(tmpdir(), 'ronde-fresh-'));
const servers: Server[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function check(kind: AnyCheckKind, options: Record<string, unknown>): Promise<CheckResult> {
  const { results } = await runRound([
    {
      target: new LocalTarget('here'),
      checks: [{ instance: 'f', kind, options: kind.options.parse(options), timeoutSec: 30, explicit: true }],
    },
  ]);
  return results[0]!;
}

describe('freshness.url against a real HTTP server on 127.0.0.1', () => {
  let base = '';
  const lastModified = (hours: number) => new Date(Date.now() - hours * HOUR).toUTCString();
  beforeAll(async () => {
    const server = createHttp((req, res) => {
      const u = req.url ?? '';
      if (u === '/fresh.png') res.writeHead(200, { 'Last-Modified': lastModified(3) }).end('png');
      else if (u === '/stale.png') res.writeHead(200, { 'Last-Modified': lastModified(72) }).end('png');
      else if (u === '/moved') res.writeHead(302, { Location: '/stale.png' }).end();
      else if (u === '/plain') res.writeHead(200).end('x');
      else if (u === '/api/iso')
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ data: { updated_at: new Date(Date.now() - 2 * HOUR).toISOString() } }));
      else if (u === '/api/epoch')
        res.writeHead(200).end(JSON.stringify({ t: Math.floor(Date.now() / 1000) - 50 * 3600 }));
      else res.writeHead(404).end('no');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  it('judges Last-Modified, following redirects', async () => {
    expect(await check(freshnessUrl, { url: `${base}/fresh.png` })).toMatchObject({ status: 'OK' });
    const r = await check(freshnessUrl, { url: `${base}/moved`, max_age: '1d' });
    expect(r).toMatchObject({ status: 'CRIT', summary: `${base}/moved modified 3d ago (max 1d)` });
    expect(r.details).toMatchObject({ status: 200, clock: 'server Date header' });
  });

  it('judges a date in a JSON body, ISO or epoch', async () => {
    const iso = await check(freshnessUrl, { url: `${base}/api/iso`, json_field: 'data.updated_at' });
    expect(iso.status).toBe('OK');
    // The server's Date header has whole seconds: the age may read one second short.
    expect(iso.summary).toMatch(/\/api\/iso data\.updated_at modified (2h|1h 59m) ago$/);
    expect((await check(freshnessUrl, { url: `${base}/api/epoch`, json_field: 't' })).status).toBe('CRIT');
    expect((await check(freshnessUrl, { url: `${base}/api/iso`, json_field: 'data.nope' })).summary).toBe(
      `${base}/api/iso: no field data.nope in the JSON body`,
    );
  });

  it('is CRIT on an HTTP error and UNKNOWN without Last-Modified or a server', async () => {
    const missing = await check(freshnessUrl, { url: `${base}/gone` });
    expect(missing.status).toBe('CRIT');
    expect(missing.summary).toMatch(/404/);
    expect((await check(freshnessUrl, { url: `${base}/plain` })).summary).toBe(
      `${base}/plain: no Last-Modified header`,
    );
    const down = await check(freshnessUrl, { url: 'http://127.0.0.1:9/x' });
    expect(down.status).toBe('UNKNOWN');
    expect(down.summary).toMatch(/Failed to connect|Couldn't connect/);
    // Without a url the configuration is refused at load (src/config/load.test.ts), never run.
    expect(freshnessUrl.options.safeParse({}).success).toBe(false);
  });

  it('verifies TLS: CRIT for an untrusted certificate, OK with its CA given', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    // biome-ignore format: openssl options
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = createHttps({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      res.writeHead(200, { 'Last-Modified': lastModified(1) }).end('x'),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/graph.png`;
    const untrusted = await check(freshnessUrl, { url });
    expect(untrusted.status).toBe('CRIT');
    expect(untrusted.summary).toMatch(/TLS: curl: \(60\) SSL certificate problem/);
    expect((await check(freshnessUrl, { url, ca_file: cert })).status).toBe('OK');
  });
});
